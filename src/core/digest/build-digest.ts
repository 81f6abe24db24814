/**
 * What a channel's daily digest lists: the articles the bot first saw since
 * the channel's previous digest, newest first, each with one sentence that
 * says what it is about. Plain data in, plain data out; rendering and posting
 * belong to the Slack layer.
 */
import { splitSentences, splitWords, foldWord } from '../text.ts';
import type { Article, ArticleMeta } from '../types.ts';
import type { DuplicateGroup } from '../near-duplicates/near-duplicate-index.ts';

/** One article in a digest. */
export interface DigestItem {
  readonly article: ArticleMeta;
  /** The sentence shown under the title (see {@link keySentence}), or null when the article has none worth quoting. */
  readonly keySentence: string | null;
  /** When the bot first saw the article: what makes it "new" for the digest. */
  readonly firstSeen: Date;
  /** The other articles re-reporting the same story (near-duplicates/), earliest first; absent when none. */
  readonly alsoReportedBy?: readonly ArticleMeta[];
  /** Ids of this digest's other articles folded into this item (re-reports of its story); absent when none. */
  readonly grouped?: readonly string[];
}

export interface Digest {
  readonly channelId: string;
  /** The channel's local date the digest is for, `YYYY-MM-DD`. */
  readonly localDate: string;
  /** Articles first seen strictly after this are listed; null for a channel's first digest. */
  readonly since: Date | null;
  /** Newest first by first-seen time, then by article date (unknown dates last), then by id. */
  readonly items: readonly DigestItem[];
  /**
   * New articles left for the next digest because of `maxItems` (the newest
   * ones; see {@link buildDigest}). They are not lost: `coveredUntil` stops
   * before them. The rendering says that they will follow.
   */
  readonly deferred: number;
  /** True for a channel's first digest, which shows a sample of the latest articles rather than "what is new". */
  readonly isFirst: boolean;
  /**
   * The latest first-seen time among the articles this digest covers, or
   * `since` when there were none: record it in the ledger as `coveredUntil`,
   * and the next digest starts after it. A first digest covers everything
   * seen so far; a later one covers what it lists, which is everything new
   * unless some were deferred. Null only for a first digest over an empty
   * corpus.
   */
  readonly coveredUntil: Date | null;
}

/** How many articles a channel's first digest shows. */
export const DEFAULT_FIRST_DIGEST_COUNT = 5;
/**
 * At most this many articles in one digest, so a bulk import does not flood a
 * channel: the rest follow in the next digests, nothing is dropped. A long
 * digest is split into a channel post and thread replies (up to 8 articles,
 * then 7 to 35 or so per reply, by their length), so 100 articles are 4
 * messages for typical articles and about 15 at worst: a quarter of a minute
 * at Slack's pace of about one message per second per channel.
 */
export const DEFAULT_MAX_DIGEST_ITEMS = 100;

/** An article id with when it was first seen, and optionally its date for ordering ties. */
export interface SeenEntry {
  readonly id: string;
  readonly firstSeen: Date;
  /** The article's ISO date, or null when unknown; breaks ties in first-seen time (a whole corpus loaded at once). */
  readonly date?: string | null;
}

