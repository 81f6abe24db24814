import type { RespondFn } from '@slack/bolt';
import { IndexNotReadyError } from '../core/corpus-service.ts';
import type { Logger } from '../logger.ts';
import { MESSAGES, notice } from './messages.ts';

/**
 * Runs the work behind a command or button; if it fails, tells the user in
 * words (privately) instead of leaving them with silence. "Index not ready"
 * is expected during start-up and is not logged as an error.
 */
export async function runAndReport(log: Logger, respond: RespondFn, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const notReady = err instanceof IndexNotReadyError;
    if (!notReady) log.error({ err }, 'handler failed');
    const message = notice(notReady ? MESSAGES.notReady : MESSAGES.internalError);
    await respond({ response_type: 'ephemeral', replace_original: false, ...message }).catch((respondErr: unknown) =>
      log.error({ err: respondErr }, 'could not report the failure to the user'),
    );
  }
}
