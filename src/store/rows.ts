/**
 * The tables' rows as both engines read them (the same columns, by
 * store/migrations.ts), and the plain values they become; values checked on
 * the way in.
 */
import { createHash } from 'node:crypto';
import type { IngestedArticle } from '../ingest/ingest-ledger.ts';
import type { OwedAnswer } from './answer-ledger.ts';
import { installationKey, type InstallationQuery, type SealedInstallation } from './installation-store.ts';
import type { ArticleChange } from './article-store.ts';
import type { DigestRecord, DigestState, Subscription } from './digest-store.ts';
import type { AnswerRecord, VoteValue } from './feedback-store.ts';
import type { Feed, FeedStopReason } from './feed-store.ts';
import { StoreError } from './store-error.ts';
import type { Watch } from './watch-store.ts';

/** Milliseconds since the epoch of a valid Date; an Invalid Date would be stored as NULL or NaN. */
export function millis(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new StoreError('INVALID_INPUT', `store: ${what} is not a valid date: ${String(date)}`);
  return ms;
}

/** A stored instant, or null. */
export const dateOrNull = (value: number | null): Date | null => (value === null ? null : new Date(value));

export interface SubscriptionRow {
  channel_id: string;
  time: string;
  time_zone: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  paused_reason: string | null;
  paused_at: number | null;
}

export interface DigestRow {
  channel_id: string;
  local_date: string;
  state: DigestState;
  reserved_at: number;
  attempts: number;
  posted_at: number | null;
  message_ts: string | null;
  covered_until: number | null;
  error: string | null;
}

/** A ledger row with the ids of the articles it delivered, in the order shown. */
export function toDigestRecord(row: DigestRow, articleIds: readonly string[]): DigestRecord {
  return {
    channelId: row.channel_id,
    localDate: row.local_date,
    state: row.state,
    reservedAt: new Date(row.reserved_at),
    attempts: row.attempts,
    postedAt: dateOrNull(row.posted_at),
    messageTs: row.message_ts,
    articleIds,
    coveredUntil: dateOrNull(row.covered_until),
    error: row.error,
  };
}

export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    channelId: row.channel_id,
    time: row.time,
    timeZone: row.time_zone,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    paused:
      row.paused_reason !== null && row.paused_at !== null
        ? { reason: row.paused_reason, at: new Date(row.paused_at) }
        : null,
  };
}

export interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  added_by: string | null;
  added_at: number;
  etag: string | null;
  last_modified: string | null;
  consecutive_failures: number;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  next_poll_at: number;
  stopped_reason: FeedStopReason | null;
  stopped_at: number | null;
  failure_reported_at: number | null;
  articles_taken: number;
  malformed: string | null;
}

export interface IngestedRow {
  canonical_url: string;
  content_hash: string;
  article_id: string;
  file: string;
  title: string;
  feed_id: number | null;
  ingested_at: number;
}

export function toFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    addedBy: row.added_by,
    addedAt: new Date(row.added_at),
    etag: row.etag,
    lastModified: row.last_modified,
    consecutiveFailures: row.consecutive_failures,
    lastSuccessAt: dateOrNull(row.last_success_at),
    lastError: row.last_error === null || row.last_error_at === null ? null : { message: row.last_error, at: new Date(row.last_error_at) },
    nextPollAt: new Date(row.next_poll_at),
    stopped: row.stopped_reason === null || row.stopped_at === null ? null : { reason: row.stopped_reason, at: new Date(row.stopped_at) },
    failureReportedAt: dateOrNull(row.failure_reported_at),
    articlesTaken: row.articles_taken,
    malformed: row.malformed,
  };
}

export function toIngested(row: IngestedRow): IngestedArticle {
  return {
    canonicalUrl: row.canonical_url,
    contentHash: row.content_hash,
    articleId: row.article_id,
    file: row.file,
    title: row.title,
    feedId: row.feed_id,
    at: new Date(row.ingested_at),
  };
}

export const FEED_COLUMNS = `feeds.*, (SELECT COUNT(*) FROM ingested_articles WHERE feed_id = feeds.id) AS articles_taken`;

export interface WatchRow {
  id: number;
  channel_id: string;
  query: string;
  created_by: string;
  created_at: number;
  paused_reason: string | null;
  paused_at: number | null;
  last_fired_at: number | null;
}

export const SELECT_WATCH = `
  SELECT w.*, (SELECT MAX(alerted_at) FROM watch_alerts a WHERE a.watch_id = w.id) AS last_fired_at
  FROM watches w`;

export function toWatch(row: WatchRow): Watch {
  return {
    id: row.id,
    channelId: row.channel_id,
    query: row.query,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    lastFiredAt: row.last_fired_at === null ? null : new Date(row.last_fired_at),
    paused: row.paused_reason !== null && row.paused_at !== null ? { reason: row.paused_reason, at: new Date(row.paused_at) } : null,
  };
}

