/**
 * The bot's durable state, as an object of ports: one per capability, each
 * plain data (strings, numbers, Dates) behind Promises, so an engine is the
 * ports implemented and nothing else (SQLite: `sqlite/`). Every method
 * returns a Promise even where better-sqlite3 is synchronous: a network
 * database cannot be. Opened in one place, `open-store.ts`.
 */
import type { AnswerLedger } from './answer-ledger.ts';
import type { ArticleStore } from './article-store.ts';
import type { ArticlesSeen } from './articles-seen.ts';
import type { DigestStore } from './digest-store.ts';
import type { EventLedger } from './event-ledger.ts';
import type { FeedbackStore } from './feedback-store.ts';
import type { FeedStore } from './feed-store.ts';
import type { InstallationRecords } from './installation-store.ts';
import type { WatchStore } from './watch-store.ts';

export interface Store {
  /** Event ids being answered (Slack's retries refused). */
  readonly events: EventLedger;
  /** When each article was first seen. */
  readonly articlesSeen: ArticlesSeen;
  /** Daily digest subscriptions and the digest ledger. */
  readonly digests: DigestStore;
  /** `@aigov` answers owed and delivered. */
  readonly answers: AnswerLedger;
  /** Feeds, their poll state, the ingestion ledger and removals. */
  readonly feeds: FeedStore;
  /** Watches and the alerts they posted. */
  readonly watches: WatchStore;
  /** Answers and result pages shown, and the votes on them. */
  readonly feedback: FeedbackStore;
  /** The articles every instance indexes, when several share one database (DATABASE_URL). */
  readonly articles: ArticleStore;
  /** Installations by OAuth, bot tokens sealed (give them a TokenCipher with withTokenCipher). */
  readonly installations: InstallationRecords;
  close(): Promise<void>;
}

/** The names of the ports, for code that treats every port alike (health watching, tests). */
export const STORE_PORTS = ['events', 'articlesSeen', 'digests', 'answers', 'feeds', 'watches', 'feedback', 'articles', 'installations'] as const satisfies readonly (keyof Store)[];
