import { describe, expect, it } from 'vitest';
import type { LinkResult } from '../../../src/news/news-desk.ts';
import {
  FAILURE_WORDS,
  NEWS_TEXT,
  feedLine,
  renderFeedFailingNotice,
  renderFeedList,
  renderLinkResults,
} from '../../../src/slack/render/news.ts';
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
});
