/**
 * Buttons on the Home tab and on watch notices: "Stop" (a watch; the Home
 * tab is then redrawn) and "Search the corpus" (opens the search modal with
 * the click's `trigger_id`, which Slack honours for 3 seconds).
 * @see https://docs.slack.dev/reference/methods/views.open
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { HomeSources } from '../../../home/home-data.ts';
import type { Logger } from '../../../logging/logger.ts';
import { publishHome } from '../events/app-home-opened.ts';
import { notice } from '../../messages.ts';
import { HOME_SEARCH_ACTION } from '../../render/home.ts';
import { renderSearchModal } from '../../render/search-modal.ts';
import { UNWATCH_ACTION } from '../../render/watch.ts';
import type { Store } from '../../../store/store.ts';

export const HOME_BUTTON_TEXT = {
  stopped: (id: number) => `Watch #${id} stopped.`,
  gone: 'That watch was already stopped.',
} as const;

export function registerHomeButtons(app: App, deps: { readonly store: Pick<Store, 'watches'>; readonly home: HomeSources; readonly logger: Logger }): void {
  const log = deps.logger.child({ handler: 'home_buttons' });

  app.action<BlockButtonAction>(UNWATCH_ACTION, async ({ ack, action, body, client, respond }) => {
    await ack();
    const id = Number(action.value);
    const deleted = Number.isSafeInteger(id) && id > 0 && (await deps.store.watches.deleteWatch(id));
    log.info({ watchId: action.value, userId: body.user.id, deleted }, 'unwatch button');
    if (body.view?.type === 'home') {
      await publishHome(client, body.user.id, deps.home).catch((err: unknown) => log.error({ err }, 'could not redraw the Home tab'));
    } else {
      await respond({ response_type: 'ephemeral', replace_original: false, ...notice(deleted ? HOME_BUTTON_TEXT.stopped(id) : HOME_BUTTON_TEXT.gone) });
    }
  });

  app.action<BlockButtonAction>(HOME_SEARCH_ACTION, async ({ ack, body, client }) => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: renderSearchModal('', null) });
    } catch (err) {
      log.error({ err }, 'could not open the search modal');
    }
  });
}
