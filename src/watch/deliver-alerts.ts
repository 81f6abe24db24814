/**
 * Delivering watch alerts: every article that enters the corpus is matched
 * against the active watches (in the corpus worker, against that one
 * article), each alert is claimed in the store before it is posted (an
 * article alerts a watch once, across restarts; a crash may lose an alert,
 * never post it twice), and the alerts of a watch are gathered for
 * {@link ALERT_BATCH_WINDOW_MS} and posted together, threaded past a few.
 *
 * Bounds: a watch alerts at most {@link MAX_ALERTS_PER_WATCH_PER_DAY} times
 * a UTC day; past that it says so once and offers to narrow it. Only articles
 * first seen after the watch was made alert it. Slack errors as digests
 * handle them (post-message.ts): a deleted or archived channel, a private
 * channel the bot is not in, a revoked token pause the channel's watches
 * with the reason; a 429 is waited out on the watch alerts' own client.
 */
import type { WebClient } from '@slack/web-api';
import type { ServedCorpus } from '../corpus/served-corpus.ts';
import type { Logger } from '../logging/logger.ts';
import { createMessagePoster, PostRefused } from '../slack/post-message.ts';
import { renderOverLimitNotice, renderWatchAlertParts, type WatchAlertItem } from '../slack/render/watch.ts';
import type { SlackMessage } from '../slack/render/types.ts';
import type { Store } from '../store/store.ts';
import type { Watch } from '../store/watch-store.ts';

/**
 * How long the alerts of a watch are gathered before they are posted: several
 * articles arriving together (a feed poll, files copied in) make one post,
 * and an alert still reaches the channel well within a minute of indexing.
 */
export const ALERT_BATCH_WINDOW_MS = 15_000;

/** Alerts a watch may post per UTC day; past it, one notice that day and no more alerts. */
export const MAX_ALERTS_PER_WATCH_PER_DAY = 25;

/** The digest's pause reasons name its own command to resume; watches resume with this one. */
export const WATCH_RESUME_COMMAND = '`/aigov watch resume`';
const DIGEST_RESUME_COMMAND = '`/aigov digest subscribe`';

/** A digest pause reason, worded for watches. */
export function watchPauseReason(digestReason: string): string {
  return digestReason.replaceAll(DIGEST_RESUME_COMMAND, WATCH_RESUME_COMMAND);
}

export interface WatchAlerts {
  /**
   * An article entered the corpus (first seen at `firstSeen`): alerts the
   * watches it matches, after the batch window. Resolves once the alerts are
   * claimed and queued, not posted.
   */
  articleEntered(articleId: string, firstSeen: Date): Promise<void>;
  /** Posts every queued batch now and waits for the posts (tests, and stop). */
  flush(): Promise<void>;
  /** Flushes, then stops taking articles. */
  stop(): Promise<void>;
}

