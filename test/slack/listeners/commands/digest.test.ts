import path from 'node:path';
import type { RespondArguments, RespondFn } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_TEXT, createDigestCommand, parseSubscribeArgs } from '../../../../src/slack/listeners/commands/digest.ts';
import type { SubcommandHandler } from '../../../../src/slack/listeners/commands/command-context.ts';
import type { CorpusService } from '../../../../src/corpus/corpus-service.ts';
import { createDigestDelivery } from '../../../../src/digest/deliver-digest.ts';
import { openSqliteStore, type SqliteStore } from '../../../../src/store/sqlite/sqlite-store.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../../../support/slack-api-stand-in.ts';
import { captureLogger, digestClient, fakeClock, loadCorpus, tempDir } from '../../../digest/support.ts';

const FIXTURE_CORPUS = path.resolve(import.meta.dirname, '../../../fixtures/corpus');
const CHANNEL = 'CCMD';

let api: SlackApiStandIn;
let corpus: CorpusService;
let store: SqliteStore;
let clock: ReturnType<typeof fakeClock>;
let userZone: string | null | Error;
let handler: SubcommandHandler;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  corpus = await loadCorpus(FIXTURE_CORPUS);
});
afterAll(async () => {
  await api.close();
});
beforeEach(async () => {
  api.reset();
  store = openSqliteStore(path.join(tempDir('cmd'), 'aigov.sqlite'));
  await store.articlesSeen.recordArticlesSeen(corpus.index.all().map((a) => a.id), new Date('2025-11-20T00:00:00Z'));
  clock = fakeClock('2025-11-23T20:00:00Z'); // a Sunday
  userZone = 'Europe/Brussels';
  const delivery = createDigestDelivery({ client: digestClient(api), store, corpus, logger: captureLogger().logger, now: clock.now });
  handler = createDigestCommand({
    store,
    delivery,
    now: clock.now,
    lookUpUserTimeZone: async () => {
      if (userZone instanceof Error) throw userZone;
      return userZone;
    },
  });
});
afterEach(async () => {
  await store.close();
});

/** Runs `/aigov digest <args>` and returns what it answered, as text. */
async function digest(args: string): Promise<string> {
  const answers: RespondArguments[] = [];
  await handler({ args, userId: 'U1', channelId: CHANNEL, respond: (async (message: RespondArguments) => void answers.push(message)) as unknown as RespondFn });
  expect(answers).toHaveLength(1);
  expect(answers[0]).toMatchObject({ response_type: 'ephemeral' });
  return JSON.stringify((answers[0] as { blocks: unknown }).blocks);
}

describe('/aigov digest subscribe', () => {
  it("defaults to 09:00 in the subscriber's Slack time zone and says when the next one comes", async () => {
    const text = await digest('subscribe');
    expect(text).toContain('This channel will get the aigov digest every day at 09:00 (Europe/Brussels). Next: Mon 24 Nov 2025 09:00 (Europe/Brussels).');
    expect(await store.digests.getSubscription(CHANNEL)).toMatchObject({ time: '09:00', timeZone: 'Europe/Brussels', createdBy: 'U1' });
  });

  it('takes a time and a zone, in either order; re-subscribing changes the time', async () => {
    await digest('subscribe 9:30 Asia/Shanghai');
    expect(await store.digests.getSubscription(CHANNEL)).toMatchObject({ time: '09:30', timeZone: 'Asia/Shanghai' });
    await digest('subscribe america/new_york 5pm');
    expect(await store.digests.getSubscription(CHANNEL)).toMatchObject({ time: '17:00', timeZone: 'America/New_York' });
  });

  it('falls back to UTC and says so when the Slack time zone cannot be read', async () => {
    userZone = new Error('users.info failed');
    const text = await digest('subscribe 08:00');
    expect(text).toContain('(UTC)');
    expect(text).toContain(DIGEST_TEXT.zoneFallback);
    userZone = 'Not/AZone';
    expect(await digest('subscribe 08:00')).toContain("couldn't read your Slack time zone");
  });

  it('explains an invalid time or zone with examples, and subscribes nothing', async () => {
    expect(await digest('subscribe 25:00')).toMatch(/hours go from 0 to 23.*e\.g\. `09:00`/);
    expect(await digest('subscribe 09:00 Mars/Olympus')).toMatch(/Mars\/Olympus.*not a time zone.*Europe\/Brussels/);
    expect(await digest('subscribe soon')).toMatch(/HH:MM.*IANA name/);
    expect(await store.digests.getSubscription(CHANNEL)).toBeNull();
  });

  it('escapes what the user typed', async () => {
    const text = await digest('subscribe <!channel>');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
  });
});

