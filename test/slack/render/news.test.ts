import { describe, expect, it } from 'vitest';
import type { LinkResult } from '../../../src/news/news-desk.ts';
import {
  FAILURE_WORDS,
  NEWS_TEXT,
  feedLine,
  renderFeedFailingNotice,
  renderFeedList,
  renderFeedPreview,
  renderLinkResults,
  PREVIEW_SLACK_ITEMS,
} from '../../../src/slack/render/news.ts';
import type { FeedPreview, FeedPreviewItem } from '../../../src/ingest/feed-preview.ts';
import type { Feed } from '../../../src/store/feed-store.ts';
import { messageProblems } from './message-checks.ts';

const HOSTILE = '<!channel> *Breaking* <@U123> <https://evil.example|click> & more';

const added = (i: number, title = `Story ${i}`): LinkResult => ({
  kind: 'added',
  url: `https://news.example/${i}`,
  canonicalUrl: `https://news.example/${i}`,
  articleId: `a${i}`,
  file: `a${i}.md`,
  title,
  source: 'Example News',
  date: '2026-11-02',
  dateBasis: 'page',
});

const feed = (over: Partial<Feed> = {}): Feed => ({
  id: 1,
  url: 'https://news.example/feed.xml',
  title: 'Example feed',
  addedBy: 'U1',
  addedAt: new Date('2026-11-01T00:00:00Z'),
  etag: null,
  lastModified: null,
  consecutiveFailures: 0,
  lastSuccessAt: null,
  lastError: null,
  nextPollAt: new Date('2026-11-20T10:00:00Z'),
  stopped: null,
  failureReportedAt: null,
  articlesTaken: 0,
  malformed: null,
  ...over,
});

