import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import { renderUsage } from '../../render/usage.ts';
import { buildTimelineReply } from '../../timeline-reply.ts';
import type { SubcommandHandler } from './command-context.ts';

export interface TimelineCommandDeps {
  readonly corpus: ServedCorpus;
}

/**
 * `/aigov timeline <topic> [after:…] [before:…] [source:…]`: answers privately
 * (ephemeral) with the first page of the topic's dated events, oldest first.
 * Runs after the ack; the timeline is built where the index lives.
 */
export function createTimelineCommand({ corpus }: TimelineCommandDeps): SubcommandHandler {
  return async ({ args, respond }) => {
    if (args.length === 0) {
      await respond({ response_type: 'ephemeral', ...renderUsage() });
      return;
    }
    await respond({ response_type: 'ephemeral', ...(await buildTimelineReply(corpus, args, 0)) });
  };
}
