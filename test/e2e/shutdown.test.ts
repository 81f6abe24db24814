/**
 * Graceful shutdown with the real bot: what was acked is answered, what
 * arrives during the stop is refused with 503 (Slack retries it elsewhere).
 * The same with a real SIGTERM to a running process: test/start-up.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appMentionEventBody, slashCommandBody } from '../support/slack-payloads.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

const running: TestBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop().catch(() => undefined)));
});

function mentionRequest(eventId: string, channel: string) {
  const { body, contentType } = appMentionEventBody({ eventId, channel, text: '<@UBOT> who co-hosted the high-level meeting on AI capacity-building?' });
  return { signingSecret: TEST_SIGNING_SECRET, body, contentType };
}

describe('stopping the bot', () => {
  it('answers what it acked before the stop, refuses what arrives during it with 503, then exits', async () => {
    const t = await startTestBot();
    running.push(t);
    // Slack slow to take the answers: they are still in flight when the stop begins.
    t.api.stub('chat.postMessage', async () => {
      await new Promise((r) => setTimeout(r, 600));
      return undefined;
    });
    const acked = await postSignedToBolt(t.eventsUrl, mentionRequest('Ev-inflight', 'CIN'));
    expect(acked.status).toBe(200);
    const name = 'stop-cmd';
    const command = slashCommandBody({ text: 'search capacity-building', responseUrl: t.api.responseUrl(name) });
    const commandAck = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, ...command });
    expect(commandAck.status).toBe(200);

    const stopping = t.bot.stop();
    // Arriving during the stop: refused, so Slack sends it to another instance (or retries later).
    const late = await postSignedToBolt(t.eventsUrl, mentionRequest('Ev-late', 'CLATE'));
    expect(late.status).toBe(503);
    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'stopping' });
    await stopping;
    running.splice(0);

    expect(JSON.stringify(t.api.messages('CIN'))).toContain('Zambia');
    expect(t.api.responses(name)).toHaveLength(1);
    expect(JSON.stringify(t.api.responses(name)[0]!.body)).toContain('apacity');
    expect(t.api.calls('chat.postMessage').filter((c) => c.args['channel'] === 'CLATE')).toHaveLength(0);
    expect(t.logText()).toContain('work in flight finished');
    await t.api.close();
  });

  it('stops after the drain time even if work is still running, and says so', async () => {
    const t = await startTestBot({ drainMs: 300 });
    running.push(t);
    t.api.stub('chat.postMessage', async () => {
      await new Promise((r) => setTimeout(r, 3_000));
      return undefined;
    });
    expect((await postSignedToBolt(t.eventsUrl, mentionRequest('Ev-stuck', 'CSTUCK'))).status).toBe(200);
    await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'CSTUCK');
    await t.bot.stop();
    running.splice(0);
    expect(t.logText()).toContain('stopping with work still in flight');
    await t.api.close();
  });
});