describe('/aigov digest status, unsubscribe, now', () => {
  it('status without a subscription says how to start one', async () => {
    expect(await digest('status')).toContain(DIGEST_TEXT.notSubscribed);
  });

  it('status shows the time, the next post, the last post and a pause reason', async () => {
    await digest('subscribe 09:00 Europe/Brussels');
    expect(await digest('status')).toMatch(/09:00 \(Europe\/Brussels\).*Next: Mon 24 Nov 2025 09:00.*No digest has been posted/);

    clock.set('2025-11-24T07:00:00Z'); // 08:00 Brussels
    expect(await digest('now')).toContain("It counts as today's digest");
    const status = await digest('status');
    expect(status).toContain('Last digest: posted Mon 24 Nov 2025 08:00 (Europe/Brussels)');
    expect(status).toContain('Next: Tue 25 Nov 2025 09:00'); // today's is done

    await store.digests.pauseSubscription(CHANNEL, PAUSE_REASON, clock.now());
    expect(await digest('status')).toContain(`Paused since Mon 24 Nov 2025 08:00 (Europe/Brussels): ${PAUSE_REASON}`);
  });

  it('status after an interrupted post: next is tomorrow, the day is shown as interrupted, never "no digest posted yet"', async () => {
    await digest('subscribe 09:00 UTC');
    clock.set('2025-11-24T06:00:00Z');
    // Monday's digest, posted early (`digest now`), was reserved and never confirmed (a crash mid-post), then marked interrupted.
    expect(await store.digests.reserveDigest(CHANNEL, '2025-11-24', clock.now())).toBe(true);
    await store.digests.markStaleDigestsInterrupted(new Date('2025-11-24T07:30:00Z'));
    clock.set('2025-11-24T08:00:00Z'); // before Monday's 09:00, which the scheduler will not post: today is taken
    const status = await digest('status');
    expect(status).toContain('Next: Tue 25 Nov 2025 09:00 (UTC)');
    expect(status).not.toContain(DIGEST_TEXT.neverPosted);
    expect(status).toContain(DIGEST_TEXT.noneConfirmed);
    expect(status).toMatch(/Monday 24 November 2025: interrupted; Slack never confirmed the post/);
  });

  it('status history shows posted, interrupted and skipped days', async () => {
    clock.set('2025-11-20T08:00:00Z');
    await digest('subscribe 09:00 UTC');
    // Thu 20: posted. Fri 21: nothing recorded (the bot was down). Sat 22: the post failed. Sun 23: interrupted.
    await store.digests.reserveDigest(CHANNEL, '2025-11-20', new Date('2025-11-20T09:00:00Z'));
    await store.digests.completeDigest(CHANNEL, '2025-11-20', { messageTs: '1.2', articleIds: ['a', 'b'], coveredUntil: new Date('2025-11-20T09:00:00Z') }, new Date('2025-11-20T09:00:05Z'));
    await store.digests.reserveDigest(CHANNEL, '2025-11-22', new Date('2025-11-22T09:00:00Z'));
    await store.digests.releaseDigest(CHANNEL, '2025-11-22', 'channel_not_found');
    await store.digests.reserveDigest(CHANNEL, '2025-11-23', new Date('2025-11-23T09:00:00Z'));
    await store.digests.markStaleDigestsInterrupted(new Date('2025-11-23T11:00:00Z'));
    clock.set('2025-11-23T20:00:00Z');
    const status = await digest('status');
    expect(status).toContain('Last digest: posted Thu 20 Nov 2025 09:00 (UTC)');
    expect(status).toContain('Sunday 23 November 2025: interrupted');
    expect(status).toContain('Saturday 22 November 2025: skipped (the post failed: channel_not_found)');
    expect(status).toContain('Friday 21 November 2025: skipped (no digest was attempted');
    expect(status).toContain('Thursday 20 November 2025: posted Thu 20 Nov 2025 09:00 (UTC) (2 articles)');
    expect(status).toContain('Next: Mon 24 Nov 2025 09:00 (UTC)');
    expect(status).not.toContain('Wednesday 19 November'); // before the subscription
  });

  it('now twice the same day posts once; with nothing new it says since when', async () => {
    await digest('subscribe 09:00 UTC');
    clock.set('2025-11-24T07:00:00Z');
    await digest('now');
    expect(await digest('now')).toContain(DIGEST_TEXT.alreadyPosted);
    expect(api.messages(CHANNEL)).toHaveLength(1);
    clock.set('2025-11-25T07:00:00Z');
    expect(await digest('now')).toContain('Nothing new since Thu 20 Nov 2025 00:00 (UTC)');
    expect(api.messages(CHANNEL)).toHaveLength(1);
  });

  it('now after a scheduled run that found nothing new posts what came since, instead of saying it was already posted', async () => {
    await digest('subscribe 09:00 UTC');
    // The 09:00 run found nothing new after 08:30 and recorded the day without a post; then articles arrived.
    clock.set('2025-11-20T09:00:00Z');
    await store.digests.reserveDigest(CHANNEL, '2025-11-20', clock.now());
    await store.digests.completeDigest(CHANNEL, '2025-11-20', { messageTs: null, articleIds: [], coveredUntil: new Date('2025-11-19T08:30:00Z') }, clock.now());
    clock.set('2025-11-20T10:00:00Z');
    const answer = await digest('now');
    expect(answer).not.toContain(DIGEST_TEXT.alreadyPosted);
    expect(answer).toContain("It counts as today's digest");
    expect(api.messages(CHANNEL)).toHaveLength(1);
    expect(await digest('now')).toContain(DIGEST_TEXT.alreadyPosted);
    expect(api.messages(CHANNEL)).toHaveLength(1);
  });

  it('unsubscribe removes the subscription, and says so when there was none', async () => {
    await digest('subscribe');
    expect(await digest('unsubscribe')).toContain(DIGEST_TEXT.unsubscribed);
    expect(await store.digests.getSubscription(CHANNEL)).toBeNull();
    expect(await digest('unsubscribe')).toContain(DIGEST_TEXT.notSubscribed);
  });

  it.each(['', 'help', 'sometime'])('"%s" gives usage with examples', async (args) => {
    const text = await digest(args);
    expect(text).toContain(DIGEST_TEXT.usageTitle);
    expect(text).toContain('/aigov digest subscribe 09:00 Europe/Brussels');
  });
});

const PAUSE_REASON = 'The channel is archived (is_archived).';

describe('parseSubscribeArgs', () => {
  it.each([
    ['', null, null],
    ['7:05', '07:05', null],
    ['UTC', null, 'UTC'],
    ['9:30 pm europe/paris', '21:30', 'Europe/Paris'],
  ])('reads %j', (args, time, zone) => {
    expect(parseSubscribeArgs(args)).toEqual({ ok: true, time, zone });
  });
});
