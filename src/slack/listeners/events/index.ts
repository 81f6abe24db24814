/** Events API listeners: `@aigov` questions and the Home tab. */
import type { App } from '@slack/bolt';
import type { AnswerDelivery } from '../../../answers/answer-delivery.ts';
import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import type { AnswerRecorder } from '../../../feedback/answer-recorder.ts';
import type { ThreadAnswers } from '../../../feedback/thread-answers.ts';
import type { HomeSources } from '../../../home/home-data.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { Store } from '../../../store/store.ts';
import { registerAppHomeOpened } from './app-home-opened.ts';
import { registerAppMention } from './app-mention.ts';

export interface EventDeps {
  readonly corpus: ServedCorpus;
  readonly store: Pick<Store, 'answers'>;
  readonly delivery: Pick<AnswerDelivery, 'deliver'>;
  readonly feedback: AnswerRecorder;
  /** The bot's earlier answers in a thread, for follow-ups there. */
  readonly threadAnswers: ThreadAnswers;
  readonly home: HomeSources;
  readonly logger: Logger;
  readonly now: () => Date;
}

export function registerEvents(app: App, { corpus, store, delivery, feedback, threadAnswers, home, logger, now }: EventDeps): void {
  registerAppMention(app, { corpus, store, delivery, logger, now, feedback, threadAnswers });
  registerAppHomeOpened(app, home, logger);
}
