import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { ConfigError } from '../../src/config/config-error.ts';

const HTTP_ENV = { SLACK_BOT_TOKEN: 'xoxb-test-bot-token', SLACK_SIGNING_SECRET: 'test-signing-secret' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/aigov');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills defaults in HTTP mode and resolves paths against the working directory', () => {
    const config = loadConfig(HTTP_ENV, '/srv/aigov');
    expect(config).toMatchObject({
      mode: 'http',
      port: 3000,
      slackApiUrl: null,
      corpusDir: path.resolve('/srv/aigov/corpus'),
      dataDir: path.resolve('/srv/aigov/data'),
      logLevel: 'info',
      digestChannel: null,
    });
  });

  it('switches to Socket Mode when SLACK_APP_TOKEN is set, without needing a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-abc' });
    expect(config.mode).toBe('socket');
    expect(config.signingSecret).toBeNull();
  });

  it('adds the trailing slash the Web API client needs to SLACK_API_URL', () => {
    expect(loadConfig({ ...HTTP_ENV, SLACK_API_URL: 'http://127.0.0.1:9999/api' }).slackApiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('reads FETCH_ALLOW_PRIVATE as addresses and CIDR ranges, empty by default', () => {
    expect(loadConfig(HTTP_ENV).fetchAllowPrivate).toEqual([]);
    const ranges = loadConfig({ ...HTTP_ENV, FETCH_ALLOW_PRIVATE: ' 127.0.0.1, 127.0.0.0/8 ,fd00::/8,' }).fetchAllowPrivate;
    expect(ranges.map((r) => r.text)).toEqual(['127.0.0.1/32', '127.0.0.0/8', 'fd00::/8']);
  });

  it.each(['127.1', '0x7f.0.0.1', '127.0.0.0/33', 'intranet.local', '::1/129', '127.0.0.0/'])(
    'names the bad FETCH_ALLOW_PRIVATE entry %s',
    (entry) => {
      const err = configError({ ...HTTP_ENV, FETCH_ALLOW_PRIVATE: `127.0.0.1,${entry}` });
      expect(err.variable).toBe('FETCH_ALLOW_PRIVATE');
      expect(err.message).toContain(`'${entry}'`);
    },
  );

  it.each([
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '   ' }, 'SLACK_SIGNING_SECRET'],
    [{ ...HTTP_ENV, PORT: 'eighty' }, 'PORT'],
    [{ ...HTTP_ENV, PORT: '70000' }, 'PORT'],
    [{ ...HTTP_ENV, SLACK_API_URL: 'not a url' }, 'SLACK_API_URL'],
    [{ ...HTTP_ENV, SLACK_API_URL: 'ftp://example.com/api/' }, 'SLACK_API_URL'],
    [{ ...HTTP_ENV, LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
    [{ ...HTTP_ENV, DIGEST_CHANNEL: '#general' }, 'DIGEST_CHANNEL'],
    [{ ...HTTP_ENV, DIGEST_TIME: '09:00' }, 'DIGEST_CHANNEL'],
    [{ ...HTTP_ENV, DIGEST_CHANNEL: 'C0123ABC', DIGEST_TIME: '25:00' }, 'DIGEST_TIME'],
    [{ ...HTTP_ENV, DIGEST_CHANNEL: 'C0123ABC', DIGEST_TIME_ZONE: 'Mars/Olympus' }, 'DIGEST_TIME_ZONE'],
    [{ ...HTTP_ENV, ADMIN_USER_IDS: 'U0123ABC, @ada' }, 'ADMIN_USER_IDS'],
  ])('names the variable at fault (%o → %s)', (env, variable) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('reads ADMIN_USER_IDS as a list of user ids, empty by default', () => {
    expect(loadConfig(HTTP_ENV).adminUserIds).toEqual([]);
    expect(loadConfig({ ...HTTP_ENV, ADMIN_USER_IDS: ' U0123ABC, W0456DEF ,' }).adminUserIds).toEqual(['U0123ABC', 'W0456DEF']);
  });

  it('never puts a token in the error message', () => {
    const err = configError({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_SIGNING_SECRET: 's' });
    expect(err.variable).toBe('SLACK_BOT_TOKEN');
    expect(err.message).not.toContain('user-token-secret');
  });

  it('reads AIGOV_FRESH_START as a flag, off by default, and names it when malformed', () => {
    expect(loadConfig(HTTP_ENV).freshStart).toBe(false);
    expect(loadConfig({ ...HTTP_ENV, AIGOV_FRESH_START: '1' }).freshStart).toBe(true);
    expect(loadConfig({ ...HTTP_ENV, AIGOV_FRESH_START: 'false' }).freshStart).toBe(false);
    expect(configError({ ...HTTP_ENV, AIGOV_FRESH_START: 'yes please' }).message).toMatch(/^AIGOV_FRESH_START: must be 1 or 0/);
  });
});
