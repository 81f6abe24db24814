import type { SlackMessage } from './render/types.ts';

/** Words the app layer says to users when something other than a search result is due. Tests check them. */
export const MESSAGES = {
  notReady: ':hourglass_flowing_sand: The corpus index is still being built. Try again in a few seconds.',
  internalError: ':warning: Something went wrong on our side. The error was logged; please try again.',
  recovering: ':hourglass_flowing_sand: The search index is restarting after a fault and could not answer this. Please ask again in a few seconds.',
  storeUnavailable: ":warning: The bot's database is failing (it may be read-only or full), so this could not be done. The operators have been alerted by the health check; please try again later.",
  expiredButton: 'This button no longer works. Run the search again with `/aigov search <terms>`.',
  sharedNotice: 'Shared in the channel.',
  expiredTimelineButton: 'This button no longer works. Run the timeline again with `/aigov timeline <topic>`.',
} as const;

/** A one-section message for the fixed texts above (they hold no user or corpus text, so need no escaping). */
export function notice(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
