import { IndexNotReadyError } from '../corpus/corpus-service.ts';
import { CorpusRecoveringError } from '../corpus/worker/corpus-worker-client.ts';
import type { Logger } from '../logging/logger.ts';
import { StoreUnavailableError } from '../store/store-health.ts';
import { MESSAGES, notice } from './messages.ts';
import type { SlackMessage } from './render/types.ts';
import type { Respond } from './response-url.ts';

/**
 * What to tell a user whose request failed with `err`, and whether the
 * failure is expected (start-up, a worker restart, a failing database: each
 * already reported where it happens) or a bug to log as an error.
 */
export function failureNotice(err: unknown): { readonly message: SlackMessage; readonly expected: boolean } {
  if (err instanceof IndexNotReadyError) return { message: notice(MESSAGES.notReady), expected: true };
  if (err instanceof CorpusRecoveringError) return { message: notice(MESSAGES.recovering), expected: true };
  if (err instanceof StoreUnavailableError) return { message: notice(MESSAGES.storeUnavailable), expected: true };
  return { message: notice(MESSAGES.internalError), expected: false };
}

/**
 * Runs the work behind a command or button; if it fails, tells the user in
 * words (privately) instead of leaving them with silence. Expected failures
 * (see {@link failureNotice}) are not logged as errors.
 */
export async function runAndReport(log: Logger, respond: Respond, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const { message, expected } = failureNotice(err);
    if (!expected) log.error({ err }, 'handler failed');
    await respond({ response_type: 'ephemeral', replace_original: false, ...message }).catch((respondErr: unknown) =>
      log.error({ err: respondErr }, 'could not report the failure to the user'),
    );
  }
}
