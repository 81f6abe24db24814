import type { App } from '@slack/bolt';
import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import type { AnswerDelivery } from '../../../answers/answer-delivery.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { Store } from '../../../store/store.ts';
import { StoreUnavailableError } from '../../../store/store-health.ts';
import { decodeSlackText } from '../../decode-slack-text.ts';
import { MESSAGES, notice } from '../../messages.ts';
import { renderAnswer, renderNoAnswer } from '../../render/answer.ts';
import { renderUsage } from '../../render/search-results.ts';
import type { SlackMessage } from '../../render/types.ts';
import type { AnswerRecorder, Asker } from '../../../feedback/answer-recorder.ts';
import { failureNotice } from '../../run-and-report.ts';
import { continuingOf, readFollowUp, type FollowUp } from '../../../core/answer/follow-up.ts';
import type { ThreadAnswers } from '../../../feedback/thread-answers.ts';

export interface AppMentionDeps {
  readonly corpus: ServedCorpus;
  readonly store: Pick<Store, 'answers'>;
  readonly delivery: Pick<AnswerDelivery, 'deliver'>;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Records each answer shown, for its 👍 / 👎 buttons; absent: no buttons. */
  readonly feedback?: AnswerRecorder;
  /** The bot's earlier answers in a thread: a mention there may continue them; absent: every mention is a new question. */
  readonly threadAnswers?: ThreadAnswers;
}

/**
 * The reply to a question: the answer, "no answer", the usage for an empty
 * mention, or a plain notice when the corpus cannot answer now. Also what
 * answers owed from before a restart are composed with (AnswerDelivery).
 */
export async function composeMentionReply(
  corpus: ServedCorpus,
  question: string,
  log: Logger,
  feedback?: { readonly recorder: AnswerRecorder; readonly asker: Asker },
  followUp: FollowUp = { kind: 'new', question },
): Promise<SlackMessage> {
  if (followUp.question.length === 0) return renderUsage();
  const continues = followUp.kind === 'new' ? {} : { continues: { question: followUp.continues, more: followUp.kind === 'more' } };
  try {
    const answer = await corpus.answerQueued(followUp.question, continuingOf(followUp));
    if (answer === null) return renderNoAnswer(followUp.question, continues);
    // Recorded as shown, so its 👍 / 👎 carry only the record's id (feedback/); owed answers go without.
    const feedbackId = feedback === undefined ? null : await feedback.recorder.answer(answer, feedback.asker);
    return renderAnswer(answer, { ...continues, ...(feedbackId === null ? {} : { feedbackId }) });
  } catch (err) {
    const { message, expected } = failureNotice(err);
    if (!expected) log.error({ err }, 'answering failed');
    return message;
  }
}

/**
 * `@aigov <question>`: answers in the thread with the one sentence that best
 * answers the question. In a thread where it answered before, a follow-up
 * ("and who attended?", "more") is read with the earlier question
 * (core/answer/follow-up.ts). Slack retries an event it thinks was not delivered
 * (`x-slack-retry-num`); each `event_id` is claimed in the store before
 * answering, so a retry, even after a restart, never answers twice. The
 * claim also records the answer as owed, and AnswerDelivery posts it, with
 * retries, so a claimed question is never left unanswered.
 */
export function registerAppMention(app: App, { corpus, store, delivery, logger, now = () => new Date(), feedback, threadAnswers }: AppMentionDeps): void {
  const log = logger.child({ handler: 'app_mention' });

  app.event('app_mention', async ({ event, body, context, client }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (event.bot_id !== undefined || (context.botUserId !== undefined && event.user === context.botUserId)) return;
    const threadTs = event.thread_ts ?? event.ts;
    const question = decodeSlackText(event.text, context.botUserId);
    let claimed = false;
    try {
      claimed = typeof eventId === 'string' && (await store.answers.claimAnswer({ eventId, channelId: event.channel, threadTs, question }, now()));
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      // Nothing can be recorded: say so, once, rather than leave the question in silence.
      log.error({ err, eventId }, 'could not claim the event: the database is failing');
      await client.chat
        .postMessage({ channel: event.channel, thread_ts: threadTs, ...notice(MESSAGES.storeUnavailable) })
        .catch((postErr: unknown) => log.error({ err: postErr, eventId }, 'could not tell the user the database is failing'));
      return;
    }
    if (!claimed) {
      log.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'event already answered; ignored');
      return;
    }
    // In a thread where the bot answered, a question without a subject of its own continues the earlier one.
    const thread = event.thread_ts === undefined || threadAnswers === undefined ? [] : await threadAnswers(event.channel, event.thread_ts);
    const asker = { askedBy: event.user ?? null, channelId: event.channel, threadTs };
    const message = await composeMentionReply(corpus, question, log, feedback === undefined ? undefined : { recorder: feedback, asker }, readFollowUp(question, thread));
    await delivery.deliver({ eventId: eventId as string, channelId: event.channel, threadTs, question }, message);
  });
}
