import { TextsFromFiles } from './texts-from-files.ts';
import { articleIdOf } from '../core/corpus/parse-article.ts';
import { loadArticleFile, loadCorpus, stampCorpusFiles, type FileStamp } from './load-corpus.ts';
import { CorpusIndex, dateContextOf, metaOf } from '../core/search/corpus-index.ts';
import { ColdBuildHelper, HELPER_SENTENCE_SHARE } from './worker/cold-build-helper.ts';
import { UNKNOWN_MTIME, corpusKey, loadSnapshot, saveSnapshot, type LoadSnapshotResult } from './index-snapshot/persisted-index.ts';
import { findAnswer } from '../core/answer/find-answer.ts';
import { TurnQueue } from '../runtime/turn-queue.ts';
import { NearDuplicateIndex, type DuplicateGroup } from '../core/near-duplicates/near-duplicate-index.ts';
import { groupsOf, readSavedGroups, restoreGroups, saveSignatures } from './saved-near-duplicates.ts';
import { signatureOf } from '../core/near-duplicates/minhash.ts';
import { citeEarliest } from '../core/near-duplicates/cite-earliest.ts';
import { buildTimeline } from '../core/timeline/build-timeline.ts';
import type { TimelinePage } from '../core/timeline/timeline.ts';
import type { Continuing } from '../core/answer/follow-up.ts';
import type { ServedCorpus } from './served-corpus.ts';
import type { DatedSentence } from '../core/dates/event-date.ts';
import type { Answer, Article, ArticleMeta, CorpusWarning, SearchPage, SearchQuery } from '../core/types.ts';
import { WatchMatcher, type WatchMatch, type WatchQuery } from '../core/watch/match-watches.ts';

/** What `GET /healthz` reports. */
export interface CorpusStatus {
  readonly ready: boolean;
  readonly documents: number;
  /** When the index last changed (ISO), or null before the first load. */
  readonly indexedAt: string | null;
  /** Seconds since the index last changed, or null before the first load. */
  readonly corpusAgeSeconds: number | null;
  /** The newest article date in the corpus (ISO), or null when none is known. */
  readonly newestArticleDate: string | null;
}

/**
 * The status `/healthz` reports, from what an implementation knows of its
 * index; null (or no index time yet) means not ready.
 */
export function corpusStatus(
  index: { readonly documents: number; readonly indexedAt: Date | null; readonly newestDate: string | null } | null,
  now: Date,
): CorpusStatus {
  if (index === null || index.indexedAt === null) {
    return { ready: false, documents: 0, indexedAt: null, corpusAgeSeconds: null, newestArticleDate: null };
  }
  return {
    ready: true,
    documents: index.documents,
    indexedAt: index.indexedAt.toISOString(),
    corpusAgeSeconds: Math.max(0, Math.round((now.getTime() - index.indexedAt.getTime()) / 1000)),
    newestArticleDate: index.newestDate,
  };
}

/** Asked for search before the index was built. */
export class IndexNotReadyError extends Error {
  override readonly name = 'IndexNotReadyError';
  readonly code = 'AIGOV_INDEX_NOT_READY';
  constructor() {
    super('the corpus index is still being built');
  }
}

export interface CorpusServiceOptions {
  /**
   * Where the index is saved between runs (e.g. `DATA_DIR/index`); null (the
   * default) keeps it in memory only and rebuilds it at every start.
   */
  readonly snapshotDir?: string | null;
  /** Told about snapshot saves that failed (the bot keeps serving; the next start rebuilds). */
  readonly onSaveError?: (err: unknown) => void;
  /**
   * Load the saved index in one go instead of in batches that let the event
   * loop serve requests in between: faster, for a thread that serves nothing
   * else while loading (the corpus worker). Default false.
   */
  readonly blockingLoad?: boolean;
  /**
   * Index a corpus of at least COLD_BUILD_HELPER_MIN_ARTICLES from scratch on
   * two threads (worker/cold-build-helper.ts): the corpus worker sets it.
   * Default false (one thread, as a small corpus or a test needs).
   */
  readonly coldBuildHelper?: boolean;
}

/** Below this many articles a helper thread's start costs more than it saves. */
export const COLD_BUILD_HELPER_MIN_ARTICLES = 500;

/** What was read of the saved index (see CorpusService.preload). */
interface SnapshotRead {
  readonly loaded: LoadSnapshotResult;
  /** Null when the snapshot was not loaded. */
  readonly groups: NearDuplicateIndex | null;
}

