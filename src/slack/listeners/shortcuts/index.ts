/** Message shortcuts: "Add to aigov". */
import type { App } from '@slack/bolt';
import type { Logger } from '../../../logging/logger.ts';
import type { NewsDesk } from '../../../news/news-desk.ts';
import { registerAddToCorpusShortcut } from './add-to-corpus.ts';

export interface ShortcutDeps {
  readonly desk: NewsDesk;
  readonly logger: Logger;
}

export function registerShortcuts(app: App, deps: ShortcutDeps): void {
  registerAddToCorpusShortcut(app, deps);
}
