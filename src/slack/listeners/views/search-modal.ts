/**
 * The search modal's `view_submission`: acknowledged at once with the modal
 * showing "Searching…" (`response_action: update`; the search runs in the
 * corpus worker, never before the ack), then `views.update` with the results.
 * A query that cannot be read is answered in the input's error slot.
 * @see https://docs.slack.dev/surfaces/modals#updating_response
 */
import type { App } from '@slack/bolt';
import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import { parseSearchQuery } from '../../../core/search/parse-query.ts';
import { IndexNotReadyError } from '../../../corpus/corpus-service.ts';
import type { Logger } from '../../../logging/logger.ts';
import { MESSAGES, notice } from '../../messages.ts';
import { buildSearchReply } from '../../search-reply.ts';
import { renderSearchModal, SEARCH_MODAL_CALLBACK, SEARCH_QUERY_ACTION, SEARCH_QUERY_BLOCK } from '../../render/search-modal.ts';
import { fitInline } from '../../render/fit.ts';

/** Slack shows an input error under the field; keep it short. */
const INPUT_ERROR_MAX = 300;

export function registerSearchModal(app: App, deps: { readonly corpus: ServedCorpus; readonly logger: Logger }): void {
  const log = deps.logger.child({ handler: 'search_modal' });
  app.view(SEARCH_MODAL_CALLBACK, async ({ ack, view, client }) => {
    const query = view.state.values[SEARCH_QUERY_BLOCK]?.[SEARCH_QUERY_ACTION]?.value ?? '';
    const parsed = parseSearchQuery(query);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: { [SEARCH_QUERY_BLOCK]: fitInline(parsed.error, INPUT_ERROR_MAX, (s) => s) } });
      return;
    }
    await ack({ response_action: 'update', view: renderSearchModal(query, 'searching') });
    let results;
    try {
      results = await buildSearchReply(deps.corpus, query, 0, { shareable: false });
    } catch (err) {
      if (!(err instanceof IndexNotReadyError)) log.error({ err }, 'search from the modal failed');
      results = notice(err instanceof IndexNotReadyError ? MESSAGES.notReady : MESSAGES.internalError);
    }
    try {
      await client.views.update({ view_id: view.id, view: renderSearchModal(query, results) });
    } catch (err) {
      log.error({ err }, 'could not show the search results in the modal');
    }
  });
}
