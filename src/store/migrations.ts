/**
 * The schema, as one list of numbered migrations for every engine: SQLite
 * applies them by `PRAGMA user_version` (sqlite/migrate.ts), PostgreSQL by a
 * version table under an advisory lock (postgres/migrate.ts). Each runs the
 * missing ones in order, each in its own transaction.
 *
 * Written in SQLite's SQL, as they shipped; postgres/migrate.ts translates the
 * few forms only SQLite reads (`WITHOUT ROWID`, `GLOB` checks, `INTEGER`
 * columns, an integer primary key) and the store's contract tests run every
 * migration on both engines. A new migration keeps to what both read.
 *
 * Never edit a migration that has shipped: add a new one. Times are stored as
 * integer milliseconds since the epoch (UTC), so they compare and sort as
 * numbers.
 */

export interface Migration {
  /** 1, 2, 3…: contiguous, in array order. */
  readonly version: number;
  /** What it does, for error messages. */
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, articles seen, subscriptions, digest ledger',
    sql: `
      CREATE TABLE answered_events (
        event_id   TEXT PRIMARY KEY,
        claimed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX answered_events_by_claimed_at ON answered_events (claimed_at);

      CREATE TABLE articles_seen (
        article_id    TEXT PRIMARY KEY,
        first_seen_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX articles_seen_by_first_seen ON articles_seen (first_seen_at);

      CREATE TABLE subscriptions (
        channel_id    TEXT PRIMARY KEY,
        time          TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
        time_zone     TEXT NOT NULL,
        created_by    TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        paused_reason TEXT,
        paused_at     INTEGER,
        CHECK ((paused_reason IS NULL) = (paused_at IS NULL))
      ) WITHOUT ROWID;

      -- No foreign key to subscriptions: the ledger outlives an unsubscribe, so
      -- re-subscribing on a day already posted does not post it again.
      CREATE TABLE digests (
        channel_id    TEXT NOT NULL,
        local_date    TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        state         TEXT NOT NULL CHECK (state IN ('reserved', 'posted', 'failed', 'interrupted')),
        reserved_at   INTEGER NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 1,
        posted_at     INTEGER,
        message_ts    TEXT,
        covered_until INTEGER,
        error         TEXT,
        PRIMARY KEY (channel_id, local_date),
        CHECK (state <> 'posted' OR (posted_at IS NOT NULL AND covered_until IS NOT NULL))
      ) WITHOUT ROWID;
      CREATE INDEX digests_by_state ON digests (state, reserved_at);

      CREATE TABLE digest_articles (
        channel_id TEXT NOT NULL,
        local_date TEXT NOT NULL,
        position   INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (channel_id, local_date, position),
        FOREIGN KEY (channel_id, local_date) REFERENCES digests (channel_id, local_date) ON DELETE CASCADE
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'answer deliveries',
    sql: `
      -- One row per @aigov question claimed: what to answer where, and whether it was (answer-ledger.ts).
      CREATE TABLE answer_deliveries (
        event_id   TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        thread_ts  TEXT NOT NULL,
        question   TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('claimed', 'answered', 'abandoned')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        claimed_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        message_ts TEXT,
        error      TEXT
      ) WITHOUT ROWID;
      CREATE INDEX answer_deliveries_by_state ON answer_deliveries (state, claimed_at);
    `,
  },
  {
    version: 3,
    name: 'feeds, ingested articles, feed items, removals',
    sql: `
      CREATE TABLE feeds (
        id                   INTEGER PRIMARY KEY,
        url                  TEXT NOT NULL UNIQUE,
        title                TEXT,
        added_by             TEXT,
        added_at             INTEGER NOT NULL,
        etag                 TEXT,
        last_modified        TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        last_success_at      INTEGER,
        last_error           TEXT,
        last_error_at        INTEGER,
        next_poll_at         INTEGER NOT NULL,
        stopped_reason       TEXT CHECK (stopped_reason IN ('gone')),
        stopped_at           INTEGER,
        failure_reported_at  INTEGER,
        CHECK ((stopped_reason IS NULL) = (stopped_at IS NULL))
      );
      CREATE INDEX feeds_by_next_poll ON feeds (next_poll_at) WHERE stopped_reason IS NULL;