/** Newest first: first-seen time, then article date (unknown last), then id for a stable order. */
function compareNewestFirst(a: SeenEntry, b: SeenEntry): number {
  const bySeen = b.firstSeen.getTime() - a.firstSeen.getTime();
  if (bySeen !== 0) return bySeen;
  const dateA = a.date ?? null;
  const dateB = b.date ?? null;
  if (dateA !== dateB) {
    if (dateA === null) return 1;
    if (dateB === null) return -1;
    return dateA < dateB ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Picks the entries a digest lists, newest first.
 *
 * - `since` set: every entry first seen strictly after it.
 * - `since` null (the channel's first digest): the latest `firstDigestCount`
 *   entries, whenever they were first seen, so a new subscriber sees
 *   something rather than an empty "nothing new".
 */
export function selectDigestItems<T extends SeenEntry>(
  seen: readonly T[],
  since: Date | null,
  options: { readonly firstDigestCount: number },
): T[] {
  const sorted = [...seen].sort(compareNewestFirst);
  if (since === null) return sorted.slice(0, Math.max(0, options.firstDigestCount));
  const after = since.getTime();
  return sorted.filter((entry) => entry.firstSeen.getTime() > after);
}

/** Fewer words than this is a heading, a dateline or a fragment, not a sentence that says what happened. */
const MIN_KEY_SENTENCE_WORDS = 8;
/** A sentence ends with . ! or ?, possibly inside closing quotes or brackets. */
const TERMINAL_PUNCTUATION = /[.!?…]["'”’)\]]*$/u;
/** Credit lines that open with these are about the article, not its news. */
const BYLINE = /^(?:by|from|source|photo|image|editor|edited by|reporting by|written by|copyright|©)\b[\s:]/iu;

function folded(text: string): string {
  return splitWords(text).map(foldWord).join(' ');
}

/**
 * The sentence that best says what an article reports, for its digest entry.
 *
 * Rule: the first sentence of the body that (1) ends with terminal
 * punctuation (headings, titles, bylines and "BEIJING:"-style labels on a
 * line of their own do not), (2) has at least 8 words, (3) is not the title
 * repeated, and (4) does not open like a byline or credit ("By …",
 * "Source: …"). News is written lead first, so the first such sentence is
 * the lead. Null when no sentence qualifies; the digest then shows the title
 * alone rather than a fragment.
 */
export function keySentence(article: Article): string | null {
  return keySentenceOf(article.title, splitSentences(article.body));
}

/** {@link keySentence}'s rule over sentences already split (as the index keeps them). */
export function keySentenceOf(articleTitle: string, sentences: Iterable<string>): string | null {
  const title = folded(articleTitle);
  for (const sentence of sentences) {
    if (!TERMINAL_PUNCTUATION.test(sentence)) continue;
    const words = splitWords(sentence);
    if (words.length < MIN_KEY_SENTENCE_WORDS) continue;
    if (BYLINE.test(sentence)) continue;
    const text = folded(sentence);
    if (title.length > 0 && (text === title || text.startsWith(`${title} `))) continue;
    return sentence;
  }
  return null;
}

export interface DigestInput {
  readonly channelId: string;
  readonly localDate: string;
  /** The previous digest's `coveredUntil`, or null when the channel has had none. */
  readonly since: Date | null;
  /** Article ids with first-seen times, from the store (`articlesFirstSeenSince(null)` or since `since`). */
  readonly seen: readonly { readonly id: string; readonly firstSeen: Date }[];
  /**
   * The corpus by id. Seen ids no longer in it (a removed file) are skipped.
   * Selection needs only metadata; an item's key sentence needs its body, and
   * is null for an entry given without one (see `withKeySentences`).
   */
  readonly articles: ReadonlyMap<string, ArticleMeta | Article>;
  /** Default {@link DEFAULT_FIRST_DIGEST_COUNT}. */
  readonly firstDigestCount?: number;
  /** Default {@link DEFAULT_MAX_DIGEST_ITEMS}. */
  readonly maxItems?: number;
}

function hasBody(article: ArticleMeta | Article): article is Article {
  return 'body' in article;
}

function toMeta(article: ArticleMeta | Article): ArticleMeta {
  if (!hasBody(article)) return article;
  const { body: _body, ...meta } = article;
  return meta;
}

/**
 * The digest with each item's key sentence taken from `sentences` (each
 * article's sentences by id, as the index keeps them: `ServedCorpus.sentences`),
 * for a digest built from metadata alone: only the few articles shown need
 * their sentences, not every article the selection looked at.
 */
export function withKeySentences(digest: Digest, sentences: ReadonlyMap<string, readonly { readonly text: string }[]>): Digest {
  return {
    ...digest,
    items: digest.items.map((item) => {
      const found = sentences.get(item.article.id);
      return found === undefined ? item : { ...item, keySentence: keySentenceOf(item.article.title, found.map((s) => s.text)) };
    }),
  };
}

/**
 * The digest with each story shown once: items re-reporting one story
 * (`groups`, by article id, from the corpus's near-duplicate index) are
 * folded into one, placed where the story's newest item was, showing the
 * story's earliest article among them and naming the other outlets
 * (`alsoReportedBy`, the whole group, with those of earlier digests). The
 * folded ids stay in `grouped`, so the ledger still records them delivered.
 */
export function groupReReports(digest: Digest, groups: ReadonlyMap<string, DuplicateGroup>): Digest {
  const keyOf = (id: string): string => groups.get(id)?.earliest.id ?? id;
  const byKey = new Map<string, DigestItem[]>();
  for (const item of digest.items) {
    const key = keyOf(item.article.id);
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  const items: DigestItem[] = [];
  for (const item of digest.items) {
    const members = byKey.get(keyOf(item.article.id));
    if (members === undefined || members[0] !== item) continue;
    const group = groups.get(item.article.id);
    if (group === undefined) {
      items.push(item);
      continue;
    }
    const order = [group.earliest, ...group.others].map((m) => m.id);
    const shown = [...members].sort((a, b) => order.indexOf(a.article.id) - order.indexOf(b.article.id))[0] as DigestItem;
    items.push({
      ...shown,
      firstSeen: item.firstSeen,
      alsoReportedBy: [group.earliest, ...group.others].filter((m) => m.id !== shown.article.id),
      grouped: members.filter((m) => m !== shown).map((m) => m.article.id),
    });
  }
  return { ...digest, items };
}

/**
 * The oldest entries of `newestFirst` (sorted by {@link compareNewestFirst})
 * that fit in `max`, as a suffix of it. The next digest starts strictly after
 * the newest first-seen time taken, so a batch first seen at one instant is
 * never split: a cut inside one backs off to before it, and when the oldest
 * batch alone is over `max` it is taken whole (the thread replies carry it)
 * rather than block every later digest.
 */
function oldestWithin<T extends SeenEntry>(newestFirst: readonly T[], max: number): readonly T[] {
  if (newestFirst.length <= max) return newestFirst;
  const seenAt = (i: number): number => newestFirst[i]?.firstSeen.getTime() ?? Number.NaN;
  let start = newestFirst.length - Math.max(0, max);
  while (start < newestFirst.length && seenAt(start) === seenAt(start - 1)) start += 1;
  if (start === newestFirst.length) {
    start = newestFirst.length - 1;
    while (start > 0 && seenAt(start - 1) === seenAt(start)) start -= 1;
  }
  return newestFirst.slice(start);
}

/**
 * Builds a channel's digest from what was seen and the current corpus.
 *
 * More than `maxItems` new articles: the digest lists the oldest of them
 * (newest first, as always) and covers only those, so the next digest starts
 * with the rest; `deferred` says how many wait. A first digest shows a sample
 * and covers everything, as {@link selectDigestItems} says.
 */
export function buildDigest(input: DigestInput): Digest {
  const firstDigestCount = input.firstDigestCount ?? DEFAULT_FIRST_DIGEST_COUNT;
  const maxItems = input.maxItems ?? DEFAULT_MAX_DIGEST_ITEMS;
  const present = input.seen.flatMap((entry) => {
    const article = input.articles.get(entry.id);
    return article === undefined ? [] : [{ id: entry.id, firstSeen: entry.firstSeen, date: article.date, article }];
  });
  const selected = selectDigestItems(present, input.since, { firstDigestCount });
  const shown = input.since === null ? selected : oldestWithin(selected, maxItems);

  // A first digest covers everything seen so far, not only the sample it shows.
  const covered = input.since === null ? present : shown;
  const latest = covered.reduce((max, entry) => Math.max(max, entry.firstSeen.getTime()), Number.NEGATIVE_INFINITY);

  return {
    channelId: input.channelId,
    localDate: input.localDate,
    since: input.since,
    items: shown.map((entry) => ({
      article: toMeta(entry.article),
      keySentence: hasBody(entry.article) ? keySentence(entry.article) : null,
      firstSeen: entry.firstSeen,
    })),
    deferred: selected.length - shown.length,
    isFirst: input.since === null,
    coveredUntil: covered.length > 0 ? new Date(latest) : input.since,
  };
}
