import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDigest, keySentence, selectDigestItems, withKeySentences, type SeenEntry } from '../../../src/core/digest/build-digest.ts';
import type { Article } from '../../../src/core/types.ts';

const t0 = new Date('2026-03-01T08:00:00.000Z');
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);

function article(id: string, fields: Partial<Article> = {}): Article {
  return {
    id,
    file: `${id}.md`,
    title: `Title of ${id}`,
    date: null,
    dateKind: null,
    source: null,
    url: null,
    tags: [],
    body: `The body of article ${id} says something worth reading about governance today.`,
    ...fields,
  };
}

describe('selectDigestItems', () => {
  const seen: SeenEntry[] = [
    { id: 'old', firstSeen: minutes(0) },
    { id: 'mid-b', firstSeen: minutes(10), date: '2024-01-01' },
    { id: 'mid-a', firstSeen: minutes(10), date: '2025-06-01' },
    { id: 'mid-undated', firstSeen: minutes(10), date: null },
    { id: 'new', firstSeen: minutes(20) },
  ];

  it('lists articles first seen strictly after `since`, newest first, ties by article date then id', () => {
    expect(selectDigestItems(seen, minutes(0), { firstDigestCount: 5 }).map((e) => e.id)).toEqual([
      'new',
      'mid-a',
      'mid-b',
      'mid-undated',
    ]);
    expect(selectDigestItems(seen, minutes(10), { firstDigestCount: 5 }).map((e) => e.id)).toEqual(['new']);
    expect(selectDigestItems(seen, minutes(20), { firstDigestCount: 5 })).toEqual([]);
  });

  it('gives a first digest (no `since`) the latest few, however old', () => {
    expect(selectDigestItems(seen, null, { firstDigestCount: 2 }).map((e) => e.id)).toEqual(['new', 'mid-a']);
    expect(selectDigestItems(seen, null, { firstDigestCount: 10 })).toHaveLength(5);
    expect(selectDigestItems(seen, null, { firstDigestCount: 0 })).toEqual([]);
  });

  it('does not reorder its input', () => {
    const copy = [...seen];
    selectDigestItems(seen, null, { firstDigestCount: 5 });
    expect(seen).toEqual(copy);
  });

  it('returns exactly the entries after `since`, sorted newest first (property)', () => {
    const entry = fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      firstSeen: fc.integer({ min: 0, max: 50 }).map(minutes),
      date: fc.option(fc.constantFrom('2023-12-04', '2024-09-25', '2025-07-30'), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), fc.integer({ min: -1, max: 51 }), (entries, sinceMinutes) => {
        const since = minutes(sinceMinutes);
        const picked = selectDigestItems(entries, since, { firstDigestCount: 3 });
        expect(picked).toHaveLength(entries.filter((e) => e.firstSeen > since).length);
        for (const e of picked) expect(e.firstSeen.getTime()).toBeGreaterThan(since.getTime());
        for (let i = 1; i < picked.length; i++) {
          expect(picked[i - 1]!.firstSeen.getTime()).toBeGreaterThanOrEqual(picked[i]!.firstSeen.getTime());
        }
      }),
    );
  });
});

describe('keySentence', () => {
  it('skips a repeated headline, a source line and a dateline label, taking the lead sentence', () => {
    const a = article('004', {
      title: 'China to continue to share AI dividends with fellow developing countries: FM',
      body: [
        'China to continue to share AI dividends with fellow developing countries: FM',
        'Chinese Foreign Ministry',
        'The Chinese Foreign Ministry said on Tuesday that China will continue to share artificial intelligence (AI) dividends with fellow developing countries. Asked about the workshop, a spokesperson gave details.',
      ].join('\n'),
    });
    expect(keySentence(a)).toBe(
      'The Chinese Foreign Ministry said on Tuesday that China will continue to share artificial intelligence (AI) dividends with fellow developing countries.',
    );
  });

  it('skips short sentences, headings without a full stop and bylines', () => {
    const a = article('x', {
      title: 'Talks announced',
      body: [
        'By Jane Doe and John Smith, staff reporters in Beijing and Washington.',
        'Talks announced.',
        'Multilateral Cooperation and Future Prospects',
        'It was brief.',
        'The U.S. and China are set to hold their first high-level talks on artificial intelligence in the coming weeks.',
      ].join('\n\n'),
    });
    expect(keySentence(a)).toBe(
      'The U.S. and China are set to hold their first high-level talks on artificial intelligence in the coming weeks.',
    );
  });

  it('skips a body that opens with the title as a sentence', () => {
    const a = article('t', {
      title: 'Ministers agree on a shared approach to frontier model safety',
      body: 'Ministers agree on a shared approach to frontier model safety. The agreement, signed in Busan by three foreign ministers, sets up a working group.',
    });
    expect(keySentence(a)).toBe('The agreement, signed in Busan by three foreign ministers, sets up a working group.');
  });

  it('accepts a sentence closed inside quotes', () => {
    const a = article('q', { body: 'He said the plan would "help the Global South benefit equally in the process of AI development."' });
    expect(keySentence(a)).toBe('He said the plan would "help the Global South benefit equally in the process of AI development."');
  });

  it('gives null when nothing qualifies', () => {
    expect(keySentence(article('n', { body: 'Short note.\n\nA heading without any full stop at all here today' }))).toBeNull();
    expect(keySentence(article('e', { body: '' }))).toBeNull();
  });
});

