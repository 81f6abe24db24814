/**
 * Answers to `@aigov` questions, put together: their own WebClient (a 429
 * holds back one channel, not every answer), delivery retried from the store,
 * and the pruning of answered event ids.
 */
import { AnswerDelivery, type AnswerRetry } from '../answers/answer-delivery.ts';
import type { Config } from '../config/config.ts';
import type { ServedCorpus } from '../corpus/served-corpus.ts';
import type { Logger } from '../logging/logger.ts';
import { composeMentionReply } from '../slack/listeners/events/app-mention.ts';
import { createDeliveryClient } from '../slack/web-client.ts';
import type { Store } from '../store/store.ts';

/**
 * How long answered event ids are kept. Slack retries an event for about five
 * minutes (three retries, the last after ~5 minutes); a week is far beyond
 * that and keeps the table small.
 */
export const ANSWERED_EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const EVENT_PRUNE_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface AnswerWiringDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: Pick<Store, 'answers' | 'events'>;
  readonly corpus: ServedCorpus;
  readonly now: () => Date;
  readonly retry?: AnswerRetry;
}

export interface AnswerWiring {
  readonly delivery: AnswerDelivery;
  /** Once the corpus is loaded: posts the answers still owed from before the start. */
  resumeOwed(): Promise<void>;
  /** Starts forgetting old answered event ids (at once, then every few hours), and taking up what dead instances left owed. */
  startPruning(): void;
  stop(): Promise<void>;
}

export function createAnswerWiring({ config, logger, store, corpus, now, retry }: AnswerWiringDeps): AnswerWiring {
  const answerLog = logger.child({ handler: 'app_mention' });
  const client = createDeliveryClient(config, answerLog);
  const delivery = new AnswerDelivery({
    ledger: store.answers,
    post: (args) => client.chat.postMessage(args),
    compose: (question) => composeMentionReply(corpus, question, answerLog),
    logger,
    now,
    ...(retry === undefined ? {} : { retry }),
  });
  let pruning: NodeJS.Timeout | null = null;
  const prune = (): void => {
    const before = new Date(now().getTime() - ANSWERED_EVENT_RETENTION_MS);
    Promise.all([store.events.pruneEventsBefore(before), store.answers.pruneAnswersBefore(before)]).then(
      ([removed]) => removed > 0 && logger.info({ removed }, 'old answered event ids pruned'),
      (err: unknown) => logger.warn({ err }, 'could not prune answered event ids'),
    );
  };
  return {
    delivery,
    async resumeOwed() {
      const owed = await delivery.resumeOwed().catch((err: unknown) => {
        logger.error({ err }, 'could not take up the answers owed from before the start');
        return 0;
      });
      if (owed > 0) logger.info({ owed }, 'answers owed from before the start taken up');
      delivery.adoptEvery();
    },
    startPruning() {
      prune();
      pruning = setInterval(prune, EVENT_PRUNE_INTERVAL_MS).unref();
    },
    async stop() {
      if (pruning !== null) clearInterval(pruning);
      await delivery.stop().catch((err: unknown) => logger.warn({ err }, 'could not give back the answer leases; they run out by themselves'));
    },
  };
}
