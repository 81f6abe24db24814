/**
 * The scheduler's {@link FeedNotices} in Slack: a DM to whoever added the
 * feed (`chat.postMessage` to their user id, which opens the app's Messages
 * tab; `chat:write` suffices). A feed added from the CLI has no one to tell:
 * the notice is logged, and `feeds list` shows the state either way.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger.ts';
import type { FeedNotices } from '../news/feed-scheduler.ts';
import type { Feed } from '../store/feed-store.ts';
import { renderFeedFailingNotice, renderFeedStoppedNotice } from './render/news.ts';
import type { SlackMessage } from './render/types.ts';

export function createSlackFeedNotices(client: WebClient, logger: Logger): FeedNotices {
  const log = logger.child({ component: 'feed-notices' });
  async function send(feed: Feed, message: SlackMessage, what: string): Promise<void> {
    if (feed.addedBy === null) {
      log.warn({ feedId: feed.id, url: feed.url }, `feed ${what}; it was added from the CLI, so no one is told in Slack`);
      return;
    }
    await client.chat.postMessage({ channel: feed.addedBy, ...message });
    log.info({ feedId: feed.id, user: feed.addedBy }, `told who added the feed that it ${what}`);
  }
  return {
    failing: (feed) => send(feed, renderFeedFailingNotice(feed), 'keeps failing'),
    stopped: (feed) => send(feed, renderFeedStoppedNotice(feed), 'stopped'),
  };
}
