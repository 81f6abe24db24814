/**
 * The shapes renderers return. Block Kit types come from `@slack/types`
 * through `@slack/bolt`, which re-exports it, so we depend only on Bolt.
 */
import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;
export type MrkdwnElement = types.MrkdwnElement;

/**
 * A message ready for `chat.postMessage`, `respond` or `say`: blocks plus the
 * short plain `text` fallback that notifications and screen readers use.
 */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/**
 * What a search button (More results, Share in channel) carries in its
 * `value`, so the action handler can re-run the same query at the right page.
 */
export interface SearchButtonPayload {
  /** The query as the user typed it (`SearchQuery.raw`). */
  readonly q: string;
  /** Offset of the first article to show. */
  readonly o: number;
}
