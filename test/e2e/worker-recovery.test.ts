/**
 * A crashed corpus worker is replaced: the real bot, its worker made to throw
 * through the test-only fault hook (WorkerCorpusOptions.faultInjection, which
 * nothing in the bot's configuration can set).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerCorpus } from '../../src/corpus/worker/corpus-worker-client.ts';
import { INDEX_SNAPSHOT_DIR } from '../../src/app/corpus-wiring.ts';
import { MESSAGES } from '../../src/slack/messages.ts';
import { appMentionEventBody } from '../support/slack-payloads.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';
import { until } from '../support/until.ts';

let t: TestBot;
let corpus: WorkerCorpus;
beforeAll(async () => {
  t = await startTestBot({
    corpus: (config) => {
      corpus = new WorkerCorpus(config.corpusDir, () => new Date(), {
        snapshotDir: path.join(config.dataDir, INDEX_SNAPSHOT_DIR),
        faultInjection: true,
        // Long enough to see `recovering` from outside.
        restartBackoff: { initialMs: 800, factor: 2, maxMs: 5_000, stableAfterMs: 60_000 },
      });
      return corpus;
    },
  });
});
afterAll(async () => {
  await t?.stop();
});

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function mention(eventId: string, channel: string): Promise<void> {
  const { body, contentType } = appMentionEventBody({ eventId, channel, text: '<@UBOT> who co-hosted the high-level meeting on AI capacity-building?' });
  expect((await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType })).status).toBe(200);
}

describe('a crashed corpus worker', () => {
  it('is logged with its error when it crashes, says recovering, tells users to try again, and serves again', async () => {
    expect((await health()).status).toBe(200);
    corpus.injectCrash();
    await until(() => t.logText().includes('the corpus worker crashed'), 20_000);
    const crashLine = t.logText().split('\n').find((l) => l.includes('the corpus worker crashed'))!;
    expect(crashLine).toContain('injected fault: corpus worker crash');

    const during = await health();
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ status: 'recovering', ready: false });

    await mention('Ev-during-recovery', 'CREC');
    const told = await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'CREC');
    expect(told.args['text']).toBe(MESSAGES.recovering);

    await until(async () => (await health()).status === 200, 20_000);
    expect(t.logText()).toContain('the corpus worker recovered');
    await mention('Ev-after-recovery', 'CAFTER');
    const answered = await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'CAFTER');
    expect(JSON.stringify(answered.args)).toContain('Zambia');
  }, 60_000);

  it('refuses the fault hook when it is off (as in the bot)', () => {
    const plain = new WorkerCorpus(t.config.corpusDir);
    try {
      expect(() => plain.injectCrash()).toThrow(/fault injection is off/);
    } finally {
      void plain.close();
    }
  });
});