describe('buildDigest', () => {
  const corpus = new Map(
    [
      article('a1', { date: '2023-12-04' }),
      article('a2', { date: '2024-09-25' }),
      article('a3', { date: '2025-07-30' }),
      article('a4', { date: null }),
      article('a5', { date: '2024-04-26', body: 'Short.' }),
      article('a6', { date: '2025-05-13' }),
    ].map((a) => [a.id, a] as const),
  );
  const seen = [
    { id: 'a6', firstSeen: minutes(30) },
    { id: 'gone', firstSeen: minutes(25) }, // file removed from the corpus since
    { id: 'a5', firstSeen: minutes(20) },
    { id: 'a1', firstSeen: minutes(0) },
    { id: 'a2', firstSeen: minutes(0) },
    { id: 'a3', firstSeen: minutes(0) },
    { id: 'a4', firstSeen: minutes(0) },
  ];

  it('builds a first digest from the latest articles, covering everything seen so far', () => {
    const digest = buildDigest({ channelId: 'C1', localDate: '2026-03-01', since: null, seen, articles: corpus, firstDigestCount: 3 });
    expect(digest.isFirst).toBe(true);
    expect(digest.since).toBeNull();
    expect(digest.items.map((i) => i.article.id)).toEqual(['a6', 'a5', 'a3']);
    expect(digest.deferred).toBe(0);
    expect(digest.coveredUntil).toEqual(minutes(30));
    expect(digest.items[0]).toEqual({
      article: { id: 'a6', file: 'a6.md', title: 'Title of a6', date: '2025-05-13', dateKind: null, source: null, url: null, tags: [] },
      keySentence: 'The body of article a6 says something worth reading about governance today.',
      firstSeen: minutes(30),
    });
    expect(digest.items[1]?.keySentence).toBeNull();
  });

  it('lists what is new since the last digest, skipping articles no longer in the corpus', () => {
    const digest = buildDigest({ channelId: 'C1', localDate: '2026-03-02', since: minutes(0), seen, articles: corpus });
    expect(digest.isFirst).toBe(false);
    expect(digest.items.map((i) => i.article.id)).toEqual(['a6', 'a5']);
    expect(digest.coveredUntil).toEqual(minutes(30));
  });

  it('lists the oldest `maxItems` new articles, newest first, and leaves the rest for the next digest', () => {
    const digest = buildDigest({ channelId: 'C1', localDate: '2026-03-02', since: minutes(15), seen, articles: corpus, maxItems: 1 });
    expect(digest.items.map((i) => i.article.id)).toEqual(['a5']);
    expect(digest.deferred).toBe(1);
    expect(digest.coveredUntil).toEqual(minutes(20)); // not a6's 30: the next digest starts with it
    const next = buildDigest({ channelId: 'C1', localDate: '2026-03-03', since: digest.coveredUntil, seen, articles: corpus, maxItems: 1 });
    expect(next.items.map((i) => i.article.id)).toEqual(['a6']);
    expect(next.deferred).toBe(0);
  });

  it('does not split articles first seen at the same instant between two digests', () => {
    // The next digest starts after `coveredUntil`, a time: a cut inside a batch seen at one instant would lose the rest of it.
    const batches = [
      { id: 'a1', firstSeen: minutes(0) },
      { id: 'a2', firstSeen: minutes(10) },
      { id: 'a3', firstSeen: minutes(10) },
      { id: 'a6', firstSeen: minutes(20) },
    ];
    const cut = buildDigest({ channelId: 'C1', localDate: '2026-03-02', since: minutes(-1), seen: batches, articles: corpus, maxItems: 2 });
    expect(cut.items.map((i) => i.article.id)).toEqual(['a1']);
    expect(cut.deferred).toBe(3);
    expect(cut.coveredUntil).toEqual(minutes(0));
    // When the oldest batch alone is over the cap it is listed whole: the thread replies carry it.
    const whole = buildDigest({ channelId: 'C1', localDate: '2026-03-02', since: minutes(-1), seen, articles: corpus, maxItems: 3 });
    expect(whole.items.map((i) => i.article.id)).toEqual(['a3', 'a2', 'a1', 'a4']);
    expect(whole.deferred).toBe(2);
    expect(whole.coveredUntil).toEqual(minutes(0));
  });

  it('over successive digests lists every new article exactly once, newest first, within the cap unless one batch is larger (property)', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const articles = new Map(ids.map((id) => [id, article(id)] as const));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        (times, maxItems) => {
          const entries = times.map((m, i) => ({ id: ids[i]!, firstSeen: minutes(m) }));
          const listed: string[] = [];
          let since: Date | null = minutes(-1);
          for (let round = 0; round < 100; round++) {
            const d = buildDigest({ channelId: 'C1', localDate: '2026-03-02', since, seen: entries, articles, maxItems });
            if (d.items.length === 0) break;
            const batchSizes = new Map<number, number>();
            for (const e of entries) if (e.firstSeen > since!) batchSizes.set(e.firstSeen.getTime(), (batchSizes.get(e.firstSeen.getTime()) ?? 0) + 1);
            const oldestBatch = batchSizes.get(Math.min(...batchSizes.keys())) ?? 0;
            expect(d.items.length).toBeLessThanOrEqual(Math.max(maxItems, oldestBatch));
            for (let i = 1; i < d.items.length; i++) expect(d.items[i - 1]!.firstSeen >= d.items[i]!.firstSeen).toBe(true);
            expect(d.items.length + d.deferred).toBe(entries.filter((e) => e.firstSeen > since!).length);
            listed.push(...d.items.map((i) => i.article.id));
            since = d.coveredUntil;
          }
          expect([...listed].sort()).toEqual(entries.map((e) => e.id).sort());
        },
      ),
    );
  });

  it('is empty when nothing is new, and keeps `since` as what it covers', () => {
    const digest = buildDigest({ channelId: 'C1', localDate: '2026-03-03', since: minutes(30), seen, articles: corpus });
    expect(digest.items).toEqual([]);
    expect(digest.coveredUntil).toEqual(minutes(30));
    const empty = buildDigest({ channelId: 'C1', localDate: '2026-03-03', since: null, seen: [], articles: new Map() });
    expect(empty).toMatchObject({ items: [], isFirst: true, coveredUntil: null });
  });
});

