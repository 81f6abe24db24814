import type { ServedCorpus } from '../corpus/served-corpus.ts';
import { parseSearchQuery } from '../core/search/parse-query.ts';
import { SLACK_USER_ID_PATTERN, renderQueryError, renderSearchResults } from './render/search-results.ts';
import type { SlackMessage } from './render/types.ts';
import type { AnswerRecorder, Asker } from '../feedback/answer-recorder.ts';

/** Articles shown per page; three keeps a page of quoted excerpts readable and far below Block Kit's limits. */
export const RESULTS_PER_PAGE = 3;

export interface SearchReplyOptions {
  /** Offer "Share in channel" (ephemeral answers only). */
  readonly shareable: boolean;
  /** Validated Slack user id of the person who shared the results. */
  readonly sharedBy?: string;
  /** Records the page shown so it carries 👍 / 👎 buttons; absent: no buttons. */
  readonly feedback?: { readonly recorder: AnswerRecorder; readonly asker: Asker };
}

/** Parses, searches and renders one page of results for `/aigov search` and its buttons. */
export async function buildSearchReply(
  corpus: Pick<ServedCorpus, 'searchQueued'>,
  input: string,
  offset: number,
  options: SearchReplyOptions,
): Promise<SlackMessage> {
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) return renderQueryError(parsed.error);
  const page = await corpus.searchQueued(parsed.query, { offset, limit: RESULTS_PER_PAGE });
  const feedbackId = options.feedback === undefined ? null : await options.feedback.recorder.searchPage(page, options.feedback.asker);
  const { feedback: _feedback, ...renderOptions } = options;
  return renderSearchResults(page, { ...renderOptions, ...(feedbackId === null ? {} : { feedbackId }) });
}

/** Slack user ids as Slack sends them; anything else is never rendered as a mention. */
export function isSlackUserId(value: unknown): value is string {
  return typeof value === 'string' && SLACK_USER_ID_PATTERN.test(value);
}