      -- No foreign key to feeds: an article outlives the feed it came from.
      CREATE TABLE ingested_articles (
        canonical_url TEXT PRIMARY KEY,
        content_hash  TEXT NOT NULL,
        article_id    TEXT NOT NULL,
        file          TEXT NOT NULL,
        title         TEXT NOT NULL,
        feed_id       INTEGER,
        ingested_at   INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX ingested_articles_by_hash ON ingested_articles (content_hash);
      CREATE INDEX ingested_articles_by_feed ON ingested_articles (feed_id);
      CREATE INDEX ingested_articles_by_article ON ingested_articles (article_id);

      CREATE TABLE feed_items (
        feed_id  INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        taken_at INTEGER NOT NULL,
        PRIMARY KEY (feed_id, item_key)
      ) WITHOUT ROWID;

      CREATE TABLE removed_articles (
        canonical_url TEXT PRIMARY KEY,
        article_id    TEXT,
        removed_by    TEXT,
        removed_at    INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'watches and their alert record',
    sql: `
      CREATE TABLE watches (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id     TEXT NOT NULL,
        query          TEXT NOT NULL,
        created_by     TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        paused_reason  TEXT,
        paused_at      INTEGER,
        over_limit_day TEXT,
        CHECK ((paused_reason IS NULL) = (paused_at IS NULL))
      );
      CREATE INDEX watches_by_channel ON watches (channel_id);

      -- One row per (watch, article) ever alerted: an article alerts a watch once, across restarts.
      CREATE TABLE watch_alerts (
        watch_id   INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        alerted_at INTEGER NOT NULL,
        PRIMARY KEY (watch_id, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX watch_alerts_by_time ON watch_alerts (watch_id, alerted_at);
    `,
  },
  {
    version: 5,
    name: 'feedback: answers shown and votes on them',
    sql: `
      -- Every answer and search page shown with feedback buttons; the buttons carry only the id.
      CREATE TABLE feedback_answers (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('answer', 'search')),
        question    TEXT NOT NULL,
        article_id  TEXT,
        sentence    TEXT,
        article_ids TEXT NOT NULL,
        asked_by    TEXT,
        channel_id  TEXT,
        created_at  INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- One vote per user per answer; a new vote replaces the old.
      CREATE TABLE feedback_votes (
        answer_id TEXT NOT NULL REFERENCES feedback_answers (id) ON DELETE CASCADE,
        user_id   TEXT NOT NULL,
        vote      TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        comment   TEXT,
        voted_at  INTEGER NOT NULL,
        PRIMARY KEY (answer_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX feedback_votes_by_time ON feedback_votes (voted_at);
    `,
  },
  {
    version: 6,
    name: 'feeds: whether the last read of a feed found it ill-formed',
    sql: `
      -- Why the feed's XML was not well-formed at its last read (it was read leniently); NULL when it was, or not read yet.
      ALTER TABLE feeds ADD COLUMN malformed TEXT;
    `,
  },
  {
    version: 7,
    name: 'feed poll leases (one instance polls a feed at a time)',
    sql: `
      ALTER TABLE feeds ADD COLUMN poll_owner TEXT;
      ALTER TABLE feeds ADD COLUMN poll_lease_until INTEGER;
    `,
  },
  {
    version: 8,
    name: 'articles shared by every instance (DATABASE_URL), followed by sequence number',
    sql: `
      CREATE TABLE articles (
        id           TEXT PRIMARY KEY,
        file         TEXT NOT NULL,
        content      BLOB,
        content_hash TEXT,
        seq          INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        CHECK ((content IS NULL) = (content_hash IS NULL))
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX articles_by_seq ON articles (seq);
    `,
  },
  {
    version: 9,
    name: 'answer leases (the instance delivering an owed answer)',
    sql: `
      ALTER TABLE answer_deliveries ADD COLUMN owner TEXT;
      ALTER TABLE answer_deliveries ADD COLUMN lease_until INTEGER;
    `,
  },
  {
    version: 10,
    name: 'installations by OAuth (bot tokens sealed)',
    sql: `
      CREATE TABLE slack_installations (
        install_key           TEXT PRIMARY KEY,
        team_id               TEXT,
        team_name             TEXT,
        enterprise_id         TEXT,
        enterprise_name       TEXT,
        is_enterprise_install INTEGER NOT NULL,
        app_id                TEXT,
        bot_token_sealed      TEXT NOT NULL,
        bot_id                TEXT,
        bot_user_id           TEXT,
        bot_scopes            TEXT NOT NULL,
        installer_user_id     TEXT,
        installed_at          INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: 'feedback: the thread of each answer and the sentences it showed',
    sql: `
      -- A follow-up in a thread ("and who attended?", "more") is read with the thread's last answer:
      -- the question it answered, the article quoted, and every sentence shown (so "more" shows new ones).
      ALTER TABLE feedback_answers ADD COLUMN thread_ts TEXT;
      ALTER TABLE feedback_answers ADD COLUMN shown TEXT;
      CREATE INDEX feedback_answers_by_thread ON feedback_answers (channel_id, thread_ts, created_at);
    `,
  },
];

/** The schema version this code creates and understands. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Checks that `migrations` run 1, 2, 3… in array order (each engine applies
 * them by number).
 */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`store: migration '${migration.name}' has version ${migration.version}; versions must run 1, 2, 3… in order`);
    }
  });
}
