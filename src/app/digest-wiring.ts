/**
 * The daily digest's parts, put together for the composition root
 * (`app/start-bot.ts`): its own `WebClient`, delivery, the `/aigov digest` subcommand,
 * and the scheduler, started once the corpus is loaded.
 */
import type { WebClient } from '@slack/web-api';
import { createDigestCommand } from '../slack/listeners/commands/digest.ts';
import type { SubcommandHandler } from '../slack/listeners/commands/command-context.ts';
import type { Config } from '../config/config.ts';
import type { ServedCorpus } from '../corpus/served-corpus.ts';
import { DEFAULT_TIME_ZONE } from '../core/digest/schedule.ts';
import type { Logger } from '../logging/logger.ts';
import type { Store } from '../store/store.ts';
import { applyConfiguredSubscription } from '../digest/configured-subscription.ts';
import { createDigestDelivery, type DigestDelivery } from '../digest/deliver-digest.ts';
import { createDeliveryClient } from '../slack/web-client.ts';
import { DEFAULT_DIGEST_INTERVAL_MS, startDigestScheduler, type DigestScheduler } from '../digest/digest-scheduler.ts';

export interface DigestWiringDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: Store;
  readonly corpus: ServedCorpus;
  /** The interactive client (Bolt's `app.client`), for `users.info`; digests never go through it. */
  readonly interactiveClient: WebClient;
  readonly now: () => Date;
  readonly intervalMs?: number;
}

export interface DigestWiring {
  readonly delivery: DigestDelivery;
  /** The `digest` subcommand, for `registerCommands(…, { extra: { digest } })`. */
  readonly command: SubcommandHandler;
  /** Null until {@link start}. */
  readonly scheduler: DigestScheduler | null;
  /**
   * Call once the corpus is loaded: records every article's first-seen time
   * (only ids not seen before get one), applies the configured subscription,
   * and starts the scheduler (whose first tick runs at once).
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createDigestWiring(deps: DigestWiringDeps): DigestWiring {
  const { config, logger, store, corpus, now } = deps;
  const log = logger.child({ component: 'digest' });
  // Its own client: a 429 on a digest pauses nothing the interactive replies use.
  const client = createDeliveryClient(config, log);
  const delivery = createDigestDelivery({ client, store, corpus, logger, now });
  const command = createDigestCommand({
    store,
    delivery,
    now,
    async lookUpUserTimeZone(userId) {
      try {
        const result = await deps.interactiveClient.users.info({ user: userId });
        return typeof result.user?.tz === 'string' ? result.user.tz : null;
      } catch (err) {
        log.warn({ err, userId, fallback: DEFAULT_TIME_ZONE }, "could not read the user's time zone; using the default zone");
        return null;
      }
    },
  });
  let scheduler: DigestScheduler | null = null;
  let stopped = false;

  return {
    delivery,
    command,
    get scheduler() {
      return scheduler;
    },
    async start() {
      const ids = corpus.index.all().map((meta) => meta.id);
      const added = await store.articlesSeen.recordArticlesSeen(ids, now());
      log.info({ articles: ids.length, firstSeenNow: added.length }, 'first-seen times recorded');
      const configured = await applyConfiguredSubscription(store, config, now());
      if (configured !== null) log.info({ channelId: configured.channelId, time: configured.time, timeZone: configured.timeZone }, 'configured digest subscription');
      if (stopped) return;
      scheduler = startDigestScheduler({ store, delivery, logger, now, intervalMs: deps.intervalMs ?? DEFAULT_DIGEST_INTERVAL_MS });
    },
    async stop() {
      stopped = true;
      await scheduler?.stop();
    },
  };
}
