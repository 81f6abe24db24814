import type { App, BlockButtonAction } from '@slack/bolt';
import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import type { Logger } from '../../../logging/logger.ts';
import { MORE_TIMELINE, decodeSearchButtonValue } from '../../render/action-ids.ts';
import { MESSAGES, notice } from '../../messages.ts';
import { runAndReport } from '../../run-and-report.ts';
import { buildTimelineReply } from '../../timeline-reply.ts';

export interface TimelineButtonDeps {
  readonly corpus: ServedCorpus;
  readonly logger: Logger;
}

/**
 * "More events" under a timeline: its value carries the topic and the offset,
 * so the timeline is built again from there and replaces the message, as
 * search's "More results" does (nothing kept between clicks).
 */
export function registerTimelineButtons(app: App, { corpus, logger }: TimelineButtonDeps): void {
  const log = logger.child({ handler: 'timeline_buttons' });
  app.action<BlockButtonAction>(MORE_TIMELINE, async ({ ack, action, respond }) => {
    await ack();
    const value = decodeSearchButtonValue(action.value ?? '');
    if (value === null) {
      await respond({ replace_original: false, response_type: 'ephemeral', ...notice(MESSAGES.expiredTimelineButton) });
      return;
    }
    await runAndReport(log, respond, async () => respond({ replace_original: true, ...(await buildTimelineReply(corpus, value.q, value.o)) }));
  });
}
