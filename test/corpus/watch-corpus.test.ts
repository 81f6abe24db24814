import { appendFile, cp, mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusDirectoryError } from '../../src/core/corpus/corpus-error.ts';
import { loadArticleFile } from '../../src/corpus/load-corpus.ts';
import { watchCorpus, type CorpusWatcher, type WatchCorpusOptions } from '../../src/corpus/watch-corpus.ts';
import { CorpusService } from '../../src/corpus/corpus-service.ts';
import { WorkerCorpus } from '../../src/corpus/worker/corpus-worker-client.ts';
import type { Article, CorpusWarning } from '../../src/core/types.ts';

const FIXTURE_CORPUS = fileURLToPath(new URL('../fixtures/corpus', import.meta.url));

/** Small so the suite is quick, but well above the gap between two writes in the tests. */
const SETTLE_MS = 120;
/** How long a change may take to be reported: settle time plus the file system's own delays, with room for a busy machine. */
const DEADLINE_MS = 5_000;

type WatchEvent =
  | { kind: 'article'; article: Article }
  | { kind: 'removed'; id: string; file: string }
  | { kind: 'warning'; warning: CorpusWarning };

let dir: string;
let watcher: CorpusWatcher | null;
let events: WatchEvent[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aigov-watch-'));
  watcher = null;
  events = [];
});

