/**
 * The daily digest end to end: the real bot (HTTP mode) on a temp SQLite
 * database, its digest WebClient and Bolt's interactive one both talking to
 * the Slack Web API stand-in, `/aigov digest …` sent as signed requests, and
 * the scheduler driven by a fake clock through `bot.digest.scheduler.tick()`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postSignedToBolt, slashCommandBody } from '../support/slack-signature.ts';
import { rateLimited, type ApiCall } from '../support/slack-api-stand-in.ts';
import { writeCorpus, fakeClock } from '../digest/support.ts';
import { TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

const T0 = '2025-11-23T12:00:00Z';
const DUE = '2025-11-24T09:00:00Z';
const clock = fakeClock(T0);
let t: TestBot;
let seq = 0;

beforeAll(async () => {
  t = await startTestBot({ now: clock.now, digestIntervalMs: 3_600_000 });
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  await tick(); // let any start-up tick finish before the stand-in forgets its calls
  t.api.reset();
  clock.set(T0);
});

async function tick(bot: TestBot = t): Promise<void> {
  const scheduler = bot.bot.digest.scheduler;
  if (scheduler === null) throw new Error('digest scheduler not started');
  await scheduler.tick();
}

/** `/aigov <text>` in `channel`, signed as Slack signs it; resolves with the private answer's text. */
async function slash(text: string, channel: string, bot: TestBot = t): Promise<string> {
  const name = `digest-cmd-${++seq}`;
  const { body, contentType } = slashCommandBody({ text, channelId: channel, responseUrl: bot.api.responseUrl(name) });
  const ack = await postSignedToBolt(bot.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
  expect(ack.status).toBe(200);
  const answer = await bot.api.waitForResponse(name);
  expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
  return JSON.stringify(answer.body);
}

const postsTo = (channel: string) => (call: ApiCall) => call.method === 'chat.postMessage' && call.args.channel === channel;

describe('digest through the real bot', () => {
  it('subscribes with the Slack time zone, posts when due, once, and survives a restart without posting again', async () => {
    const answer = await slash('digest subscribe', 'CMAIN');
    expect(answer).toContain('every day at 09:00 (Europe/Brussels). Next: Mon 24 Nov 2025 09:00 (Europe/Brussels).');
    expect(t.api.calls('users.info')).toHaveLength(1);

    clock.set('2025-11-24T07:59:00Z');
    await tick();
    expect(t.api.messages('CMAIN')).toHaveLength(0);
    clock.set('2025-11-24T08:00:00Z');
    await tick();
    await tick();
    const [post] = t.api.messages('CMAIN');
    expect(t.api.messages('CMAIN')).toHaveLength(1);
    expect(JSON.stringify(post!.blocks)).toContain('the latest 5 articles');
    expect(JSON.stringify(post!.blocks)).not.toMatch(/<!channel>|<@U/); // the hostile fixture arrives escaped
    // The digest went through its own client, with the bot token.
    expect(t.api.calls('chat.postMessage').find(postsTo('CMAIN'))?.headers.authorization).toMatch(/^Bearer xoxb-/);

    const status = await slash('digest status', 'CMAIN');
    expect(status).toContain('Next: Tue 25 Nov 2025 09:00 (Europe/Brussels)');
    expect(status).toContain('Last digest: posted Mon 24 Nov 2025 09:00 (Europe/Brussels)');

    clock.set('2025-11-24T10:00:00Z');
    t = await t.restart();
    await tick();
    expect(t.api.messages('CMAIN')).toHaveLength(1);
  });

  it('channel_not_found pauses the subscription, and status says why', async () => {
    await slash('digest subscribe 09:00 UTC', 'CGONE');
    t.api.stub('chat.postMessage', (call) => (call.args.channel === 'CGONE' ? { ok: false, error: 'channel_not_found' } : undefined));
    clock.set(DUE);
    await tick();
    await tick();
    expect(t.api.calls('chat.postMessage').filter(postsTo('CGONE'))).toHaveLength(1);
    const status = await slash('digest status', 'CGONE');
    expect(status).toContain('Paused since Mon 24 Nov 2025 09:00 (UTC)');
    expect(status).toContain('channel_not_found');
    expect(status).toContain('/invite @aigov');

    t.api.unstub('chat.postMessage');
    await slash('digest subscribe 09:00 UTC', 'CGONE'); // re-subscribing resumes it
    expect(await slash('digest status', 'CGONE')).not.toContain('Paused');
  });

  it('not_in_channel: joins the channel, posts once', async () => {
    await slash('digest subscribe 09:00 UTC', 'CJOIN');
    t.api.stub('chat.postMessage', [
      (call) => (call.args.channel === 'CJOIN' ? { ok: false, error: 'not_in_channel' } : undefined),
    ]);
    clock.set(DUE);
    await tick();
    expect(t.api.calls('conversations.join').map((c) => c.args.channel)).toEqual(['CJOIN']);
    expect(t.api.calls('chat.postMessage').filter(postsTo('CJOIN'))).toHaveLength(2);
    expect(t.api.messages('CJOIN')).toHaveLength(1);
  });

  it('429: the digest waits out Retry-After and posts once, while an interactive call goes through at once', async () => {
    await slash('digest subscribe 09:00 UTC', 'CSLOW');
    let limited = false;
    t.api.stub('chat.postMessage', (call) => {
      if (call.args.channel !== 'CSLOW' || limited) return undefined;
      limited = true;
      return rateLimited(1);
    });
    clock.set(DUE);
    const ticking = tick();
    const first = await t.api.waitForCall('chat.postMessage', (c) => c.args.channel === 'CSLOW');

    // Meanwhile, someone subscribes another channel: users.info goes through Bolt's client.
    const answer = slash('digest subscribe', 'COTHER');
    const interactive = await t.api.waitForCall('users.info', (c) => c.at >= first.at);
    await answer;
    await ticking;

    const calls = t.api.calls('chat.postMessage').filter(postsTo('CSLOW'));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - first.at).toBeGreaterThanOrEqual(950);
    expect(interactive.at - first.at).toBeLessThan(900);
    expect(t.api.messages('CSLOW')).toHaveLength(1);
  });

  it('/aigov digest now posts here, counts as today\'s digest, then says nothing new', async () => {
    await slash('digest subscribe 09:00 UTC', 'CNOW');
    clock.set('2025-11-24T08:00:00Z');
    expect(await slash('digest now', 'CNOW')).toContain("It counts as today's digest");
    expect(t.api.messages('CNOW')).toHaveLength(1);
    clock.set(DUE);
    await tick();
    expect(t.api.messages('CNOW')).toHaveLength(1);
    clock.set('2025-11-25T08:00:00Z');
    expect(await slash('digest now', 'CNOW')).toMatch(/Nothing new since Sun 23 Nov 2025 12:00 \(UTC\)/);
    expect(await slash('digest unsubscribe', 'CNOW')).toContain('no longer get the aigov digest');
    expect(await slash('digest bogus', 'CNOW')).toContain('Daily digest commands');
  });
});

describe('a long digest', () => {
  it('is split into a channel post and thread replies, every article once', async () => {
    const bot = await startTestBot({ corpusDir: writeCorpus(20), now: clock.now, digestIntervalMs: 3_600_000 });
    try {
      await tick(bot);
      // A digest two days ago covered nothing yet, so all 20 articles are new today.
      await bot.bot.store.digests.reserveDigest('CLONG', '2025-11-22', clock.now());
      await bot.bot.store.digests.completeDigest('CLONG', '2025-11-22', { messageTs: null, articleIds: [], coveredUntil: new Date('2025-11-01T00:00:00Z') }, clock.now());
      await slash('digest subscribe 09:00 UTC', 'CLONG', bot);
      clock.set(DUE);
      await tick(bot);
      const [post, ...replies] = bot.api.messages('CLONG');
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.every((r) => r.thread_ts === post!.ts)).toBe(true);
      const titles = bot.api.messages('CLONG').flatMap((m) => JSON.stringify(m.blocks).match(/Article \d+ on/g) ?? []);
      expect(titles).toHaveLength(20);
      expect(new Set(titles).size).toBe(20);
    } finally {
      await bot.stop();
    }
  });
});