describe('withKeySentences', () => {
  it('builds from metadata alone and takes key sentences from the stored sentences of the articles shown', () => {
    const full = ['a', 'b', 'c'].map((id) =>
      article(id, { body: `Delegates from forty countries met in Geneva to agree on article ${id} of the accord.` }),
    );
    const metas = new Map(full.map(({ body: _body, ...meta }) => [meta.id, meta]));
    const seen: SeenEntry[] = full.map((a, i) => ({ id: a.id, firstSeen: minutes(i) }));
    const digest = buildDigest({ channelId: 'C1', localDate: '2026-03-01', since: minutes(0), seen, articles: metas });
    expect(digest.items.map((item) => [item.article.id, item.keySentence])).toEqual([
      ['c', null],
      ['b', null],
    ]);
    // As the index keeps them: a heading line first, then the lead.
    const sentences = new Map(
      full.filter((a) => a.id !== 'b').map((a) => [a.id, [{ text: 'Geneva accord' }, { text: a.body }]]),
    );
    const filled = withKeySentences(digest, sentences);
    expect(filled.items.map((item) => [item.article.id, item.keySentence])).toEqual([
      ['c', 'Delegates from forty countries met in Geneva to agree on article c of the accord.'],
      ['b', null],
    ]);
    expect(filled.coveredUntil).toEqual(digest.coveredUntil);
  });
});
