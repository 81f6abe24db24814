/**
 * Tells one user something privately where they are: an ephemeral message in
 * the channel, or a DM (the app's Messages tab: `chat.postMessage` to the user
 * id, which `chat:write` allows) when the bot cannot post there
 * (`channel_not_found`, `not_in_channel`: a private channel or DM it is not in).
 * https://docs.slack.dev/reference/methods/chat.postEphemeral
 */
import type { WebClient } from '@slack/web-api';
import { classifyPostFailure } from './slack-errors.ts';
import type { SlackMessage } from './render/types.ts';

/** Slack errors of chat.postEphemeral after which a DM is sent instead. */
export const EPHEMERAL_FALLBACK_ERRORS: ReadonlySet<string> = new Set(['channel_not_found', 'not_in_channel']);

/** Posts `message` to `userId` privately; returns where it went. Other errors are thrown. */
export async function tellPrivately(client: WebClient, channelId: string, userId: string, message: SlackMessage): Promise<'ephemeral' | 'dm'> {
  try {
    await client.chat.postEphemeral({ channel: channelId, user: userId, ...message });
    return 'ephemeral';
  } catch (err) {
    const failure = classifyPostFailure(err);
    if (failure.kind !== 'refused' || !EPHEMERAL_FALLBACK_ERRORS.has(failure.error)) throw err;
  }
  await client.chat.postMessage({ channel: userId, ...message });
  return 'dm';
}
