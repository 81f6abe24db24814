/** Modal views: the Home tab's search modal. */
import type { App } from '@slack/bolt';
import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import type { Logger } from '../../../logging/logger.ts';
import { registerSearchModal } from './search-modal.ts';

export interface ViewDeps {
  readonly corpus: ServedCorpus;
  readonly logger: Logger;
}

export function registerViews(app: App, deps: ViewDeps): void {
  registerSearchModal(app, deps);
}
