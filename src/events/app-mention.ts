import type { App } from '@slack/bolt';
import type { ServedCorpus } from '../core/served-corpus.ts';
import { IndexNotReadyError } from '../core/corpus-service.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { decodeSlackText } from '../slack/decode-slack-text.ts';
import { MESSAGES, notice } from '../slack/messages.ts';
import { renderAnswer, renderNoAnswer } from '../slack/render/answer.ts';
import { renderUsage } from '../slack/render/search-results.ts';
import type { SlackMessage } from '../slack/render/types.ts';
import type { AnswerRecorder } from '../feedback/answer-recorder.ts';

export interface AppMentionDeps {
  readonly corpus: ServedCorpus;
  readonly store: Pick<Store, 'claimEvent'>;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Records each answer shown, for its 👍 / 👎 buttons; absent: no buttons. */
  readonly feedback?: AnswerRecorder;
}

/**
 * `@aigov <question>`: answers in the thread with the one sentence that best
 * answers the question. Slack retries an event it thinks was not delivered
 * (`x-slack-retry-num`); each `event_id` is claimed in the store before
 * answering, so a retry, even after a restart, never answers twice.
 */
export function registerAppMention(app: App, { corpus, store, logger, now = () => new Date(), feedback }: AppMentionDeps): void {
  const log = logger.child({ handler: 'app_mention' });

  app.event('app_mention', async ({ event, body, context, client }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (event.bot_id !== undefined || (context.botUserId !== undefined && event.user === context.botUserId)) return;
    if (typeof eventId !== 'string' || !(await store.claimEvent(eventId, now()))) {
      log.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'event already answered; ignored');
      return;
    }

    const question = decodeSlackText(event.text, context.botUserId);
    let message: SlackMessage;
    try {
      if (question.length === 0) message = renderUsage();
      else {
        const answer = await corpus.answerQueued(question);
        if (answer === null) message = renderNoAnswer(question);
        else {
          const feedbackId = (await feedback?.answer(answer, { askedBy: event.user ?? null, channelId: event.channel })) ?? null;
          message = renderAnswer(answer, feedbackId === null ? {} : { feedbackId });
        }
      }
    } catch (err) {
      if (!(err instanceof IndexNotReadyError)) log.error({ err, eventId }, 'answering failed');
      message = notice(err instanceof IndexNotReadyError ? MESSAGES.notReady : MESSAGES.internalError);
    }

    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      unfurl_links: false,
      unfurl_media: false,
      ...message,
    });
    log.info({ eventId }, 'mention answered');
  });
}
