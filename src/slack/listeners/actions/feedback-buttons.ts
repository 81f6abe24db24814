import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../../logging/logger.ts';
import type { FeedbackStore, VoteValue } from '../../../store/feedback-store.ts';
import { cleanChars } from '../../render/escape.ts';
import {
  FEEDBACK_COMMENT_BLOCK,
  FEEDBACK_COMMENT_INPUT,
  FEEDBACK_HELPFUL,
  FEEDBACK_MODAL,
  FEEDBACK_NOT_HELPFUL,
} from '../../render/action-ids.ts';
import {
  COMMENT_MAX,
  COMMENT_THANKS,
  UNKNOWN_ANSWER_TEXT,
  decodeFeedbackModalMetadata,
  renderFeedbackModal,
  voteAckText,
} from '../../render/feedback.ts';
import { notice } from '../../messages.ts';
import { runAndReport } from '../../run-and-report.ts';

export interface FeedbackButtonDeps {
  readonly store: Pick<FeedbackStore, 'getAnswer' | 'castVote' | 'setVoteComment'>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * 👍 / 👎 under answers and search results. The button's value is the id of
 * the answer as recorded when shown; the vote is stored against that record
 * (one per user, the latest counts) and the voter alone is told, in an
 * ephemeral reply that notifies no one. 👎 also opens the optional "what was
 * wrong" form, whose text is stored with the vote.
 */
export function registerFeedbackButtons(app: App, { store, logger, now = () => new Date() }: FeedbackButtonDeps): void {
  const log = logger.child({ handler: 'feedback' });

  const onVote = (vote: VoteValue) =>
    async ({ ack, action, body, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
      await ack();
      await runAndReport(log, respond, async () => {
        const answer = await store.getAnswer(action.value ?? '');
        if (answer === null) {
          await respond({ response_type: 'ephemeral', replace_original: false, ...notice(UNKNOWN_ANSWER_TEXT) });
          return;
        }
        const { previous } = await store.castVote(answer.id, body.user.id, vote, now());
        let formOpened = false;
        if (vote === 'down') {
          // trigger_id is good for 3 seconds from the click: the form opens before anything slower.
          try {
            await client.views.open({ trigger_id: body.trigger_id, view: renderFeedbackModal(answer.id, answer.question) });
            formOpened = true;
          } catch (err) {
            log.warn({ err, answerId: answer.id }, 'could not open the feedback form; the vote is stored');
          }
        }
        log.info({ answerId: answer.id, kind: answer.kind, vote, changed: previous !== null && previous !== vote }, 'feedback vote');
        await respond({ response_type: 'ephemeral', replace_original: false, ...notice(voteAckText(vote, previous, formOpened)) });
      });
    };

  app.action<BlockButtonAction>(FEEDBACK_HELPFUL, onVote('up'));
  app.action<BlockButtonAction>(FEEDBACK_NOT_HELPFUL, onVote('down'));

  app.view(FEEDBACK_MODAL, async ({ ack, view, body }) => {
    const metadata = decodeFeedbackModalMetadata(view.private_metadata);
    const raw = view.state.values[FEEDBACK_COMMENT_BLOCK]?.[FEEDBACK_COMMENT_INPUT]?.value;
    // Slack enforces max_length in the form; a payload not from that form is cut all the same.
    const comment = typeof raw === 'string' ? Array.from(cleanChars(raw).trim()).slice(0, COMMENT_MAX).join('') : '';
    let stored = false;
    if (metadata !== null && comment.length > 0) {
      try {
        stored = await store.setVoteComment(metadata.answerId, body.user.id, comment, now());
      } catch (err) {
        log.error({ err }, 'could not store the feedback text');
      }
    }
    if (stored) {
      log.info({ answerId: metadata?.answerId }, 'feedback text stored');
      await ack({
        response_action: 'update',
        view: {
          type: 'modal',
          title: view.title,
          close: { type: 'plain_text', text: 'Close' },
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: COMMENT_THANKS } }],
        },
      });
    } else {
      // Nothing written, or no 👎 vote to attach it to (changed to 👍 meanwhile): the form just closes.
      await ack();
    }
  });
}
