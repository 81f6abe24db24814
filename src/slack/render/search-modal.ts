/**
 * The search modal the Home tab opens: a query input, and under it the
 * results of the last search (the same rendering as `/aigov search`, without
 * its message buttons, which need a channel). Pure, within the view limits.
 */
import { MAX_QUERY_CHARS } from '../../core/search/parse-query.ts';
import { blockTextLength, context } from './blocks.ts';
import { MODAL_TITLE_MAX, PLAIN_TEXT_INPUT_MAX, VIEW_BLOCK_TEXT_BUDGET, VIEW_MAX_BLOCKS } from './limits.ts';
import type { KnownBlock, SlackMessage } from './types.ts';

/** `callback_id` of the modal, which its `view_submission` is registered on. */
export const SEARCH_MODAL_CALLBACK = 'aigov_search_modal';
/** Where the query is read from in `view.state.values`. */
export const SEARCH_QUERY_BLOCK = 'aigov_search_query';
export const SEARCH_QUERY_ACTION = 'query';

export const SEARCH_MODAL_TEXT = {
  title: 'Search aigov',
  submit: 'Search',
  close: 'Close',
  label: 'Search the corpus (filters work: after:2024 source:"Global Times")',
  searching: ':mag: Searching…',
  more: 'For more results, run `/aigov search &lt;your query&gt;` in a channel.',
} as const;

export interface ModalView {
  readonly type: 'modal';
  readonly callback_id: string;
  readonly title: { type: 'plain_text'; text: string };
  readonly submit: { type: 'plain_text'; text: string };
  readonly close: { type: 'plain_text'; text: string };
  readonly blocks: KnownBlock[];
}

function plain(text: string): { type: 'plain_text'; text: string } {
  if (text.length < 1 || text.length > MODAL_TITLE_MAX) throw new RangeError(`modal text '${text}': must be 1-${MODAL_TITLE_MAX} characters`);
  return { type: 'plain_text', text };
}

/**
 * The modal: the query input (holding `query`), then `results` when given:
 * a rendered search page (its buttons dropped), or a status line.
 */
export function renderSearchModal(query: string, results: SlackMessage | 'searching' | null): ModalView {
  const input: KnownBlock = {
    type: 'input',
    block_id: SEARCH_QUERY_BLOCK,
    label: { type: 'plain_text', text: SEARCH_MODAL_TEXT.label },
    element: {
      type: 'plain_text_input',
      action_id: SEARCH_QUERY_ACTION,
      max_length: Math.min(MAX_QUERY_CHARS, PLAIN_TEXT_INPUT_MAX),
      ...(query.length > 0 ? { initial_value: query.slice(0, MAX_QUERY_CHARS) } : {}),
    },
  };
  const blocks: KnownBlock[] = [input];
  if (results === 'searching') blocks.push(context([SEARCH_MODAL_TEXT.searching]));
  else if (results !== null) {
    blocks.push({ type: 'divider' }, ...results.blocks.filter((b) => b.type !== 'actions'), context([SEARCH_MODAL_TEXT.more]));
  }
  if (blocks.length > VIEW_MAX_BLOCKS) throw new RangeError(`search modal: ${blocks.length} blocks, over ${VIEW_MAX_BLOCKS}`);
  const length = blockTextLength(blocks);
  if (length > VIEW_BLOCK_TEXT_BUDGET) throw new RangeError(`search modal: ${length} characters, over ${VIEW_BLOCK_TEXT_BUDGET}`);
  return {
    type: 'modal',
    callback_id: SEARCH_MODAL_CALLBACK,
    title: plain(SEARCH_MODAL_TEXT.title),
    submit: plain(SEARCH_MODAL_TEXT.submit),
    close: plain(SEARCH_MODAL_TEXT.close),
    blocks,
  };
}