/** What {@link CorpusService.load} did. */
export interface LoadReport {
  readonly articles: number;
  readonly warnings: CorpusWarning[];
  /** `snapshot`: the saved index was loaded (then brought up to date); `built`: every file was read and indexed. */
  readonly from: 'snapshot' | 'built';
  /** Files read because they changed since the snapshot (0 when built). */
  readonly filesReread: number;
  /** Why the saved index was not used, when it was not (null when it was, or when there is no snapshot dir). */
  readonly snapshotRefused: string | null;
}


/**
 * The corpus as the bot serves it: the search index, loaded from its saved
 * copy (or built) at start and kept current as articles are added, changed
 * or removed.
 */
export class CorpusService implements ServedCorpus {
  #index: CorpusIndex | null = null;
  #indexedAt: Date | null = null;
  /** Stamps of the files the index was made from, by file name (what a snapshot records). */
  #stamps = new Map<string, FileStamp>();
  /** Serialises searches and answers so acks are served between them. */
  readonly #turns = new TurnQueue();
  #warnings: CorpusWarning[] = [];
  /** Which articles re-report one story (near-duplicates/), kept in step with the index. */
  #groups = new NearDuplicateIndex();
  #newestDate: string | null = null;
  /** True when the index changed since it was last saved. */
  #dirty = false;
  #saving: Promise<void> | null = null;
  readonly #snapshotDir: string | null;
  /** Article texts are read back from the corpus files when shown, not kept in memory (article-texts.ts). */
  readonly #texts: TextsFromFiles;
  readonly #onSaveError: (err: unknown) => void;
  readonly #blockingLoad: boolean;
  readonly #coldBuildHelper: boolean;
  /** Keeps watch queries compiled between articles. */
  readonly #watchMatcher = new WatchMatcher();
  /** The snapshot being read ahead of {@link load} (see {@link preload}); taken by load. */
  #preloaded: Promise<SnapshotRead> | null = null;

  constructor(
    readonly corpusDir: string,
    private readonly now: () => Date = () => new Date(),
    options: CorpusServiceOptions = {},
  ) {
    this.#snapshotDir = options.snapshotDir ?? null;
    this.#texts = new TextsFromFiles(corpusDir);
    this.#onSaveError = options.onSaveError ?? (() => {});
    this.#blockingLoad = options.blockingLoad ?? false;
    this.#coldBuildHelper = options.coldBuildHelper ?? false;
  }

