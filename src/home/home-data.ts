/**
 * What the Home tab shows a user, gathered from the store and the corpus.
 * The feeds and the feedback summary come from capabilities built on other
 * branches: they plug in through {@link HomeSources.feeds} and
 * {@link HomeSources.feedbackSummary} (see {@link feedsNotInThisBuild}).
 */
import type { ServedCorpus } from '../core/served-corpus.ts';
import type { HomeData, HomeFeed } from '../slack/render/home.ts';
import type { Store } from '../store/store.ts';

export interface HomeSources {
  readonly store: Pick<Store, 'listWatches' | 'listSubscriptions' | 'articlesFirstSeenSince'>;
  readonly corpus: Pick<ServedCorpus, 'index' | 'ready'>;
  /** Whether the user may see the admin sections (ADMIN_USER_IDS, else workspace admins/owners). */
  readonly isAdmin: (userId: string) => Promise<boolean>;
  /** The feeds and their health for admins; null when this build has no feed store. */
  readonly feeds: () => Promise<readonly HomeFeed[] | null>;
  /** The feedback summary for admins, as lines of text; null when there is none. */
  readonly feedbackSummary: () => Promise<readonly string[] | null>;
  readonly now: () => Date;
}

/**
 * THE place feeds plug into App Home: until the feed store (branch
 * `ingest-drive`, `FeedStore.listFeeds()`) is wired here, admins see that
 * feeds are not available. Its `Feed` rows carry every field `HomeFeed` reads.
 */
export async function feedsNotInThisBuild(): Promise<readonly HomeFeed[] | null> {
  return null;
}

/** THE place the feedback summary (branch `feedback-dups`) plugs into App Home; none until it is wired. */
export async function feedbackNotInThisBuild(): Promise<readonly string[] | null> {
  return null;
}

/** Newest articles the Home tab lists. */
const NEWEST = 5;

export async function gatherHomeData(userId: string, sources: HomeSources): Promise<HomeData> {
  const { store, corpus } = sources;
  const at = sources.now();
  const startOfDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) - 1);
  const [watches, subscriptions, seenToday, isAdmin] = await Promise.all([
    store.listWatches(),
    store.listSubscriptions(),
    store.articlesFirstSeenSince(startOfDay),
    sources.isAdmin(userId),
  ]);
  const all = corpus.ready ? corpus.index.all() : [];
  const [feeds, feedback] = isAdmin ? await Promise.all([sources.feeds(), sources.feedbackSummary()]) : [null, null];
  return {
    userId,
    isAdmin,
    watches,
    subscriptions,
    corpus: { articles: all.length, newest: all.slice(0, NEWEST), today: seenToday.filter((s) => corpus.ready && corpus.index.get(s.id) !== undefined).length },
    feeds,
    feedback,
  };
}
