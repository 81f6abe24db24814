/**
 * What the Home tab shows a user, gathered from the store and the corpus.
 * Admins also see the feeds (the feed store) and the feedback summary
 * ({@link homeFeedbackLines}), through {@link HomeSources.feeds} and
 * {@link HomeSources.feedbackSummary}.
 */
import type { ServedCorpus } from '../corpus/served-corpus.ts';
import type { HomeData, HomeFeed } from '../slack/render/home.ts';
import type { Store } from '../store/store.ts';
import type { FeedbackStore } from '../store/feedback-store.ts';
import { feedbackSummary } from '../feedback/feedback-summary.ts';

export interface HomeSources {
  readonly store: Pick<Store, 'articlesSeen' | 'digests' | 'watches'>;
  readonly corpus: Pick<ServedCorpus, 'index' | 'ready'>;
  /** Whether the user may see the admin sections (ADMIN_USER_IDS, else workspace admins/owners). */
  readonly isAdmin: (userId: string) => Promise<boolean>;
  /** The feeds and their health for admins; null when they cannot be listed (shown as such). */
  readonly feeds: () => Promise<readonly HomeFeed[] | null>;
  /** The feedback summary for admins, as lines of text; null when there is none. */
  readonly feedbackSummary: () => Promise<readonly string[] | null>;
  readonly now: () => Date;
}

/** How far back the admins' feedback summary on the Home tab looks. */
export const HOME_FEEDBACK_DAYS = 30;

/**
 * The feedback summary admins see on the Home tab: the share found helpful
 * over the last {@link HOME_FEEDBACK_DAYS} days and the questions most often
 * marked wrong (feedback-summary.ts, which `npm run cli -- feedback` prints too).
 */
export async function homeFeedbackLines(store: Pick<FeedbackStore, 'votesSince'>, now: Date): Promise<readonly string[] | null> {
  const since = new Date(now.getTime() - HOME_FEEDBACK_DAYS * 24 * 60 * 60 * 1000);
  const summary = await feedbackSummary(store, since, { recent: 0 });
  if (summary.votes === 0) return [`No votes on answers in the last ${HOME_FEEDBACK_DAYS} days.`];
  const share = Math.round((summary.helpfulShare ?? 0) * 100);
  return [
    `Last ${HOME_FEEDBACK_DAYS} days: ${summary.votes} ${summary.votes === 1 ? 'vote' : 'votes'}, ${share}% helpful (${summary.helpful} 👍, ${summary.notHelpful} 👎).`,
    ...summary.mostMarkedWrong.map((q) => `Marked wrong ${q.down}×: "${q.question}"`),
  ];
}

/** Newest articles the Home tab lists. */
const NEWEST = 5;

export async function gatherHomeData(userId: string, sources: HomeSources): Promise<HomeData> {
  const { store, corpus } = sources;
  const at = sources.now();
  const startOfDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) - 1);
  const [watches, subscriptions, seenToday, isAdmin] = await Promise.all([
    store.watches.listWatches(),
    store.digests.listSubscriptions(),
    store.articlesSeen.articlesFirstSeenSince(startOfDay),
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
