/**
 * `app_home_opened` → `views.publish`: the Home tab, rebuilt from the store
 * and the corpus each time the user opens it (home-data.ts gathers,
 * slack/render/home.ts renders).
 * @see https://docs.slack.dev/reference/events/app_home_opened
 * @see https://docs.slack.dev/reference/methods/views.publish
 */
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { gatherHomeData, type HomeSources } from '../../../home/home-data.ts';
import type { Logger } from '../../../logging/logger.ts';
import { renderHome } from '../../render/home.ts';

/** Publishes `userId`'s Home tab. */
export async function publishHome(client: WebClient, userId: string, sources: HomeSources): Promise<void> {
  const view = renderHome(await gatherHomeData(userId, sources));
  await client.views.publish({ user_id: userId, view });
}

export function registerAppHomeOpened(app: App, sources: HomeSources, logger: Logger): void {
  const log = logger.child({ handler: 'app_home_opened' });
  app.event('app_home_opened', async ({ event, client }) => {
    // The Messages tab opens send this event too; only the Home tab is ours to draw.
    if (event.tab !== 'home') return;
    try {
      await publishHome(client, event.user, sources);
    } catch (err) {
      log.error({ err, userId: event.user }, 'could not publish the Home tab');
    }
  });
}
