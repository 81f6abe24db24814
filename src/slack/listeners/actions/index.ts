/** Block Kit buttons, each module registering its own `action_id`s (render/action-ids.ts names them). */
import type { App } from '@slack/bolt';
import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import type { AnswerRecorder } from '../../../feedback/answer-recorder.ts';
import type { HomeSources } from '../../../home/home-data.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { Store } from '../../../store/store.ts';
import { registerFeedbackButtons } from './feedback-buttons.ts';
import { registerHomeButtons } from './home-buttons.ts';
import { registerSearchButtons } from './search-buttons.ts';
import { registerTimelineButtons } from './timeline-buttons.ts';

export interface ActionDeps {
  readonly corpus: ServedCorpus;
  readonly store: Pick<Store, 'feedback' | 'watches'>;
  readonly feedback: AnswerRecorder;
  readonly home: HomeSources;
  readonly logger: Logger;
  readonly now: () => Date;
}

export function registerActions(app: App, { corpus, store, feedback, home, logger, now }: ActionDeps): void {
  registerSearchButtons(app, { corpus, logger, feedback });
  registerTimelineButtons(app, { corpus, logger });
  registerFeedbackButtons(app, { store: store.feedback, logger, now });
  registerHomeButtons(app, { store, home, logger });
}
