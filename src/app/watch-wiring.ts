/**
 * Watches put together for the composition root (`app/start-bot.ts`): their own
 * `WebClient` (a rate-limited alert never stalls interactive replies),
 * delivery, and the `/aigov watch` and `/aigov unwatch` subcommands.
 */
import { createWatchCommands } from '../slack/listeners/commands/watch.ts';
import type { SubcommandHandler } from '../slack/listeners/commands/command-context.ts';
import type { Config } from '../config/config.ts';
import type { ServedCorpus } from '../corpus/served-corpus.ts';
import { createDeliveryClient } from '../slack/web-client.ts';
import type { Logger } from '../logging/logger.ts';
import type { Store } from '../store/store.ts';
import { createWatchAlerts, type WatchAlerts } from '../watch/deliver-alerts.ts';

export interface WatchWiringDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: Store;
  readonly corpus: ServedCorpus;
  readonly now: () => Date;
  readonly batchWindowMs?: number;
}

export interface WatchWiring {
  readonly alerts: WatchAlerts;
  /** For `registerCommands(…, { extra })`. */
  readonly commands: { readonly watch: SubcommandHandler; readonly unwatch: SubcommandHandler };
}

export function createWatchWiring(deps: WatchWiringDeps): WatchWiring {
  const { config, logger, store, corpus, now } = deps;
  const client = createDeliveryClient(config, logger.child({ component: 'watch-client' }));
  const alerts = createWatchAlerts({
    client,
    store,
    corpus,
    logger,
    now,
    ...(deps.batchWindowMs === undefined ? {} : { batchWindowMs: deps.batchWindowMs }),
  });
  return { alerts, commands: createWatchCommands({ store, now }) };
}