  /**
   * Loads the index: from the saved snapshot when there is one made with the
   * current index options, re-reading only the files that changed since;
   * otherwise by reading and indexing every file, and then saving it before
   * the index is installed (saving copies the whole index in one synchronous
   * step, a long one at 10k articles, BENCHMARKS.md "Figures behind design
   * choices": better before the bot is ready than while it serves). Returns the files that were skipped.
   *
   * While the bot runs, changes are not saved as they happen: the next start
   * re-reads the files that changed since the snapshot, which costs little,
   * and {@link flush} saves on the way out.
   */
  async load(): Promise<LoadReport> {
    // What was read of the snapshot does not depend on the files on disk: it may have started before this call.
    const loading = this.#snapshotDir === null ? null : (this.#preloaded ?? this.#readSnapshot(this.#snapshotDir));
    this.#preloaded = null;
    // Stamped now, after whatever started the watcher called load(): a file changed after its stamp gets a new
    // mtime and is re-read next time; one changed before it is re-read below (#fromSnapshot).
    const stamps = this.#snapshotDir === null ? [] : await stampCorpusFiles(this.corpusDir);
    let refused: string | null = null;
    if (loading !== null) {
      const ids = new Set(stamps.map((s) => articleIdOf(s.file)));
      const read = await loading;
      // Two files with one id (`a.md`, `a.txt`): which wins depends on both; the full load settles it.
      if (ids.size !== stamps.length) refused = 'two corpus files share an id';
      else if (read.loaded.ok) return this.#fromSnapshot(read.loaded.saved, read.groups, stamps);
      else refused = read.loaded.reason;
    }
    // Started before the files are read, so its modules load meanwhile.
    const helper = this.#coldBuildHelper ? new ColdBuildHelper() : null;
    const { articles, warnings } = await loadCorpus(this.corpusDir);
    const { index, groups } = await this.#build(articles, helper).finally(() => helper?.close());
    const stampByFile = new Map(stamps.map((s) => [s.file, s]));
    this.#stamps = new Map();
    // A file read but not stamped (added in between) gets an unknown stamp: read again next time.
    for (const file of [...articles.map((a) => a.file), ...warnings.map((w) => w.file)]) {
      this.#stamps.set(file, stampByFile.get(file) ?? { file, size: -1, mtimeMs: UNKNOWN_MTIME });
    }
    this.#groups = groups;
    if (this.#snapshotDir !== null) await this.#save(index, warnings);
    this.#install(index, warnings);
    return { articles: articles.length, warnings, from: 'built', filesReread: 0, snapshotRefused: refused };
  }

  /** The search index and near-duplicate groups of `articles`, with the helper thread's share made there when there is one. */
  async #build(articles: readonly Article[], helper: ColdBuildHelper | null): Promise<{ index: CorpusIndex; groups: NearDuplicateIndex }> {
    if (helper === null || articles.length < COLD_BUILD_HELPER_MIN_ARTICLES) {
      return { index: CorpusIndex.build(articles, this.#texts), groups: groupsOf(articles) };
    }
    const count = Math.round(articles.length * HELPER_SENTENCE_SHARE);
    const parts = helper.analyse(
      articles.map((article) => ({ id: article.id, body: article.body, context: dateContextOf(metaOf(article)) })),
      count,
    );
    const index = await CorpusIndex.buildBeside(articles, this.#texts, { count, tables: parts.then((p) => p?.tables ?? null) });
    // Without the helper's groups (it failed), made here as in one thread.
    const groups = (await parts)?.groups ?? groupsOf(articles);
    return { index, groups };
  }

  /**
   * Starts reading the saved index now, before {@link load} is called: the
   * part of a warm start that does not depend on the files on disk (parsing
   * the snapshot, restoring the search index and the near-duplicate groups).
   * load() stamps the files afterwards and re-reads those that changed, so
   * nothing written before load() is missed. The corpus worker calls it as
   * its thread starts, while the main thread is still loading Bolt.
   */
  preload(): void {
    if (this.#snapshotDir === null || this.#preloaded !== null || this.#index !== null) return;
    this.#preloaded = this.#readSnapshot(this.#snapshotDir);
    // A bug that throws there is load()'s to report (it awaits this promise); until then it must not count as unhandled.
    this.#preloaded.catch(() => undefined);
  }

  /** The saved index and, when it loaded, its near-duplicate groups (signatures saved with it; any missing made from the texts). */
  async #readSnapshot(dir: string): Promise<SnapshotRead> {
    // The signatures first, while the heap is small (see readSavedGroups); kept only if they match the snapshot.
    const savedGroups = await readSavedGroups(dir);
    const loaded = await loadSnapshot(dir, this.#texts, { blocking: this.#blockingLoad });
    if (!loaded.ok) return { loaded, groups: null };
    const { index, stamps } = loaded.saved;
    const identity = { savedAt: loaded.savedAt, corpusKey: corpusKey(stamps) };
    const { groups } = restoreGroups(savedGroups, identity, index.metas(), (meta) => this.#texts.read(meta));
    return { loaded, groups };
  }

  /** Installs a saved index after bringing it in line with the files now on disk. */
  async #fromSnapshot(
    saved: { index: CorpusIndex; stamps: readonly FileStamp[]; warnings: readonly CorpusWarning[] },
    restoredGroups: NearDuplicateIndex | null,
    stamps: readonly FileStamp[],
  ): Promise<LoadReport> {
    const { index } = saved;
    const groups = restoredGroups ?? new NearDuplicateIndex();
    const before = new Map(saved.stamps.map((s) => [s.file, s]));
    const warnings = new Map(saved.warnings.map((w) => [w.file, w]));
    const current = new Map<string, FileStamp>();
    let reread = 0;
    for (const stamp of stamps) {
      const old = before.get(stamp.file);
      before.delete(stamp.file);
      current.set(stamp.file, stamp);
      if (old !== undefined && old.size === stamp.size && old.mtimeMs === stamp.mtimeMs) continue;
      reread += 1;
      const result = await loadArticleFile(this.corpusDir, stamp.file);
      if (result.ok) {
        warnings.delete(stamp.file);
        index.upsert(result.article);
        groups.set(result.article.id, signatureOf(result.article.body));
      } else {
        // As at a full load: a broken file is skipped, so its earlier version goes.
        warnings.set(stamp.file, result.warning);
        index.remove(articleIdOf(stamp.file));
        groups.delete(articleIdOf(stamp.file));
      }
    }
    // Files gone since the snapshot.
    for (const file of before.keys()) {
      warnings.delete(file);
      index.remove(articleIdOf(file));
      groups.delete(articleIdOf(file));
    }
    this.#groups = groups;
    const removed = before.size;
    this.#stamps = current;
    const list = [...warnings.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    this.#install(index, list);
    if (reread > 0 || removed > 0 || corpusKey(stamps) !== corpusKey(saved.stamps)) this.#markChanged();
    return { articles: index.size, warnings: list, from: 'snapshot', filesReread: reread, snapshotRefused: null };
  }

  #install(index: CorpusIndex, warnings: CorpusWarning[]): void {
    this.#index = index;
    this.#warnings = warnings;
    this.#indexedAt = this.now();
    this.#newestDate = null;
    for (const article of index.metas()) this.#noteDate(article.date);
  }

  #noteDate(date: string | null): void {
    if (date !== null && (this.#newestDate === null || date > this.#newestDate)) this.#newestDate = date;
  }

  get ready(): boolean {
    return this.#index !== null;
  }

  /** The live index; throws {@link IndexNotReadyError} before {@link load} finished. */
  get index(): CorpusIndex {
    if (this.#index === null) throw new IndexNotReadyError();
    return this.#index;
  }

  /** One page of results; re-reports of one story are listed once, with the others as `alsoReportedBy`. */
  search(query: SearchQuery, page: { offset: number; limit: number }): SearchPage {
    const groups = this.#groups;
    const found = this.index.search(query, page, { groupKey: (id) => groups.groupKey(id) });
    return { ...found, hits: found.hits.map((hit) => ({ ...hit, alsoReportedBy: this.#othersOf(hit.article.id) })) };
  }

  /**
   * Does one more piece of what a warm start leaves for later (filing the
   * restored near-duplicate signatures in their LSH bands, a band at a time);
   * false when nothing is left. For a thread that calls it between requests
   * after {@link load}; unneeded otherwise (a new article files the rest first).
   */
  finishRestoreStep(): boolean {
    return this.#groups.fileRestoredBand();
  }

  /** The other articles of `id`'s group, earliest first (empty when it stands alone). */
  #othersOf(id: string): ArticleMeta[] {
    const group = this.duplicateGroup(id);
    return group === null ? [] : [group.earliest, ...group.others].filter((m) => m.id !== id);
  }

  /** The group of articles re-reporting the story of `id` (earliest, then the others), or null when it stands alone. */
  duplicateGroup(id: string): DuplicateGroup | null {
    return this.#groups.groupOf(id, (member) => this.index.get(member));
  }

  /** {@link duplicateGroup} for several ids; those standing alone are left out. */
  async duplicateGroups(ids: readonly string[]): Promise<Map<string, DuplicateGroup>> {
    const found = new Map<string, DuplicateGroup>();
    for (const id of ids) {
      const group = this.duplicateGroup(id);
      if (group !== null) found.set(id, group);
    }
    return found;
  }

  /** {@link search}, queued behind earlier searches and answers in its own event-loop turn (see TurnQueue). */
  searchQueued(query: SearchQuery, page: { offset: number; limit: number }): Promise<SearchPage> {
    return this.#turns.run(() => this.search(query, page));
  }

  /** {@link answer}, queued like {@link searchQueued}. */
  answerQueued(question: string, continuing?: Continuing): Promise<Answer | null> {
    return this.#turns.run(() => this.answer(question, continuing));
  }

  /** The quick-fact answer, citing the earliest report of its story (cite-earliest.ts); a follow-up's with what it continues. */
  answer(question: string, continuing: Continuing = {}): Answer | null {
    const answer = findAnswer(this.index, question, {
      ...(continuing.preferArticleId === undefined ? {} : { preferArticleId: continuing.preferArticleId }),
      ...(continuing.skipSentences === undefined ? {} : { skipSentences: new Set(continuing.skipSentences) }),
    });
    return answer === null ? null : citeEarliest(answer, (id) => this.duplicateGroup(id), (meta) => this.index.sentencesOf(meta)?.map((s) => s.text) ?? null);
  }

  /** One page of the timeline of `query`'s topic (build-timeline.ts). */
  timeline(query: SearchQuery, page: { offset: number; limit: number }): TimelinePage {
    return buildTimeline(this.index, query, page);
  }

  /** {@link timeline}, queued like {@link searchQueued}. */
  timelineQueued(query: SearchQuery, page: { offset: number; limit: number }): Promise<TimelinePage> {
    return this.#turns.run(() => this.timeline(query, page));
  }

  /** The articles with these ids, bodies included; unknown ids are left out. */
  async articles(ids: readonly string[]): Promise<Map<string, Article>> {
    const found = new Map<string, Article>();
    for (const id of ids) {
      const article = this.index.article(id);
      if (article !== undefined) found.set(id, article);
    }
    return found;
  }

  /** See {@link ServedCorpus.sentences}. */
  async sentences(ids: readonly string[]): Promise<Map<string, DatedSentence[]>> {
    const found = new Map<string, DatedSentence[]>();
    for (const id of ids) {
      const meta = this.index.get(id);
      const sentences = meta === undefined ? null : this.index.sentencesOf(meta);
      if (sentences !== null) found.set(id, sentences);
    }
    return found;
  }

  /** The watches the indexed article fires (see ServedCorpus.matchWatches). */
  async matchWatches(articleId: string, watches: readonly WatchQuery[]): Promise<WatchMatch[]> {
    const article = this.index.article(articleId);
    const sentences = article === undefined ? null : this.index.sentencesOf(article);
    return article === undefined || sentences === null ? [] : this.#watchMatcher.match(article, sentences, watches);
  }

  /** Adds or replaces one article without rebuilding the index. */
  upsert(article: Article): void {
    const previous = this.index.get(article.id);
    this.index.upsert(article);
    this.#groups.set(article.id, signatureOf(article.body));
    this.#indexedAt = this.now();
    // The watcher read the file at some moment between two stamps: re-read it at the next start to be sure.
    if (previous !== undefined && previous.file !== article.file) this.#stamps.delete(previous.file);
    this.#stamps.set(article.file, { file: article.file, size: -1, mtimeMs: UNKNOWN_MTIME });
    this.#warnings = this.#warnings.filter((w) => w.file !== article.file);
    if (previous !== undefined && previous.date !== null && previous.date === this.#newestDate) this.#recomputeNewest();
    else this.#noteDate(article.date);
    this.#markChanged();
  }

  /** Removes one article; false when it was not indexed. */
  remove(id: string): boolean {
    const previous = this.index.get(id);
    const removed = this.index.remove(id);
    if (removed) {
      this.#groups.delete(id);
      this.#indexedAt = this.now();
      if (previous !== undefined) this.#stamps.delete(previous.file);
      if (previous?.date != null && previous.date === this.#newestDate) this.#recomputeNewest();
      this.#markChanged();
    }
    return removed;
  }

  #recomputeNewest(): void {
    this.#newestDate = null;
    for (const article of this.index.metas()) this.#noteDate(article.date);
  }

  status(): CorpusStatus {
    const known = this.#index === null ? null : { documents: this.#index.size, indexedAt: this.#indexedAt, newestDate: this.#newestDate };
    return corpusStatus(known, this.now());
  }

  /**
   * Saves the index if it changed since it was last saved (or loaded), and
   * waits for any save under way. Call it before the process exits; without
   * it, the next start re-reads the files changed since the last save.
   */
  async flush(): Promise<void> {
    await this.#saving;
    if (this.#dirty) await this.#save();
  }

  #markChanged(): void {
    this.#dirty = true;
  }

  #save(index: CorpusIndex | null = this.#index, warnings: CorpusWarning[] = this.#warnings): Promise<void> {
    const dir = this.#snapshotDir;
    if (dir === null || index === null) return Promise.resolve();
    this.#saving ??= (async () => {
      this.#dirty = false;
      try {
        const stamps = [...this.#stamps.values()];
        const now = this.now();
        // The signatures first, marked with the snapshot they go with: a crash between the two leaves
        // signatures the old snapshot does not match, and they are recomputed (never wrongly reused).
        await saveSignatures(dir, this.#groups, { savedAt: now.toISOString(), corpusKey: corpusKey(stamps) });
        await saveSnapshot(dir, { index, stamps, warnings }, now);
      } catch (err) {
        this.#dirty = true;
        this.#onSaveError(err);
      }
    })().finally(() => {
      this.#saving = null;
    });
    return this.#saving;
  }
}
