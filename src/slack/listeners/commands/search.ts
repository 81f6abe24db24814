import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import type { Logger } from '../../../logging/logger.ts';
import { buildSearchReply } from '../../search-reply.ts';
import { renderUsage } from '../../render/search-results.ts';
import type { SubcommandHandler } from './command-context.ts';
import type { AnswerRecorder } from '../../../feedback/answer-recorder.ts';

export interface SearchCommandDeps {
  readonly corpus: ServedCorpus;
  readonly logger: Logger;
  /** Records each page shown, for its 👍 / 👎 buttons; absent: no buttons. */
  readonly feedback?: AnswerRecorder;
}

/**
 * `/aigov search <terms>`: answers privately (ephemeral) with a page of
 * results and a "Share in channel" button. Runs after the ack, so the search
 * time never counts against Slack's 3 seconds.
 */
export function createSearchCommand({ corpus, feedback }: SearchCommandDeps): SubcommandHandler {
  return async ({ args, respond, userId, channelId }) => {
    if (args.length === 0) {
      await respond({ response_type: 'ephemeral', ...renderUsage() });
      return;
    }
    const reply = await buildSearchReply(corpus, args, 0, {
      shareable: true,
      ...(feedback === undefined ? {} : { feedback: { recorder: feedback, asker: { askedBy: userId, channelId } } }),
    });
    await respond({ response_type: 'ephemeral', ...reply });
  };
}
