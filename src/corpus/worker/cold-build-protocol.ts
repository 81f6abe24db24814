/** Messages between the corpus worker and its cold-build helper thread (cold-build-helper.ts). */
import type { DateContext } from '../../core/dates/resolve-dates.ts';
import type { SavedSignatures } from '../../core/near-duplicates/near-duplicate-index.ts';
import type { SentenceTable } from '../../core/sentences/sentence-table.ts';

/** One article: its id, its text and the facts its dates are resolved against. */
export interface ColdBuildItem {
  readonly id: string;
  readonly body: string;
  readonly context: DateContext;
}

export interface ColdBuildRequest {
  readonly items: readonly ColdBuildItem[];
  /** Sentence tables are wanted for the items before this position only (the caller makes the rest). */
  readonly analyseUpTo: number;
}

/** The near-duplicate groups of every item, saved (NearDuplicateIndex.save), and the first items' sentence tables, in order. */
export type ColdBuildReply =
  | { readonly ok: true; readonly groups: SavedSignatures; readonly tables: readonly SentenceTable[] }
  | { readonly ok: false; readonly error: string };
