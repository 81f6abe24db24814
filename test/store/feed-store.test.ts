import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { ENGINES, storesOn } from './engines.ts';

const T0 = new Date('2026-11-20T10:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

describe.each(ENGINES)('feed store on $name', (engine) => {
  const { open: openStore, restart } = storesOn(engine);

  describe('feeds', () => {
    it('adds a feed due at once, and adding it again resumes a stopped one instead of duplicating it', async () => {
      const store = await openStore();
      const { feed, created } = await store.feeds.addFeed({ url: 'https://example.org/feed.xml', addedBy: 'U1', at: T0 });
      expect(created).toBe(true);
      expect(feed).toMatchObject({ url: 'https://example.org/feed.xml', addedBy: 'U1', consecutiveFailures: 0, stopped: null, articlesTaken: 0 });
      expect((await store.feeds.dueFeeds(T0)).map((f) => f.id)).toEqual([feed.id]);

      await store.feeds.stopFeed(feed.id, 'gone', 'HTTP 410 Gone', at(5));
      expect(await store.feeds.dueFeeds(at(60))).toEqual([]);
      expect((await store.feeds.getFeed(feed.id))?.stopped).toEqual({ reason: 'gone', at: at(5) });

      const again = await store.feeds.addFeed({ url: 'https://example.org/feed.xml', addedBy: 'U2', at: at(10) });
      expect(again.created).toBe(false);
      expect(again.feed).toMatchObject({ id: feed.id, addedBy: 'U1', stopped: null, nextPollAt: at(10) });
      expect(await store.feeds.listFeeds()).toHaveLength(1);
    });

    it('counts failures in a row, keeps the last error after a success, and owes one report per run of failures', async () => {
      const store = await openStore();
      const { feed } = await store.feeds.addFeed({ url: 'https://example.org/a', addedBy: 'U1', at: T0 });
      for (let i = 1; i <= 3; i += 1) {
        const failed = await store.feeds.recordPollFailure(feed.id, { message: 'HTTP 500', at: at(i), nextPollAt: at(i + 60) });
        expect(failed?.consecutiveFailures).toBe(i);
      }
      expect(await store.feeds.claimFailureReport(feed.id, at(4))).toBe(true);
      expect(await store.feeds.claimFailureReport(feed.id, at(5))).toBe(false);

      await store.feeds.recordPollSuccess(feed.id, { etag: '"v2"', lastModified: null, title: 'Example feed', at: at(70), nextPollAt: at(130) });
      const ok = await store.feeds.getFeed(feed.id);
      expect(ok).toMatchObject({ consecutiveFailures: 0, etag: '"v2"', title: 'Example feed', lastSuccessAt: at(70), failureReportedAt: null });
      expect(ok?.lastError).toEqual({ message: 'HTTP 500', at: at(3) });
      expect(await store.feeds.claimFailureReport(feed.id, at(71))).toBe(true);
    });

    it('makes every feed due on a refresh, stopped ones too', async () => {
      const store = await openStore();
      const a = (await store.feeds.addFeed({ url: 'https://a.example/feed', addedBy: null, at: T0 })).feed;
      const b = (await store.feeds.addFeed({ url: 'https://b.example/feed', addedBy: null, at: T0 })).feed;
      await store.feeds.recordPollSuccess(a.id, { etag: null, lastModified: null, title: null, at: T0, nextPollAt: at(600) });
      await store.feeds.stopFeed(b.id, 'gone', 'HTTP 410 Gone', T0);
      expect(await store.feeds.dueFeeds(at(1))).toEqual([]);
      expect(await store.feeds.makeFeedsDue(at(1))).toBe(2);
      expect((await store.feeds.dueFeeds(at(1))).map((f) => f.id)).toEqual([a.id, b.id]);
    });
  });

  describe('malformed feeds', () => {
    it('remembers whether the last read found the feed malformed: kept on a 304, cleared by a well-formed read, across a restart', async () => {
      const store = await openStore();
      const { feed } = await store.feeds.addFeed({ url: 'https://a.example/feed', addedBy: null, at: T0 });
      expect(feed.malformed).toBeNull();
      const poll = { etag: null, lastModified: null, title: null, nextPollAt: at(600) };
      await store.feeds.recordPollSuccess(feed.id, { ...poll, malformed: "char '&' is not expected. (line 3)", at: at(1) });
      await store.feeds.recordPollSuccess(feed.id, { ...poll, at: at(2) });
      const again = await restart(store);
      expect((await again.feeds.getFeed(feed.id))?.malformed).toBe("char '&' is not expected. (line 3)");
      await again.feeds.recordPollSuccess(feed.id, { ...poll, malformed: null, at: at(3) });
      expect((await again.feeds.getFeed(feed.id))?.malformed).toBeNull();
    });
  });

  describe('poll leases', () => {
    it('lets one instance poll a feed at a time, until it gives the lease back or the lease runs out', async () => {
      const a = await openStore();
      const b = await openStore();
      const { feed } = await a.feeds.addFeed({ url: 'https://example.org/lease.xml', addedBy: null, at: T0 });
      expect(await a.feeds.claimFeedPoll(feed.id, 'host-a', T0, 60_000)).toBe(true);
      expect(await b.feeds.claimFeedPoll(feed.id, 'host-b', at(0.5), 60_000)).toBe(false);
      expect(await a.feeds.claimFeedPoll(feed.id, 'host-a', at(0.5), 60_000)).toBe(true);
      await b.feeds.releaseFeedPoll(feed.id, 'host-b'); // not b's to give back
      expect(await b.feeds.claimFeedPoll(feed.id, 'host-b', at(0.6), 60_000)).toBe(false);
      await a.feeds.releaseFeedPoll(feed.id, 'host-a');
      expect(await b.feeds.claimFeedPoll(feed.id, 'host-b', at(0.7), 60_000)).toBe(true);
      // b is killed mid-poll: its lease runs out, and a takes the feed over.
      expect(await a.feeds.claimFeedPoll(feed.id, 'host-a', at(1.6), 60_000)).toBe(false);
      expect(await a.feeds.claimFeedPoll(feed.id, 'host-a', at(1.7), 60_000)).toBe(true);
      expect(await a.feeds.claimFeedPoll(999_999, 'host-a', T0, 60_000)).toBe(false);
    });
  });

  describe('ingestion ledger and removals', () => {
    it('remembers articles, feed items and removals across a restart, and counts articles per feed', async () => {
      const store = await openStore();
      const { feed } = await store.feeds.addFeed({ url: 'https://example.org/feed', addedBy: 'U1', at: T0 });
      const article = {
        canonicalUrl: 'https://example.org/story',
        contentHash: 'abc123',
        articleId: 'example-story',
        file: 'example-story.md',
        title: 'A story',
        feedId: feed.id,
        at: T0,
      };
      await store.feeds.recordIngested(article);
      await store.feeds.recordFeedItem(feed.id, 'guid-1', T0);
      await store.feeds.recordRemoval({ canonicalUrl: 'https://example.org/gone', articleId: null, removedBy: 'U9', at: T0 });
      const reopened = await restart(store);
      expect(await reopened.feeds.findByUrl('https://example.org/story')).toEqual(article);
      expect(await reopened.feeds.findByContentHash('abc123')).toEqual(article);
      expect(await reopened.feeds.findByUrl('https://example.org/other')).toBeNull();
      expect(await reopened.feeds.hasFeedItem(feed.id, 'guid-1')).toBe(true);
      expect(await reopened.feeds.hasFeedItem(feed.id, 'guid-2')).toBe(false);
      expect(await reopened.feeds.isRemoved('https://example.org/gone')).toBe(true);
      expect(await reopened.feeds.isRemoved('https://example.org/story')).toBe(false);
      expect((await reopened.feeds.getFeed(feed.id))?.articlesTaken).toBe(1);
    });

    it('drops a removed feed with its item keys, keeps its articles, and ignores items of a feed removed mid-poll', async () => {
      const store = await openStore();
      const { feed } = await store.feeds.addFeed({ url: 'https://example.org/feed', addedBy: 'U1', at: T0 });
      await store.feeds.recordFeedItem(feed.id, 'guid-1', T0);
      expect(await store.feeds.removeFeed(feed.id)).toBe(true);
      expect(await store.feeds.removeFeed(feed.id)).toBe(false);
      expect(await store.feeds.hasFeedItem(feed.id, 'guid-1')).toBe(false);
      await expect(store.feeds.recordFeedItem(feed.id, 'guid-2', T0)).resolves.toBeUndefined();
    });
  });
});
