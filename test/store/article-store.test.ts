/** The shared articles' contract, on each engine: idempotent puts, numbered changes, removals that hold. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { until } from '../support/until.ts';
import { ENGINES, storesOn } from './engines.ts';

const T0 = new Date('2026-11-20T10:00:00Z');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (content: Uint8Array | null): string | null => (content === null ? null : new TextDecoder().decode(content));

describe.each(ENGINES)('articles on $name', (engine) => {
  const stores = storesOn(engine);
  let store: Store;

  beforeEach(async () => {
    store = await stores.open();
  });

  it('numbers each change; the same bytes again change nothing; a follower sees each article as it now is', async () => {
    expect(await store.articles.putArticle({ id: 'a', file: 'a.md', content: bytes('one'), at: T0 })).toEqual({ status: 'added', seq: 1 });
    expect(await store.articles.putArticle({ id: 'b', file: 'b.txt', content: bytes('two'), at: T0 })).toEqual({ status: 'added', seq: 2 });
    expect(await store.articles.putArticle({ id: 'a', file: 'a.md', content: bytes('one'), at: T0 })).toEqual({ status: 'unchanged' });
    expect(await store.articles.putArticle({ id: 'a', file: 'a.md', content: bytes('one, edited'), at: T0 })).toEqual({ status: 'replaced', seq: 3 });
    expect(await store.articles.deleteArticle('b', T0)).toBe(true);
    expect(await store.articles.deleteArticle('b', T0)).toBe(false);
    expect(await store.articles.deleteArticle('never', T0)).toBe(false);

    const all = await store.articles.changesAfter(0, 100);
    expect(all.map((c) => [c.id, c.file, c.seq, text(c.content)])).toEqual([
      ['a', 'a.md', 3, 'one, edited'],
      ['b', 'b.txt', 4, null],
    ]);
    expect((await store.articles.changesAfter(3, 100)).map((c) => c.id)).toEqual(['b']);
    expect(await store.articles.changesAfter(4, 100)).toEqual([]);
    expect((await store.articles.changesAfter(0, 1)).map((c) => c.seq)).toEqual([3]);
    // A removed article put back (a file restored) is an article again.
    expect(await store.articles.putArticle({ id: 'b', file: 'b.txt', content: bytes('two'), at: T0 })).toEqual({ status: 'added', seq: 5 });
  });

  it('keeps bytes exactly, whatever they are', async () => {
    const raw = new Uint8Array([0xef, 0xbb, 0xbf, 0x00, 0xff, 0xe9, 0x0a]);
    await store.articles.putArticle({ id: 'raw', file: 'raw.txt', content: raw, at: T0 });
    expect([...((await store.articles.changesAfter(0, 1))[0]?.content ?? [])]).toEqual([...raw]);
  });

  it('does not bring back an article an admin removed, from a copy in some CORPUS_DIR', async () => {
    await store.articles.putArticle({ id: 'gone', file: 'gone.md', content: bytes('text'), at: T0 });
    await store.feeds.recordRemoval({ canonicalUrl: 'https://example.org/gone', articleId: 'gone', removedBy: 'U1', at: T0 });
    await store.articles.deleteArticle('gone', T0);
    expect(await store.articles.putArticle({ id: 'gone', file: 'gone.md', content: bytes('text'), at: T0 })).toEqual({ status: 'removed-by-admin' });
  });

  it('gives changes made at once through two stores distinct numbers, none lost', async () => {
    const other = await stores.open();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).articles.putArticle({ id: `n${i}`, file: `n${i}.md`, content: bytes(`text ${i}`), at: T0 })),
    );
    const seqs = (await store.articles.changesAfter(0, 100)).map((c) => c.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('wakes a listener when a change is committed', async () => {
    let woken = 0;
    const stop = store.articles.onChange(() => (woken += 1));
    try {
      // PostgreSQL's LISTEN connection opens in the background: wake-ups are a hint, so keep changing until one arrives.
      let n = 0;
      await until(async () => {
        await store.articles.putArticle({ id: `w${++n}`, file: `w${n}.md`, content: bytes('x'), at: T0 });
        return woken > 0;
      }, 10_000);
    } finally {
      stop();
    }
  });
});
