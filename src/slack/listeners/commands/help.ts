import { renderUsage } from '../../render/search-results.ts';
import type { SubcommandHandler } from './command-context.ts';

/** `/aigov help` (and a bare `/aigov`): usage with examples, privately. */
export function createHelpCommand(): SubcommandHandler {
  return async ({ respond }) => {
    await respond({ response_type: 'ephemeral', ...renderUsage() });
  };
}
