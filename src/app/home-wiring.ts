/** What the App Home tab is drawn from: the store, the corpus, the admin check (admins also see feeds and feedback). */
import type { ServedCorpus } from '../corpus/served-corpus.ts';
import { homeFeedbackLines, type HomeSources } from '../home/home-data.ts';
import type { AdminCheck } from '../slack/admin-check.ts';
import type { Store } from '../store/store.ts';

export function createHomeSources(deps: { readonly store: Store; readonly corpus: ServedCorpus; readonly isAdmin: AdminCheck; readonly now: () => Date }): HomeSources {
  const { store, corpus, isAdmin, now } = deps;
  return {
    store,
    corpus,
    isAdmin,
    feeds: () => store.feeds.listFeeds(),
    feedbackSummary: () => homeFeedbackLines(store.feedback, now()),
    now,
  };
}
