/**
 * The store's contract: what every engine must do, run on the embedded SQLite
 * file and on a real PostgreSQL database alike.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { StoreError } from '../../src/store/store-error.ts';
import { ENGINES, storesOn } from './engines.ts';

const t0 = new Date('2026-03-01T08:00:00.000Z');
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);

describe.each(ENGINES)('store contract on $name', (engine) => {
  const { open: openStore, restart } = storesOn(engine);

  describe('event ids', () => {
    it('claims an id once, then refuses it, also after a restart', async () => {
      let store = await openStore();
      expect(await store.events.claimEvent('Ev01', t0)).toBe(true);
      expect(await store.events.claimEvent('Ev01', minutes(1))).toBe(false);
      expect(await store.events.claimEvent('Ev02', minutes(1))).toBe(true);

      store = await restart(store);
      expect(await store.events.claimEvent('Ev01', minutes(5))).toBe(false);
      expect(await store.events.claimEvent('Ev02', minutes(5))).toBe(false);
      expect(await store.events.claimEvent('Ev03', minutes(5))).toBe(true);
    });

    it('refuses an id claimed through another open store on the same file', async () => {
      const a = await openStore();
      const b = await openStore();
      expect(await a.events.claimEvent('Ev42', t0)).toBe(true);
      expect(await b.events.claimEvent('Ev42', t0)).toBe(false);
    });

    it('prunes ids claimed before a time and then accepts them again', async () => {
      const store = await openStore();
      await store.events.claimEvent('old-1', t0);
      await store.events.claimEvent('old-2', minutes(10));
      await store.events.claimEvent('new-1', minutes(30));
      expect(await store.events.pruneEventsBefore(minutes(30))).toBe(2);
      expect(await store.events.claimEvent('new-1', minutes(31))).toBe(false);
      expect(await store.events.claimEvent('old-1', minutes(31))).toBe(true);
    });

    it('refuses an invalid date with an error naming it', async () => {
      const store = await openStore();
      await expect(store.events.claimEvent('Ev1', new Date('nope'))).rejects.toThrow(/event claim time is not a valid date/);
    });
  });

  describe('articles first seen', () => {
    it('records the first time only and reports the newly seen ids, across a restart', async () => {
      let store = await openStore();
      expect(await store.articlesSeen.recordArticlesSeen(['a', 'b', 'a'], t0)).toEqual(['a', 'b']);
      expect(await store.articlesSeen.recordArticlesSeen(['b', 'c'], minutes(60))).toEqual(['c']);

      store = await restart(store);
      expect(await store.articlesSeen.recordArticlesSeen(['a', 'c', 'd'], minutes(120))).toEqual(['d']);
      expect(await store.articlesSeen.firstSeen('a')).toEqual(t0);
      expect(await store.articlesSeen.firstSeen('c')).toEqual(minutes(60));
      expect(await store.articlesSeen.firstSeen('d')).toEqual(minutes(120));
      expect(await store.articlesSeen.firstSeen('never')).toBeNull();
    });

    it('lists articles first seen strictly after a time, newest first, ties by id', async () => {
      const store = await openStore();
      await store.articlesSeen.recordArticlesSeen(['m', 'k'], t0);
      await store.articlesSeen.recordArticlesSeen(['z', 'b'], minutes(10));
      await store.articlesSeen.recordArticlesSeen(['q'], minutes(20));

      const all = await store.articlesSeen.articlesFirstSeenSince(null);
      expect(all.map((a) => a.id)).toEqual(['q', 'b', 'z', 'k', 'm']);
      expect(all[0]?.firstSeen).toEqual(minutes(20));

      expect((await store.articlesSeen.articlesFirstSeenSince(minutes(10))).map((a) => a.id)).toEqual(['q']);
      expect((await store.articlesSeen.articlesFirstSeenSince(minutes(9))).map((a) => a.id)).toEqual(['q', 'b', 'z']);
      expect(await store.articlesSeen.articlesFirstSeenSince(minutes(20))).toEqual([]);
    });
  });

  describe('subscriptions', () => {
    it('creates, reads, lists and deletes', async () => {
      const store = await openStore();
      const created = await store.digests.upsertSubscription({
        channelId: 'C2',
        time: '09:30',
        timeZone: 'Europe/Brussels',
        createdBy: 'U1',
        at: t0,
      });
      expect(created).toEqual({
        channelId: 'C2',
        time: '09:30',
        timeZone: 'Europe/Brussels',
        createdBy: 'U1',
        createdAt: t0,
        updatedAt: t0,
        paused: null,
      });
      await store.digests.upsertSubscription({ channelId: 'C1', time: '18:00', timeZone: 'UTC', createdBy: null, at: t0 });

      expect(await store.digests.getSubscription('C2')).toEqual(created);
      expect((await store.digests.listSubscriptions()).map((s) => s.channelId)).toEqual(['C1', 'C2']);
      expect(await store.digests.deleteSubscription('C2')).toBe(true);
      expect(await store.digests.deleteSubscription('C2')).toBe(false);
      expect(await store.digests.getSubscription('C2')).toBeNull();
      expect((await store.digests.listSubscriptions()).map((s) => s.channelId)).toEqual(['C1']);
    });

    it('pauses, and re-subscribing changes time and zone, clears the pause and keeps the creator', async () => {
      let store = await openStore();
      await store.digests.upsertSubscription({ channelId: 'C1', time: '09:30', timeZone: 'Europe/Brussels', createdBy: 'U1', at: t0 });
      expect(await store.digests.pauseSubscription('C1', 'not_in_channel', minutes(5))).toBe(true);
      expect(await store.digests.pauseSubscription('C-unknown', 'not_in_channel', minutes(5))).toBe(false);

      store = await restart(store);
      expect((await store.digests.getSubscription('C1'))?.paused).toEqual({ reason: 'not_in_channel', at: minutes(5) });

      const again = await store.digests.upsertSubscription({
        channelId: 'C1',
        time: '07:05',
        timeZone: 'America/New_York',
        createdBy: 'U2',
        at: minutes(10),
      });
      expect(again).toEqual({
        channelId: 'C1',
        time: '07:05',
        timeZone: 'America/New_York',
        createdBy: 'U1',
        createdAt: t0,
        updatedAt: minutes(10),
        paused: null,
      });
    });

    it('resumes a paused subscription', async () => {
      const store = await openStore();
      await store.digests.upsertSubscription({ channelId: 'C1', time: '09:30', timeZone: 'UTC', createdBy: null, at: t0 });
      await store.digests.pauseSubscription('C1', 'channel_not_found', minutes(1));
      expect(await store.digests.resumeSubscription('C1', minutes(2))).toBe(true);
      const sub = await store.digests.getSubscription('C1');
      expect(sub?.paused).toBeNull();
      expect(sub?.updatedAt).toEqual(minutes(2));
      expect(await store.digests.resumeSubscription('C-unknown', minutes(2))).toBe(false);
    });

    it('refuses a time that is not HH:MM and an unknown zone, naming the value', async () => {
      const store = await openStore();
      await expect(
        store.digests.upsertSubscription({ channelId: 'C1', time: '9:30', timeZone: 'UTC', createdBy: null, at: t0 }),
      ).rejects.toThrow(/'9:30'.*not HH:MM/);
      await expect(
        store.digests.upsertSubscription({ channelId: 'C1', time: '24:00', timeZone: 'UTC', createdBy: null, at: t0 }),
      ).rejects.toThrow(/'24:00'/);
      await expect(
        store.digests.upsertSubscription({ channelId: 'C1', time: '09:30', timeZone: 'Mars/Olympus', createdBy: null, at: t0 }),
      ).rejects.toThrow(/'Mars\/Olympus'/);
      expect(await store.digests.getSubscription('C1')).toBeNull();
    });
  });

  describe('digest ledger', () => {
    const day = '2026-03-01';

    it('reserves a day once; completing records the outcome and the latest completed digest', async () => {
      let store = await openStore();
      expect(await store.digests.lastCompletedDigest('C1')).toBeNull();
      expect(await store.digests.reserveDigest('C1', day, t0)).toBe(true);
      expect(await store.digests.reserveDigest('C1', day, minutes(1))).toBe(false);
      expect(await store.digests.reserveDigest('C2', day, minutes(1))).toBe(true);

      await store.digests.completeDigest('C1', day, { messageTs: '1740816000.000100', articleIds: ['z', 'a', 'm'], coveredUntil: minutes(-5) }, minutes(1));

      store = await restart(store);
      expect(await store.digests.reserveDigest('C1', day, minutes(2))).toBe(false);
      expect(await store.digests.digestFor('C1', day)).toEqual({
        channelId: 'C1',
        localDate: day,
        state: 'posted',
        reservedAt: t0,
        attempts: 1,
        postedAt: minutes(1),
        messageTs: '1740816000.000100',
        articleIds: ['z', 'a', 'm'],
        coveredUntil: minutes(-5),
        error: null,
      });
      expect(await store.digests.lastCompletedDigest('C1')).toEqual({
        localDate: day,
        postedAt: minutes(1),
        coveredUntil: minutes(-5),
        messageTs: '1740816000.000100',
      });
      // C2 is reserved but not posted: it is not a completed digest.
      expect(await store.digests.lastCompletedDigest('C2')).toBeNull();
    });

    it('returns the latest completed day, not the latest written', async () => {
      const store = await openStore();
      await store.digests.reserveDigest('C1', '2026-03-02', t0);
      await store.digests.completeDigest('C1', '2026-03-02', { messageTs: null, articleIds: [], coveredUntil: t0 }, t0);
      await store.digests.reserveDigest('C1', '2026-03-01', minutes(1));
      await store.digests.completeDigest('C1', '2026-03-01', { messageTs: '1.2', articleIds: ['x'], coveredUntil: t0 }, minutes(1));
      expect((await store.digests.lastCompletedDigest('C1'))?.localDate).toBe('2026-03-02');
    });

    it('lets a released (failed) day be reserved again, counting attempts', async () => {
      const store = await openStore();
      await store.digests.reserveDigest('C1', day, t0);
      await store.digests.releaseDigest('C1', day, 'not_in_channel');
      expect(await store.digests.digestFor('C1', day)).toMatchObject({ state: 'failed', error: 'not_in_channel', attempts: 1 });

      expect(await store.digests.reserveDigest('C1', day, minutes(5))).toBe(true);
      expect(await store.digests.reserveDigest('C1', day, minutes(5))).toBe(false);
      expect(await store.digests.digestFor('C1', day)).toMatchObject({ state: 'reserved', error: null, attempts: 2, reservedAt: minutes(5) });
    });

    it('refuses to complete or release a digest that is posted or was never reserved', async () => {
      const store = await openStore();
      await expect(store.digests.completeDigest('C1', day, { messageTs: '1.1', articleIds: [], coveredUntil: t0 }, t0)).rejects.toThrow(
        /C1 for 2026-03-01: it was never reserved/,
      );
      await store.digests.reserveDigest('C1', day, t0);
      await store.digests.completeDigest('C1', day, { messageTs: '1.1', articleIds: ['a'], coveredUntil: t0 }, t0);
      await expect(store.digests.completeDigest('C1', day, { messageTs: '1.2', articleIds: [], coveredUntil: t0 }, t0)).rejects.toMatchObject({
        code: 'DIGEST_LEDGER_STATE',
      });
      await expect(store.digests.releaseDigest('C1', day, 'oops')).rejects.toThrow(/it is 'posted'/);
      expect(await store.digests.digestFor('C1', day)).toMatchObject({ state: 'posted', messageTs: '1.1', articleIds: ['a'] });
    });

    it('marks stale reservations interrupted; they are not reservable until reconciled', async () => {
      let store = await openStore();
      await store.digests.reserveDigest('C-crashed', day, t0);
      await store.digests.reserveDigest('C-live', day, minutes(50));
      await store.digests.reserveDigest('C-done', day, t0);
      await store.digests.completeDigest('C-done', day, { messageTs: '1.1', articleIds: [], coveredUntil: t0 }, minutes(1));

      // A restart after the crash: the reservation has had no outcome for an hour.
      store = await restart(store);
      const interrupted = await store.digests.markStaleDigestsInterrupted(minutes(30));
      expect(interrupted.map((d) => [d.channelId, d.state])).toEqual([['C-crashed', 'interrupted']]);
      expect(await store.digests.markStaleDigestsInterrupted(minutes(30))).toEqual([]);
      expect(await store.digests.reserveDigest('C-crashed', day, minutes(61))).toBe(false);
      expect((await store.digests.digestFor('C-live', day))?.state).toBe('reserved');

      // Reconciliation found the message was never posted: the day may be tried again.
      await store.digests.releaseDigest('C-crashed', day, 'interrupted; not found in channel history');
      expect(await store.digests.reserveDigest('C-crashed', day, minutes(62))).toBe(true);
    });

    it('completes an interrupted digest that reconciliation found in the channel', async () => {
      const store = await openStore();
      await store.digests.reserveDigest('C1', day, t0);
      await store.digests.markStaleDigestsInterrupted(minutes(60));
      await store.digests.completeDigest('C1', day, { messageTs: '9.9', articleIds: ['a'], coveredUntil: t0 }, minutes(61));
      expect(await store.digests.lastCompletedDigest('C1')).toMatchObject({ localDate: day, messageTs: '9.9' });
    });

    it('keeps the ledger when the subscription is deleted, so the day is not posted again', async () => {
      const store = await openStore();
      await store.digests.upsertSubscription({ channelId: 'C1', time: '09:00', timeZone: 'UTC', createdBy: null, at: t0 });
      await store.digests.reserveDigest('C1', day, t0);
      await store.digests.completeDigest('C1', day, { messageTs: '1.1', articleIds: [], coveredUntil: t0 }, t0);
      await store.digests.deleteSubscription('C1');
      await store.digests.upsertSubscription({ channelId: 'C1', time: '09:00', timeZone: 'UTC', createdBy: null, at: minutes(1) });
      expect(await store.digests.reserveDigest('C1', day, minutes(2))).toBe(false);
    });

    it('lets a day posted with no message (nothing was new) be taken again only when the caller asks', async () => {
      const store = await openStore();
      await store.digests.reserveDigest('C1', day, t0);
      await store.digests.completeDigest('C1', day, { messageTs: null, articleIds: [], coveredUntil: minutes(-5) }, t0);
      expect(await store.digests.reserveDigest('C1', day, minutes(1))).toBe(false); // the scheduler's call: the day is done

      expect(await store.digests.reserveDigest('C1', day, minutes(2), { retakeNothingNew: true })).toBe(true);
      expect(await store.digests.digestFor('C1', day)).toEqual({
        channelId: 'C1',
        localDate: day,
        state: 'reserved',
        reservedAt: minutes(2),
        attempts: 2,
        postedAt: null,
        messageTs: null,
        articleIds: [],
        coveredUntil: null,
        error: null,
      });
      expect(await store.digests.reserveDigest('C1', day, minutes(3), { retakeNothingNew: true })).toBe(false); // now held
      await store.digests.completeDigest('C1', day, { messageTs: '1.5', articleIds: ['a'], coveredUntil: minutes(1) }, minutes(3));
      expect(await store.digests.reserveDigest('C1', day, minutes(4), { retakeNothingNew: true })).toBe(false); // a real post is never retaken
    });

    it('never retakes a reserved or interrupted day, and gives a nothing-new day to one of two stores', async () => {
      const a = await openStore();
      const b = await openStore();
      await a.digests.reserveDigest('C-held', day, t0);
      expect(await a.digests.reserveDigest('C-held', day, minutes(1), { retakeNothingNew: true })).toBe(false);
      await a.digests.markStaleDigestsInterrupted(minutes(60));
      expect(await a.digests.reserveDigest('C-held', day, minutes(61), { retakeNothingNew: true })).toBe(false);

      await a.digests.reserveDigest('C1', day, t0);
      await a.digests.completeDigest('C1', day, { messageTs: null, articleIds: [], coveredUntil: t0 }, t0);
      const results = await Promise.all([
        a.digests.reserveDigest('C1', day, minutes(1), { retakeNothingNew: true }),
        b.digests.reserveDigest('C1', day, minutes(1), { retakeNothingNew: true }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('gives exactly one of two stores on the same file the reservation', async () => {
      const a = await openStore();
      const b = await openStore();
      const results = [await a.digests.reserveDigest('C1', day, t0), await b.digests.reserveDigest('C1', day, t0)];
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await b.digests.reserveDigest('C1', day, t0)).toBe(false);
      expect(await a.digests.reserveDigest('C1', day, t0)).toBe(false);
    });
  });

  describe('answer leases', () => {
    const request = (eventId: string) => ({ eventId, channelId: 'C1', threadTs: '1.1', question: 'who?' });
    const later = (ms: number): Date => new Date(t0.getTime() + ms);

    it('keep an answer to the instance that holds it, and hand it over once its lease runs out', async () => {
      const a = await openStore();
      const b = await openStore();
      expect(await a.answers.claimAnswer(request('Ev-l1'), t0)).toBe(true);
      // A fresh claim is held for the instance that made it: nobody adopts it yet.
      expect(await b.answers.adoptOwedAnswers('host-b', t0, later(30_000), new Date(0))).toEqual([]);
      expect(await a.answers.holdAnswer('Ev-l1', 'host-a', t0, later(30_000))).toBe(true);
      expect(await b.answers.holdAnswer('Ev-l1', 'host-b', later(1_000), later(31_000))).toBe(false);
      expect(await a.answers.holdAnswer('Ev-l1', 'host-a', later(20_000), later(50_000))).toBe(true);
      // host-a dies: past its lease, host-b takes the answer up.
      expect(await b.answers.adoptOwedAnswers('host-b', later(40_000), later(70_000), new Date(0))).toEqual([]);
      const adopted = await b.answers.adoptOwedAnswers('host-b', later(50_000), later(80_000), new Date(0));
      expect(adopted.map((o) => o.eventId)).toEqual(['Ev-l1']);
      expect(await a.answers.holdAnswer('Ev-l1', 'host-a', later(51_000), later(81_000))).toBe(false);
      // Once answered, nobody holds or adopts it.
      await b.answers.completeAnswer('Ev-l1', '2.2', later(52_000));
      expect(await b.answers.holdAnswer('Ev-l1', 'host-b', later(53_000), later(83_000))).toBe(false);
      expect(await a.answers.adoptOwedAnswers('host-a', later(999_000), later(999_999), new Date(0))).toEqual([]);
    });

    it('are given back at a graceful stop, so the next instance takes the answers up at once', async () => {
      const a = await openStore();
      await a.answers.claimAnswer(request('Ev-l2'), t0);
      await a.answers.claimAnswer(request('Ev-l3'), later(1));
      expect(await a.answers.holdAnswer('Ev-l2', 'host-a', t0, later(60_000))).toBe(true);
      expect(await a.answers.holdAnswer('Ev-l3', 'host-a', t0, later(60_000))).toBe(true);
      expect(await a.answers.releaseAnswers('host-a')).toBe(2);
      const b = await openStore();
      const adopted = await b.answers.adoptOwedAnswers('host-b', later(10), later(30_010), new Date(0));
      expect(adopted.map((o) => [o.eventId, o.question, o.attempts])).toEqual([
        ['Ev-l2', 'who?', 0],
        ['Ev-l3', 'who?', 0],
      ]);
      // Claimed too long ago: not taken up.
      const c = await openStore();
      await c.answers.releaseAnswers('host-b');
      expect(await c.answers.adoptOwedAnswers('host-c', later(20), later(30_020), later(5))).toEqual([]);
    });

    it('give an answer owed by nobody to exactly one of two instances adopting at once', async () => {
      const a = await openStore();
      const b = await openStore();
      await a.answers.claimAnswer(request('Ev-l4'), t0);
      await a.answers.releaseAnswers('nobody');
      const [fromA, fromB] = await Promise.all([
        a.answers.adoptOwedAnswers('host-a', later(61_000), later(91_000), new Date(0)),
        b.answers.adoptOwedAnswers('host-b', later(61_000), later(91_000), new Date(0)),
      ]);
      expect([...(fromA ?? []), ...(fromB ?? [])].map((o) => o.eventId)).toEqual(['Ev-l4']);
    });
  });
});