export interface WatchAlertsDeps {
  /** The watch alerts' own WebClient, from createDeliveryClient (slack/web-client.ts) (a 429 here never holds interactive replies). */
  readonly client: WebClient;
  readonly store: Store;
  readonly corpus: Pick<ServedCorpus, 'index' | 'matchWatches'>;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly batchWindowMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface PendingBatch {
  readonly watch: Watch;
  readonly items: WatchAlertItem[];
  overLimit: boolean;
}

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createWatchAlerts(deps: WatchAlertsDeps): WatchAlerts {
  const { store, corpus, now } = deps;
  const log = deps.logger.child({ component: 'watch-alerts' });
  const windowMs = deps.batchWindowMs ?? ALERT_BATCH_WINDOW_MS;
  const post = createMessagePoster({ client: deps.client, logger: log, sleep: deps.sleep ?? defaultSleep });
  const pending = new Map<number, PendingBatch>();
  let timer: NodeJS.Timeout | null = null;
  /** Posts run one after another, in the order batches closed. */
  let posting: Promise<void> = Promise.resolve();
  let stopped = false;

  function batchFor(watch: Watch): PendingBatch {
    let batch = pending.get(watch.id);
    if (batch === undefined) {
      batch = { watch, items: [], overLimit: false };
      pending.set(watch.id, batch);
    }
    timer ??= setTimeout(() => void flush(), windowMs);
    return batch;
  }

  async function admit(watch: Watch, articleId: string): Promise<'alert' | 'over-limit' | 'skip'> {
    const at = now();
    const today = await store.watches.countWatchAlertsSince(watch.id, startOfUtcDay(at));
    if (today >= MAX_ALERTS_PER_WATCH_PER_DAY) {
      return (await store.watches.noteWatchOverLimit(watch.id, at.toISOString().slice(0, 10))) ? 'over-limit' : 'skip';
    }
    return (await store.watches.claimWatchAlert(watch.id, articleId, at)) ? 'alert' : 'skip';
  }

  async function articleEntered(articleId: string, firstSeen: Date): Promise<void> {
    if (stopped) return;
    // Only watches made before the article arrived: never the corpus as it was when the watch was made.
    const watches = (await store.watches.listWatches()).filter((w) => w.paused === null && w.createdAt.getTime() < firstSeen.getTime());
    if (watches.length === 0) return;
    const meta = corpus.index.get(articleId);
    if (meta === undefined) return;
    const matches = await corpus.matchWatches(articleId, watches.map((w) => ({ id: w.id, query: w.query })));
    const byId = new Map(watches.map((w) => [w.id, w]));
    for (const match of matches) {
      const watch = byId.get(match.watchId);
      if (watch === undefined) continue;
      const decision = await admit(watch, articleId);
      if (decision === 'skip') continue;
      const batch = batchFor(watch);
      if (decision === 'over-limit') batch.overLimit = true;
      else batch.items.push({ article: meta, excerpt: match.excerpt });
    }
    if (matches.length > 0) log.info({ articleId, watches: matches.map((m) => m.watchId) }, 'article matched watches');
  }

  /** Posts one batch; a refusal that needs a person pauses the channel's watches. */
  async function deliver(batch: PendingBatch): Promise<void> {
    const { watch } = batch;
    // Unwatched while its batch waited: say nothing.
    if ((await store.watches.getWatch(watch.id)) === null) return;
    const messages: SlackMessage[] = [];
    if (batch.items.length > 0) messages.push(...renderWatchAlertParts({ watchId: watch.id, query: watch.query, items: batch.items }));
    const [first, ...replies] = messages;
    try {
      if (first !== undefined) {
        const ts = await post(watch.channelId, first);
        for (const reply of replies) await post(watch.channelId, reply, ts);
      }
      if (batch.overLimit) await post(watch.channelId, renderOverLimitNotice(watch.id, watch.query, MAX_ALERTS_PER_WATCH_PER_DAY));
      log.info({ watchId: watch.id, channelId: watch.channelId, alerts: batch.items.length, overLimit: batch.overLimit }, 'watch alerts posted');
    } catch (err) {
      if (err instanceof PostRefused && err.pauseReason !== null) {
        const paused = await store.watches.pauseChannelWatches(watch.channelId, watchPauseReason(err.pauseReason), now());
        log.warn({ channelId: watch.channelId, error: err.error, paused }, 'watches paused: Slack refused the alert');
        return;
      }
      // Claimed alerts are not retried: a refusal that needs no person is rare, and an unknown outcome may be posted.
      log.error({ err, watchId: watch.id, channelId: watch.channelId }, 'watch alerts not delivered');
    }
  }

  function flush(): Promise<void> {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batches = [...pending.values()];
    pending.clear();
    posting = posting.then(async () => {
      for (const batch of batches) await deliver(batch);
    });
    return posting;
  }

  return {
    articleEntered,
    flush,
    async stop() {
      stopped = true;
      await flush();
    },
  };
}