export interface AnswerRow {
  id: string;
  kind: 'answer' | 'search';
  question: string;
  article_id: string | null;
  sentence: string | null;
  article_ids: string;
  asked_by: string | null;
  channel_id: string | null;
  thread_ts: string | null;
  shown: string | null;
  created_at: number;
}

export type VoteRow = AnswerRow & { user_id: string; vote: VoteValue; comment: string | null; voted_at: number };

export function toAnswer(row: AnswerRow): AnswerRecord {
  return {
    id: row.id,
    kind: row.kind,
    question: row.question,
    articleId: row.article_id,
    sentence: row.sentence,
    articleIds: JSON.parse(row.article_ids) as string[],
    askedBy: row.asked_by,
    channelId: row.channel_id,
    ...(row.thread_ts === null ? {} : { threadTs: row.thread_ts }),
    ...(row.shown === null ? {} : { shown: JSON.parse(row.shown) as string[] }),
    at: new Date(row.created_at),
  };
}

/** The row of a record; checks its time now, so bad input fails the call that brings it, not a later batch. */
export function toAnswerRow(record: AnswerRecord): AnswerRow {
  return {
    id: record.id,
    kind: record.kind,
    question: record.question,
    article_id: record.articleId,
    sentence: record.sentence,
    article_ids: JSON.stringify(record.articleIds),
    asked_by: record.askedBy,
    channel_id: record.channelId,
    thread_ts: record.threadTs ?? null,
    shown: record.shown === undefined ? null : JSON.stringify(record.shown),
    created_at: millis(record.at, 'answer time'),
  };
}


/** The articles table's row. */
export interface ArticleRow {
  id: string;
  file: string;
  content: Uint8Array | null;
  content_hash: string | null;
  seq: number;
}

/** What tells two versions of an article file apart. */
export function articleContentHash(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export function toArticleChange(row: ArticleRow): ArticleChange {
  return { id: row.id, file: row.file, seq: row.seq, content: row.content === null ? null : new Uint8Array(row.content) };
}

/** An owed answer's row. */
export interface OwedRow {
  event_id: string;
  channel_id: string;
  thread_ts: string;
  question: string;
  claimed_at: number;
  attempts: number;
}

export function toOwedAnswer(row: OwedRow): OwedAnswer {
  return {
    eventId: row.event_id,
    channelId: row.channel_id,
    threadTs: row.thread_ts,
    question: row.question,
    claimedAt: new Date(row.claimed_at),
    attempts: row.attempts,
  };
}

/** An installation's row. */
export interface InstallationRow {
  install_key: string;
  team_id: string | null;
  team_name: string | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  is_enterprise_install: number | boolean;
  app_id: string | null;
  bot_token_sealed: string;
  bot_id: string | null;
  bot_user_id: string | null;
  bot_scopes: string;
  installer_user_id: string | null;
  installed_at: number;
}

export function toInstallationRow(installation: SealedInstallation): InstallationRow {
  return {
    install_key: installationKey(installation),
    team_id: installation.teamId,
    team_name: installation.teamName,
    enterprise_id: installation.enterpriseId,
    enterprise_name: installation.enterpriseName,
    is_enterprise_install: installation.isEnterpriseInstall ? 1 : 0,
    app_id: installation.appId,
    bot_token_sealed: installation.sealedBotToken,
    bot_id: installation.botId,
    bot_user_id: installation.botUserId,
    bot_scopes: installation.botScopes.join(','),
    installer_user_id: installation.installerUserId,
    installed_at: millis(installation.installedAt, 'installation time'),
  };
}

export function toSealedInstallation(row: InstallationRow): SealedInstallation {
  return {
    teamId: row.team_id,
    teamName: row.team_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    isEnterpriseInstall: row.is_enterprise_install === 1 || row.is_enterprise_install === true,
    appId: row.app_id,
    sealedBotToken: row.bot_token_sealed,
    botId: row.bot_id,
    botUserId: row.bot_user_id,
    botScopes: row.bot_scopes === '' ? [] : row.bot_scopes.split(','),
    installerUserId: row.installer_user_id,
    installedAt: new Date(row.installed_at),
  };
}

/** The keys to look an installation up by, most specific first: the workspace's, then its organisation's. */
export function installationLookupKeys(query: InstallationQuery): string[] {
  const keys: string[] = [];
  if (!query.isEnterpriseInstall && query.teamId !== null) keys.push(installationKey({ ...query, isEnterpriseInstall: false }));
  if (query.enterpriseId !== null) keys.push(installationKey({ ...query, isEnterpriseInstall: true }));
  return keys;
}