describe('news rendering', () => {
  it('never lets a page title, source or error notify anyone or make a link', () => {
    const results: LinkResult[] = [
      { ...(added(1) as Extract<LinkResult, { kind: 'added' }>), title: HOSTILE, source: HOSTILE },
      { kind: 'failed', url: 'https://news.example/x', code: 'http-error', message: HOSTILE },
      { kind: 'duplicate', url: 'https://news.example/y', canonicalUrl: 'https://news.example/y', articleId: 'y', title: HOSTILE, by: 'url' },
    ];
    const message = renderLinkResults(results, 0);
    expect(messageProblems(message)).toEqual([]);
    const text = JSON.stringify(message);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U123>');
    expect(text).toContain('&lt;!channel&gt;');
    const list = renderFeedList([feed({ title: HOSTILE, lastError: { message: HOSTILE, at: new Date() }, consecutiveFailures: 2 })]);
    expect(messageProblems(list)).toEqual([]);
    expect(JSON.stringify(list)).not.toContain('<!channel>');
    expect(JSON.stringify(renderFeedFailingNotice(feed({ title: HOSTILE })))).not.toContain('<!channel>');
  });

  it('says why in the words users see, and marks a date that is not a publication date', () => {
    const message = renderLinkResults(
      [
        { kind: 'failed', url: 'https://news.example/x', code: 'too-large', message: 'the body passed 15 MiB' },
        { kind: 'removed', url: 'https://news.example/r', canonicalUrl: 'https://news.example/r' },
        { ...(added(2) as Extract<LinkResult, { kind: 'added' }>), dateBasis: 'retrieved', date: '2026-11-29' },
      ],
      0,
    );
    const text = JSON.stringify(message);
    expect(text).toContain(FAILURE_WORDS['too-large']);
    expect(text).toContain(NEWS_TEXT.removedByAdmin);
    expect(text).toContain('date unknown, retrieved 2026-11-29');
  });

  it('stays within the block and text limits for many links and feeds', () => {
    const long = 'x'.repeat(5000);
    const many = Array.from({ length: 120 }, (_, i) => added(i, `${long} ${i}`));
    expect(messageProblems(renderLinkResults(many, 3))).toEqual([]);
    const feeds = Array.from({ length: 120 }, (_, i) => feed({ id: i, title: long, lastError: { message: long, at: new Date() } }));
    const list = renderFeedList(feeds);
    expect(messageProblems(list)).toEqual([]);
    expect(JSON.stringify(list)).toContain('more (`npm run cli -- feeds list` shows all)');
  });

  it('shows a stopped feed as stopped, with how to resume it', () => {
    const line = feedLine(feed({ stopped: { reason: 'gone', at: new Date() } }), 3);
    expect(line).toContain('3. *Example feed*');
    expect(line).toContain(NEWS_TEXT.stoppedGone);
    expect(line).not.toContain('next poll');
  });

  it('shows a malformed feed as such in the feed list', () => {
    expect(feedLine(feed({ malformed: "char '&' is not expected. (line 3)" }), 1)).toContain(NEWS_TEXT.malformed);
    expect(feedLine(feed(), 1)).not.toContain(NEWS_TEXT.malformed);
  });

  describe('feed preview', () => {
    const item = (over: Partial<FeedPreviewItem> = {}): FeedPreviewItem => ({
      title: 'Story',
      url: 'https://news.example/s',
      guid: null,
      published: '2004-01-01T12:00:00Z',
      dateIsUpdate: false,
      text: '',
      take: { kind: 'page' },
      ...over,
    });
    const preview = (items: FeedPreviewItem[], over: Partial<Extract<FeedPreview, { ok: true }>> = {}): FeedPreview => ({
      ok: true,
      source: 'https://news.example/feed.xml',
      location: 'https://news.example/feed.xml',
      format: 'rss',
      feed: { title: 'Example feed', url: 'https://news.example/' },
      malformed: null,
      items,
      ...over,
    });

    it('escapes everything the feed wrote and stays within the limits with many long items', () => {
      const long = `${HOSTILE} ${'y'.repeat(4000)}`;
      const many = Array.from({ length: 200 }, (_, i) => item({ title: `${long} ${i}`, url: `https://news.example/${i}?q=${'z'.repeat(3000)}`, take: { kind: 'refused', reason: HOSTILE } }));
      const message = renderFeedPreview(preview(many, { feed: { title: HOSTILE, url: null }, malformed: HOSTILE }));
      expect(messageProblems(message)).toEqual([]);
      const text = JSON.stringify(message);
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@U123>');
      expect(text).toContain(`the first ${PREVIEW_SLACK_ITEMS}`);
    });

    it('gives each item its date or "no date", says whether its page would be fetched, and that nothing was stored', () => {
      const text = JSON.stringify(
        renderFeedPreview(
          preview([
            item({ title: 'Fetched' }),
            item({ title: 'Carried', published: null, take: { kind: 'from-feed' } }),
            item({ title: 'Updated', dateIsUpdate: true, take: { kind: 'refused', reason: 'no link: not taken' }, url: null }),
          ]),
        ),
      );
      expect(text).toContain('Fetched* · 2004-01-01 12:00 UTC');
      expect(text).toContain(NEWS_TEXT.pageFetched);
      expect(text).toContain(`Carried* · ${NEWS_TEXT.noDate}`);
      expect(text).toContain(NEWS_TEXT.takenFromFeed);
      expect(text).toContain('2004-01-01 12:00 UTC (updated)');
      expect(text).toContain('no link: not taken');
      expect(text).toContain('Nothing was stored');
    });

    it('says why a feed could not be previewed, in the words users see', () => {
      const message = renderFeedPreview({ ok: false, source: 'http://127.0.0.2/feed', code: 'not-allowed', error: HOSTILE });
      expect(messageProblems(message)).toEqual([]);
      const text = JSON.stringify(message);
      expect(text).toContain(FAILURE_WORDS['not-allowed']);
      expect(text).not.toContain('<!channel>');
    });
  });
});
