/**
 * Property tests for the watch and App Home renderers: whatever the corpus,
 * the users and the counts (none, a few, hundreds), every alert, watch list,
 * Home tab and search modal stays within Slack's limits and carries no live
 * mention or link except validated user mentions and channel references.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHome, type HomeData, type HomeFeed, type HomeSubscription, type HomeWatch } from '../../../src/slack/render/home.ts';
import { renderSearchModal } from '../../../src/slack/render/search-modal.ts';
import { renderSearchResults } from '../../../src/slack/render/search-results.ts';
import { renderOverLimitNotice, renderWatchAlertParts, renderWatchList } from '../../../src/slack/render/watch.ts';
import { anyText, excerptArb, meta, pageArb } from './arbitraries.ts';
import { messageProblems, viewProblems } from './message-checks.ts';

const userId = fc.stringMatching(/^[UW][A-Z0-9]{2,12}$/);
const channelId = fc.stringMatching(/^[CGD][A-Z0-9]{2,12}$/);
const date = fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }));
const RUNS = { numRuns: 80 };

const watchArb: fc.Arbitrary<HomeWatch> = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 31 }),
  channelId: fc.oneof(channelId, anyText),
  query: anyText.map((t) => t.slice(0, 500)),
  createdBy: fc.oneof(userId, anyText),
  lastFiredAt: date,
  paused: fc.option(fc.record({ reason: anyText })),
});
/** None, a few, or hundreds. */
const many = <T>(arb: fc.Arbitrary<T>) => fc.oneof(fc.constant([] as T[]), fc.array(arb, { maxLength: 5 }), fc.array(arb, { minLength: 100, maxLength: 400 }));

const subArb: fc.Arbitrary<HomeSubscription> = fc.record({
  channelId: fc.oneof(channelId, anyText),
  time: fc.oneof(fc.constant('09:00'), anyText),
  timeZone: fc.oneof(fc.constant('Europe/Brussels'), anyText),
  paused: fc.option(fc.record({ reason: anyText })),
});
const feedArb: fc.Arbitrary<HomeFeed> = fc.record({
  url: anyText,
  title: fc.option(anyText),
  consecutiveFailures: fc.nat({ max: 1000 }),
  lastSuccessAt: date,
  lastError: fc.option(fc.record({ message: anyText, at: fc.date({ noInvalidDate: true }) })),
  stopped: fc.option(fc.record({ reason: anyText })),
});

const homeArb = fc
  .record({
    userId,
    isAdmin: fc.boolean(),
    watches: many(watchArb),
    subscriptions: many(subArb),
    corpus: fc.record({ articles: fc.nat({ max: 1_000_000 }), newest: fc.array(meta, { maxLength: 8 }), today: fc.nat({ max: 100_000 }) }),
    feeds: fc.option(many(feedArb)),
    feedback: fc.option(fc.array(anyText, { maxLength: 30 })),
  })
  .map((d): HomeData => ({ ...d, corpus: { ...d.corpus, articles: Math.max(d.corpus.articles, d.corpus.newest.length) } }));

/** The ids the renderers may turn into mentions and channel references: only well-formed ones. */
function allowed(data: HomeData): { mentions: string[]; channels: string[] } {
  return {
    mentions: data.watches.map((w) => w.createdBy).filter((u) => /^[UW][A-Z0-9]+$/.test(u)),
    channels: [...data.watches, ...data.subscriptions].map((w) => w.channelId).filter((c) => /^[CG][A-Z0-9]+$/.test(c)),
  };
}

describe('App Home and watch renderers on any input', () => {
  it('the Home tab stays within the view limits, empty, full or admin', () => {
    fc.assert(
      fc.property(homeArb, (data) => {
        const view = renderHome(data);
        expect(view.type).toBe('home');
        expect(viewProblems(view, allowed(data))).toEqual([]);
        const text = JSON.stringify(view);
        if (!data.isAdmin) expect(text).not.toContain('Feeds (admins)');
        if (data.watches.length > 20) expect(text).toMatch(/and \d+ more watches/);
      }),
      RUNS,
    );
  });

  it('the search modal stays within the view limits with any page of results', () => {
    fc.assert(
      fc.property(anyText.map((t) => t.slice(0, 500)), pageArb, (query, page) => {
        const view = renderSearchModal(query, renderSearchResults(page, { shareable: false }));
        expect(viewProblems(view)).toEqual([]);
        expect(view.title.text.length).toBeLessThanOrEqual(24);
      }),
      RUNS,
    );
  });

  it('alert batches of any size are valid messages, the first a channel post and the rest thread replies', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        anyText.map((t) => t.slice(0, 500)),
        fc.array(fc.record({ article: meta, excerpt: fc.option(excerptArb) }), { minLength: 1, maxLength: 40 }),
        (watchId, query, items) => {
          const parts = renderWatchAlertParts({ watchId, query, items });
          expect(parts.length).toBe(1 + Math.ceil(Math.max(0, items.length - 3) / 4));
          for (const part of parts) expect(messageProblems(part)).toEqual([]);
          expect(messageProblems(renderOverLimitNotice(watchId, query, 25))).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('the watch list holds a full channel of watches with any queries and reasons', () => {
    fc.assert(
      fc.property(fc.array(watchArb, { maxLength: 20 }), (watches) => {
        const message = renderWatchList(watches, 'none');
        const mentions = watches.map((w) => w.createdBy).filter((u) => /^[UW][A-Z0-9]+$/.test(u));
        // A message: the view checks with the creators' mentions allowed, and the message's own limits.
        expect(viewProblems({ type: 'message', blocks: message.blocks as never }, { mentions }, 11_000)).toEqual([]);
        expect(message.text.length).toBeLessThanOrEqual(300);
        expect(message.blocks.length).toBeLessThanOrEqual(50);
      }),
      RUNS,
    );
  });
});
