import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import type { SearchButtonPayload } from '../../render/types.ts';
import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import type { Logger } from '../../../logging/logger.ts';
import { MORE_RESULTS, SHARE_RESULTS, decodeSearchButtonValue } from '../../render/action-ids.ts';
import { MESSAGES, notice } from '../../messages.ts';
import { buildSearchReply, isSlackUserId } from '../../search-reply.ts';
import { runAndReport } from '../../run-and-report.ts';
import type { AnswerRecorder } from '../../../feedback/answer-recorder.ts';

export interface SearchButtonDeps {
  readonly corpus: ServedCorpus;
  readonly logger: Logger;
  /** Records each page shown, for its 👍 / 👎 buttons; absent: no buttons. */
  readonly feedback?: AnswerRecorder;
}

/**
 * The buttons under search results. Their value carries the query and the
 * page offset, so the search is simply run again: nothing is kept between
 * clicks, and a restart loses nothing.
 *
 * - "More results" replaces the message with the next page (kept ephemeral
 *   or shared as the original was).
 * - "Share in channel" posts the current page for everyone, credited to the
 *   person who shared it, and replaces the private copy with a short notice.
 */
export function registerSearchButtons(app: App, { corpus, logger, feedback }: SearchButtonDeps): void {
  const log = logger.child({ handler: 'search_buttons' });
  // Each page shown is its own record: a vote names the page the user saw.
  const recording = (body: BlockButtonAction) =>
    feedback === undefined ? {} : { feedback: { recorder: feedback, asker: { askedBy: body.user.id, channelId: body.channel?.id ?? null } } };

  app.action<BlockButtonAction>(MORE_RESULTS, async ({ ack, action, body, respond }) => {
    await ack();
    const value = await decodeOrExplain(action.value, respond);
    if (value === null) return;
    const isEphemeral = body.container?.is_ephemeral === true;
    await runAndReport(log, respond, async () =>
      respond({ replace_original: true, ...(await buildSearchReply(corpus, value.q, value.o, { shareable: isEphemeral, ...recording(body) })) }),
    );
  });

  app.action<BlockButtonAction>(SHARE_RESULTS, async ({ ack, action, body, respond }) => {
    await ack();
    const value = await decodeOrExplain(action.value, respond);
    if (value === null) return;
    const sharedBy = isSlackUserId(body.user.id) ? body.user.id : undefined;
    await runAndReport(log, respond, async () => {
      const reply = await buildSearchReply(corpus, value.q, value.o, { shareable: false, ...(sharedBy ? { sharedBy } : {}), ...recording(body) });
      await respond({ response_type: 'in_channel', replace_original: false, ...reply });
      await respond({ replace_original: true, ...notice(MESSAGES.sharedNotice) });
    });
  });
}

/** The button's query and offset; when the value is not one we made (forged, or from an older version), says so and gives null. */
async function decodeOrExplain(value: string | undefined, respond: RespondFn): Promise<SearchButtonPayload | null> {
  const decoded = decodeSearchButtonValue(value ?? '');
  if (decoded === null) await respond({ replace_original: false, response_type: 'ephemeral', ...notice(MESSAGES.expiredButton) });
  return decoded;
}
