import type { ServedCorpus } from '../core/served-corpus.ts';
import type { Logger } from '../logger.ts';
import { buildSearchReply } from '../slack/search-reply.ts';
import { renderUsage } from '../slack/render/search-results.ts';
import type { SubcommandHandler } from './command-context.ts';

export interface SearchCommandDeps {
  readonly corpus: ServedCorpus;
  readonly logger: Logger;
}

/**
 * `/aigov search <terms>`: answers privately (ephemeral) with a page of
 * results and a "Share in channel" button. Runs after the ack, so the search
 * time never counts against Slack's 3 seconds.
 */
export function createSearchCommand({ corpus }: SearchCommandDeps): SubcommandHandler {
  return async ({ args, respond }) => {
    if (args.length === 0) {
      await respond({ response_type: 'ephemeral', ...renderUsage() });
      return;
    }
    const reply = await buildSearchReply(corpus, args, 0, { shareable: true });
    await respond({ response_type: 'ephemeral', ...reply });
  };
}
