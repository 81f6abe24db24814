import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.ts';
import { createAdminCheck } from '../../src/slack/admin-check.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';

let api: SlackApiStandIn;
let client: WebClient;
const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

beforeAll(async () => {
  api = await startSlackApiStandIn();
  client = new WebClient('xoxb-test', { slackApiUrl: api.url, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await api.close();
});

describe('who is an admin', () => {
  it('follows ADMIN_USER_IDS when it is set, without asking Slack', async () => {
    const isAdmin = createAdminCheck({ adminUserIds: ['UADMIN'], client, logger });
    expect(await isAdmin('UADMIN')).toBe(true);
    expect(await isAdmin('U1')).toBe(false);
    expect(api.calls('users.info')).toHaveLength(0);
  });

  it('otherwise asks users.info for workspace admins and owners, and refuses when Slack cannot say', async () => {
    api.stub('users.info', (call) => {
      if (call.args.user === 'UOWNER') return { ok: true, user: { id: 'UOWNER', is_admin: false, is_owner: true } };
      if (call.args.user === 'UADMIN') return { ok: true, user: { id: 'UADMIN', is_admin: true, is_owner: false } };
      if (call.args.user === 'UGONE') return { ok: false, error: 'user_not_found' };
      return undefined;
    });
    const isAdmin = createAdminCheck({ adminUserIds: [], client, logger });
    expect(await isAdmin('UOWNER')).toBe(true);
    expect(await isAdmin('UADMIN')).toBe(true);
    expect(await isAdmin('U1')).toBe(false);
    expect(await isAdmin('UGONE')).toBe(false);
    // Answers are kept for a while: asking again does not call Slack again.
    const calls = api.calls('users.info').length;
    expect(await isAdmin('UOWNER')).toBe(true);
    expect(api.calls('users.info')).toHaveLength(calls);
  });
});