afterEach(async () => {
  await watcher?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts the real watcher on `dir`, recording every callback in `events`. */
async function startWatching(overrides: Partial<WatchCorpusOptions> = {}): Promise<CorpusWatcher> {
  watcher = watchCorpus({
    dir,
    settleMs: SETTLE_MS,
    onArticles: (batch) => void events.push(...batch.map((article): WatchEvent => ({ kind: 'article', article }))),
    onRemoved: (id, file) => void events.push({ kind: 'removed', id, file }),
    onWarning: (warning) => void events.push({ kind: 'warning', warning }),
    ...overrides,
  });
  await watcher.ready;
  return watcher;
}

/** Polls `predicate` until it holds; fails with what was recorded when `timeoutMs` passes first. */
async function waitFor(predicate: () => boolean, timeoutMs = DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms; events: ${JSON.stringify(summary())}`);
    }
    await sleep(15);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Events without article bodies, for assertions and failure messages. */
function summary(): string[] {
  return events.map((e) =>
    e.kind === 'article'
      ? `article ${e.article.file}: ${e.article.title}`
      : e.kind === 'removed'
        ? `removed ${e.id} (${e.file})`
        : `warning ${e.warning.file}: ${e.warning.reason}`,
  );
}

const articles = (): Article[] => events.flatMap((e) => (e.kind === 'article' ? [e.article] : []));
const warnings = (): CorpusWarning[] => events.flatMap((e) => (e.kind === 'warning' ? [e.warning] : []));
const hasArticle = (file: string, title: string): boolean =>
  articles().some((a) => a.file === file && a.title === title);

function markdown(title: string, body: string): string {
  return `---\ntitle: ${title}\ndate: 2025-03-14\nsource: Test Wire\n---\n\n${body}\n`;
}

const put = (file: string, text: string): Promise<void> => writeFile(path.join(dir, file), text);

describe('watchCorpus', () => {
  it('reports an added file as the article the loader reads from it', async () => {
    await startWatching();
    await put('new-article.md', markdown('Summit on AI safety', 'Delegates met in Seoul to discuss AI safety.'));

    await waitFor(() => articles().length > 0);
    const expected = await loadArticleFile(dir, 'new-article.md');
    expect(expected.ok).toBe(true);
    expect(articles()).toEqual([expected.ok ? expected.article : null]);
    expect(articles()[0]).toMatchObject({ id: 'new-article', date: '2025-03-14', source: 'Test Wire' });
    expect(warnings()).toEqual([]);
  });

  it('reports a changed file with its new text', async () => {
    await startWatching();
    await put('a.md', markdown('First title', 'The first version.'));
    await waitFor(() => hasArticle('a.md', 'First title'));

    await put('a.md', markdown('Second title', 'The second version, rewritten.'));
    await waitFor(() => hasArticle('a.md', 'Second title'));
    expect(articles().at(-1)?.body).toBe('The second version, rewritten.');
  });

  it('warns once about a broken file, naming it, and picks it up when it is fixed', async () => {
    await startWatching();
    await put('broken.md', '---\ntitle: [unclosed\n---\n\nText.\n');
    await waitFor(() => warnings().length > 0);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.file).toBe('broken.md');
    expect(warnings()[0]?.reason).toMatch(/front matter/);

    await put('broken.md', markdown('Fixed now', 'Whole again.'));
    await waitFor(() => hasArticle('broken.md', 'Fixed now'));
    expect(warnings()).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'removed')).toEqual([]);
  });

  it('does not repeat the warning when a broken file is saved again with the same fault', async () => {
    await startWatching();
    await put('no-title.md', '---\ndate: 2025-01-01\n---\n\nText.\n');
    await waitFor(() => warnings().length > 0);
    await put('no-title.md', '---\ndate: 2025-01-02\n---\n\nOther text.\n');
    // A valid file written afterwards shows the second save has been processed (one file at a time, in order).
    await sleep(SETTLE_MS);
    await put('later.md', markdown('Later', 'Proof the watcher caught up.'));
    await waitFor(() => hasArticle('later.md', 'Later'));

    expect(warnings()).toEqual([{ file: 'no-title.md', reason: 'missing title' }]);
  });

  it('keeps the last good version when a valid file becomes broken, and does not report it removed', async () => {
    await startWatching();
    await put('a.md', markdown('Good version', 'Text.'));
    await waitFor(() => hasArticle('a.md', 'Good version'));

    await put('a.md', '---\ntitle: Broken version\ndate: 2025-02-30\n---\n\nText.\n');
    await waitFor(() => warnings().length > 0);
    expect(warnings()).toEqual([{ file: 'a.md', reason: "bad date '2025-02-30' (no such day)" }]);
    expect(summary()).toEqual(['article a.md: Good version', "warning a.md: bad date '2025-02-30' (no such day)"]);
  });

  it('reports a deleted file as removed, with the id from its name', async () => {
    await put('gone.txt', 'date 2024-05-01 A plain text article\nIt has a body.\n');
    await startWatching();

    await unlink(path.join(dir, 'gone.txt'));
    await waitFor(() => events.some((e) => e.kind === 'removed'));
    expect(events).toEqual([{ kind: 'removed', id: 'gone', file: 'gone.txt' }]);
  });

  it('reports a rename as the old id removed and the new one added', async () => {
    await put('old-name.md', markdown('Renamed article', 'Text.'));
    await startWatching();

    await rename(path.join(dir, 'old-name.md'), path.join(dir, 'new-name.md'));
    await waitFor(() => events.length >= 2);
    expect(summary().sort()).toEqual(['article new-name.md: Renamed article', 'removed old-name (old-name.md)']);
  });

  it("treats an editor's atomic save (temp file renamed over) as a change, not a removal", async () => {
    await put('a.md', markdown('Before save', 'Text.'));
    await startWatching();

    await put('a.md.tmp', markdown('After save', 'New text.'));
    await rename(path.join(dir, 'a.md.tmp'), path.join(dir, 'a.md'));
    await waitFor(() => hasArticle('a.md', 'After save'));
    expect(summary()).toEqual(['article a.md: After save']);
  });

  it('survives a save that moves the old file away before writing the new one', async () => {
    await put('a.md', markdown('Before save', 'Text.'));
    await startWatching();

    // vim's default: rename to a backup, write the new file, delete the backup.
    await rename(path.join(dir, 'a.md'), path.join(dir, 'a.md~'));
    await put('a.md', markdown('After save', 'New text.'));
    await unlink(path.join(dir, 'a.md~'));
    await waitFor(() => hasArticle('a.md', 'After save'));
    await sleep(SETTLE_MS * 2);
    expect(summary()).toEqual(['article a.md: After save']);
  });

  it('reads a file written in two quick halves once, as the finished article', async () => {
    await startWatching();
    const whole = markdown('Written in two halves', 'The second half completes the article.');
    const cut = whole.indexOf('date:');
    await put('halves.md', whole.slice(0, cut));
    await sleep(SETTLE_MS / 4);
    await appendFile(path.join(dir, 'halves.md'), whole.slice(cut));

    await waitFor(() => articles().length > 0);
    expect(articles().map((a) => [a.title, a.body])).toEqual([
      ['Written in two halves', 'The second half completes the article.'],
    ]);
    expect(warnings()).toEqual([]);
  });

  it('waits for a slow writer: each write restarts the settle time, so the file is read only when whole', async () => {
    const settleMs = 250;
    await startWatching({ settleMs });
    const lines = markdown('Written slowly', 'The last write adds the text.').split(/(?<=\n)/);
    const pieces = [...lines.slice(0, 6), lines.slice(6).join('')];
    // Written over longer than settleMs, with gaps well under it: a fixed window would read it half-done.
    await put('slow.md', pieces[0] ?? '');
    for (const piece of pieces.slice(1)) {
      await sleep(settleMs / 4);
      await appendFile(path.join(dir, 'slow.md'), piece);
    }

    await waitFor(() => articles().length > 0);
    expect(summary()).toEqual(['article slow.md: Written slowly']);
  });

  it('ignores swap files, dotfiles, backups and non-article extensions', async () => {
    await startWatching();
    await put('.a.md.swp', 'swap');
    await put('.hidden.md', markdown('Hidden', 'Text.'));
    await put('notes.json', '{"title": "not an article"}');
    await put('a.md~', markdown('Backup', 'Text.'));
    await put('#a.md#', markdown('Emacs lock', 'Text.'));
    await put('real.md', markdown('Real article', 'Text.'));
    await waitFor(() => hasArticle('real.md', 'Real article'));
    await unlink(path.join(dir, 'notes.json'));
    await unlink(path.join(dir, '.hidden.md'));
    await put('real2.md', markdown('Second real article', 'Text.'));
    await waitFor(() => hasArticle('real2.md', 'Second real article'));

    expect(summary()).toEqual(['article real.md: Real article', 'article real2.md: Second real article']);
  });

  it('hands files that settle together over in batches of at most maxBatch; a broken one among them is warned about and holds back none', async () => {
    const calls: string[][] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await startWatching({
      maxBatch: 5,
      onArticles: async (batch) => {
        calls.push(batch.map((a) => a.file));
        events.push(...batch.map((article): WatchEvent => ({ kind: 'article', article })));
        // The first call is held (an index busy with searches) while a feed import writes a dozen files.
        if (calls.length === 1) await held;
      },
    });
    await put('first.md', markdown('First', 'Text.'));
    await waitFor(() => calls.length === 1);
    const names = Array.from({ length: 12 }, (_, i) => `import-${String(i).padStart(2, '0')}.md`);
    for (const [i, name] of names.entries()) {
      await put(name, i === 6 ? '---\ntitle: [unclosed\n---\n\nText.\n' : markdown(`Imported ${i}`, 'Text.'));
    }
    // Several settle periods, so the files are all queued behind the held call.
    await sleep(SETTLE_MS * 5);
    release();
    const valid = names.filter((_, i) => i !== 6);
    await waitFor(() => valid.every((name) => articles().some((a) => a.file === name)));

    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ file: 'import-06.md', reason: expect.stringMatching(/front matter/) });
    expect(calls.flat().sort()).toEqual(['first.md', ...valid]);
    expect(calls.every((batch) => batch.length <= 5)).toBe(true);
    // Queued together, read together: the eleven came in a few calls, not eleven.
    expect(calls.length).toBeLessThan(1 + valid.length);
  });

  it('applies the same rules inside one batch: a duplicate pair, a deletion and a broken file settling together', async () => {
    await put('going.md', markdown('Going', 'Text.'));
    await put('kept.md', markdown('Kept, good version', 'Text.'));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    await startWatching({
      onArticles: async (batch) => {
        events.push(...batch.map((article): WatchEvent => ({ kind: 'article', article })));
        if (++calls === 1) await held;
      },
    });
    await put('first.md', markdown('First', 'Text.'));
    await waitFor(() => calls === 1);
    // Queued behind the held call, so they are read as one batch.
    await put('pair.txt', 'date 2024-01-02 Plain text twin\nText.\n');
    await put('pair.md', markdown('Markdown twin', 'Text.'));
    await unlink(path.join(dir, 'going.md'));
    await put('kept.md', '---\ntitle: Kept, broken\ndate: 2025-02-30\n---\n\nText.\n');
    await put('plain.md', markdown('Plain', 'Text.'));
    await sleep(SETTLE_MS * 5);
    release();
    await waitFor(() => events.length >= 6);
    await sleep(SETTLE_MS * 2);

    expect(calls).toBe(2);
    expect(summary().sort()).toEqual([
      'article first.md: First',
      'article pair.md: Markdown twin',
      'article plain.md: Plain',
      'removed going (going.md)',
      "warning kept.md: bad date '2025-02-30' (no such day)",
      "warning pair.txt: duplicate id 'pair' (already loaded from pair.md)",
    ]);
  });

  it("reads through the `read` it is given (the bot's: the corpus worker thread), with the same rules", async () => {
    const asked: string[] = [];
    const worker = new WorkerCorpus(dir);
    try {
      await startWatching({
        read: (from, files) => {
          asked.push(...files);
          return worker.readArticleFiles(from, files);
        },
      });
      await put('good.md', markdown('Parsed in the worker', 'Text.'));
      await put('bad.md', '---\ntitle: Broken\ndate: 2025-02-30\n---\n\nText.\n');
      await waitFor(() => events.length >= 2);
      const expected = await loadArticleFile(dir, 'good.md');
      expect(articles()).toEqual([expected.ok ? expected.article : null]);
      expect(warnings()).toEqual([{ file: 'bad.md', reason: "bad date '2025-02-30' (no such day)" }]);
      expect(asked.sort()).toEqual(['bad.md', 'good.md']);
      await unlink(path.join(dir, 'good.md'));
      await waitFor(() => events.some((e) => e.kind === 'removed'));
      expect(summary().at(-1)).toBe('removed good (good.md)');
    } finally {
      await watcher?.close();
      watcher = null;
      await worker.close();
    }
  });

  it('rejects a maxBatch below one, naming the value', () => {
    expect(() =>
      watchCorpus({ dir, maxBatch: 0, onArticles: () => {}, onRemoved: () => {}, onWarning: () => {} }),
    ).toThrow(/maxBatch .* got 0/);
  });

  it('reports nothing after close, not even a change that was waiting to settle', async () => {
    const w = await startWatching();
    await put('pending.md', markdown('Pending', 'Written just before close.'));
    await sleep(SETTLE_MS / 4);
    await w.close();
    await put('after.md', markdown('After close', 'Text.'));
    await unlink(path.join(dir, 'pending.md'));
    // Nothing can be awaited for an event that must not happen: give it several settle periods.
    await sleep(SETTLE_MS * 4);

    expect(events).toEqual([]);
    await w.close(); // a second close is harmless
  });

  it('reports an error thrown by a callback as a warning and keeps watching', async () => {
    await startWatching({
      onArticles: (batch) => {
        if (batch.some((article) => article.id === 'explodes')) throw new Error('index is read-only');
        events.push(...batch.map((article): WatchEvent => ({ kind: 'article', article })));
      },
      onRemoved: async (id) => {
        await sleep(1);
        throw new Error(`cannot remove ${id}`);
      },
    });
    await put('explodes.md', markdown('Explodes', 'Text.'));
    await waitFor(() => warnings().length > 0);
    await unlink(path.join(dir, 'explodes.md'));
    await waitFor(() => warnings().length > 1);
    await put('fine.md', markdown('Fine', 'Text.'));
    await waitFor(() => hasArticle('fine.md', 'Fine'));

    expect(warnings()).toEqual([
      { file: 'explodes.md', reason: 'onArticles failed: index is read-only' },
      { file: 'explodes.md', reason: 'onRemoved failed: cannot remove explodes' },
    ]);
  });

  it('survives an onWarning that throws, passing the failure to process warnings', async () => {
    const processWarnings: string[] = [];
    const onProcessWarning = (w: Error): void => void processWarnings.push(w.message);
    process.on('warning', onProcessWarning);
    try {
      await startWatching({
        onWarning: () => {
          throw new Error('logger is down');
        },
      });
      await put('broken.md', 'no front matter here\n');
      await waitFor(() => processWarnings.length > 0);
      await put('fine.md', markdown('Fine', 'Text.'));
      await waitFor(() => hasArticle('fine.md', 'Fine'));
      expect(processWarnings).toEqual(['watchCorpus: onWarning threw while reporting broken.md: logger is down']);
    } finally {
      process.off('warning', onProcessWarning);
    }
  });

  it('follows the loader on duplicate ids: the first valid file by name wins, the other takes over when it goes', async () => {
    await put('dup.md', markdown('Markdown version', 'Text.'));
    await startWatching();

    await put('dup.txt', 'date 2024-01-02 Plain text version\nText.\n');
    await waitFor(() => warnings().length > 0);
    expect(warnings()).toEqual([{ file: 'dup.txt', reason: "duplicate id 'dup' (already loaded from dup.md)" }]);

    await unlink(path.join(dir, 'dup.md'));
    await waitFor(() => hasArticle('dup.txt', 'Plain text version'));
    expect(events.filter((e) => e.kind === 'removed')).toEqual([]);

    await unlink(path.join(dir, 'dup.txt'));
    await waitFor(() => events.some((e) => e.kind === 'removed'));
    expect(events.at(-1)).toEqual({ kind: 'removed', id: 'dup', file: 'dup.txt' });
  });

  it('follows the directory when it is deleted and created again (a deploy that replaces the folder)', async () => {
    await put('old.md', markdown('Old one', 'Text.'));
    await startWatching({ directoryRetryMs: 50 });
    await rm(dir, { recursive: true });
    await waitFor(() => events.some((e) => e.kind === 'removed'));
    await waitFor(() => warnings().some((w) => w.reason.includes('is gone')));
    expect(warnings().find((w) => w.reason.includes('is gone'))?.file).toBe('.');

    await mkdir(dir);
    await put('new.md', markdown('New one', 'Text.'));
    await waitFor(() => hasArticle('new.md', 'New one'));
    // And it is watched again: a later change is seen too.
    await put('later.md', markdown('Later one', 'Text.'));
    await waitFor(() => hasArticle('later.md', 'Later one'));
    expect(summary()).toContain('removed old (old.md)');
  });

  it('watches the directory with one handle, however many files it holds', async () => {
    for (let i = 0; i < 200; i++) await put(`bulk-${i}.md`, markdown(`Bulk ${i}`, 'Text.'));
    const handles = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;
    const before = handles();
    await startWatching();
    expect(handles() - before).toBe(1);
    await put('bulk-new.md', markdown('Bulk new', 'Text.'));
    await waitFor(() => hasArticle('bulk-new.md', 'Bulk new'));
  });

  it('rejects ready with CorpusDirectoryError for a missing directory', async () => {
    watcher = watchCorpus({
      dir: path.join(dir, 'missing'),
      onArticles: () => {},
      onRemoved: () => {},
      onWarning: () => {},
    });
    await expect(watcher.ready).rejects.toThrow(CorpusDirectoryError);
    await expect(watcher.ready).rejects.toThrow(/missing': no such file or directory/);
  });

  it('rejects a negative settle time, naming the value', () => {
    expect(() =>
      watchCorpus({ dir, settleMs: -1, onArticles: () => {}, onRemoved: () => {}, onWarning: () => {} }),
    ).toThrow(/settleMs .* got -1/);
  });
});

describe('watchCorpus keeping a CorpusService current', () => {
  it('adds, updates, keeps and removes articles in the live index without a reload', async () => {
    await cp(FIXTURE_CORPUS, dir, { recursive: true });
    const service = new CorpusService(dir);
    const loaded = await service.load();
    const seedId = '001_4a63fa4f0b33a94c';
    const seedTitle = service.index.get(seedId)?.title;
    expect(seedTitle).toBeDefined();

    await startWatching({
      onArticles: (batch) => {
        for (const article of batch) {
          service.upsert(article);
          events.push({ kind: 'article', article });
        }
      },
      onRemoved: (id, file) => {
        service.remove(id);
        events.push({ kind: 'removed', id, file });
      },
    });

    await put('zz-live.md', markdown('Live article', 'Added while the bot runs.'));
    await waitFor(() => service.index.get('zz-live') !== undefined);
    expect(service.index.size).toBe(loaded.articles + 1);

    // Broken: the seed's last good version stays searchable.
    await put(`${seedId}.md`, '---\ntitle: half\n');
    await waitFor(() => warnings().length > 0);
    expect(service.index.get(seedId)?.title).toBe(seedTitle);

    await unlink(path.join(dir, 'zz-live.md'));
    await waitFor(() => service.index.get('zz-live') === undefined);
    expect(service.index.size).toBe(loaded.articles);
  });
});
