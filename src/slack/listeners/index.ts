/**
 * Every Bolt listener, registered by kind: each folder (commands, events,
 * actions, shortcuts, views) registers its own. Handlers get what they need
 * from here; none builds a dependency of its own.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../../logging/logger.ts';
import { registerActions, type ActionDeps } from './actions/index.ts';
import { registerCommands, type CommandDeps } from './commands/index.ts';
import { registerEvents, type EventDeps } from './events/index.ts';
import { registerShortcuts, type ShortcutDeps } from './shortcuts/index.ts';
import { registerViews, type ViewDeps } from './views/index.ts';

export type ListenerDeps = CommandDeps & EventDeps & ActionDeps & ShortcutDeps & ViewDeps & { readonly logger: Logger };

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  registerShortcuts(app, deps);
  registerViews(app, deps);
  app.error(async (err) => {
    deps.logger.error({ err }, 'unhandled error in a Slack listener');
  });
}
