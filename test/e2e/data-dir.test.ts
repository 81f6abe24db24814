/**
 * State is checked: a database missing or empty in a DATA_DIR that was used
 * is refused unless the operator asks for a fresh start; a database that
 * fails under the running bot turns /healthz to 503 and users are told.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { DATABASE_FILE } from '../../src/store/sqlite/database-file.ts';
import { MESSAGES } from '../../src/slack/messages.ts';
import { appMentionEventBody, slashCommandBody } from '../support/slack-payloads.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { switchableStore } from '../support/switchable-store.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

const running: TestBot[] = [];
const apis: SlackApiStandIn[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()));
  await Promise.all(apis.splice(0).map((a) => a.close()));
});

/** A data directory the bot has run in once (database, marker, saved index). */
async function usedDataDir(): Promise<{ dataDir: string; api: SlackApiStandIn }> {
  const api = await startSlackApiStandIn();
  apis.push(api);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-datadir-'));
  const first = await startTestBot({ api, dataDir });
  await first.stop();
  return { dataDir, api };
}

function removeDatabase(dataDir: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `${DATABASE_FILE}${suffix}`), { force: true });
}

describe('the database at start', () => {
  it('refuses to start when the database was deleted from a used DATA_DIR, naming the setting that overrides it', async () => {
    const { dataDir, api } = await usedDataDir();
    removeDatabase(dataDir);
    await expect(startTestBot({ api, dataDir })).rejects.toThrow(/aigov\.sqlite' is missing although DATA_DIR shows earlier use.*AIGOV_FRESH_START=1/);
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it('refuses an empty (0-byte) database file likewise', async () => {
    const { dataDir, api } = await usedDataDir();
    removeDatabase(dataDir);
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), '');
    await expect(startTestBot({ api, dataDir })).rejects.toThrow(/is empty \(0 bytes\)/);
  });

  it('starts afresh when told to, and says so loudly', async () => {
    const { dataDir, api } = await usedDataDir();
    removeDatabase(dataDir);
    const t = await startTestBot({ api, dataDir, env: { AIGOV_FRESH_START: '1' } });
    running.push(t);
    expect(t.logText()).toMatch(/"level":40[^\n]*starting afresh because AIGOV_FRESH_START is set/);
  });

  it('starts on a new, empty DATA_DIR without a word', async () => {
    const t = await startTestBot();
    running.push(t);
    expect(t.logText()).not.toContain('AIGOV_FRESH_START');
    expect(fs.existsSync(path.join(t.dataDir, '.aigov-data'))).toBe(true);
  });
});

describe('a database the bot cannot write', () => {
  it('turns /healthz to 503 with the reason, and tells users plainly (mentions and commands)', async () => {
    // The database turns read-only under the running bot (switchable-store.ts says how).
    const store = switchableStore();
    const t = await startTestBot({ openStore: store.openStore });
    running.push(t);
    onTestFinished(() => store.close());
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    await store.makeReadOnly();

    const mention = appMentionEventBody({ eventId: 'Ev-readonly', channel: 'CRO', text: '<@UBOT> who co-hosted the high-level meeting?' });
    const ack = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, ...mention });
    expect(ack.status).toBe(200);
    const told = await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'CRO');
    expect(told.args['text']).toBe(MESSAGES.storeUnavailable);

    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'store-failing', reason: expect.stringMatching(/readonly/) });

    const command = slashCommandBody({ text: 'digest subscribe 09:00 UTC', responseUrl: t.api.responseUrl('ro-cmd') });
    await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, ...command });
    const reply = await t.api.waitForResponse('ro-cmd');
    expect(JSON.stringify(reply.body)).toContain(MESSAGES.storeUnavailable.slice(0, 40));
  });
});
