/**
 * `/aigov watch <query>`, `/aigov watch list`, `/aigov watch resume` and
 * `/aigov unwatch <number>`. Alerts go where the command was typed: a
 * channel, or the DM with the bot. Every answer is private (ephemeral).
 */
import { parseSearchQuery } from '../../../core/search/parse-query.ts';
import { compileWatch } from '../../../core/watch/match-watches.ts';
import { section } from '../../render/blocks.ts';
import { inlineMrkdwn } from '../../render/escape.ts';
import { fallback } from '../../render/fallback.ts';
import type { SlackMessage } from '../../render/types.ts';
import { exampleLine, WATCH_EXAMPLES } from '../../render/usage.ts';
import { renderWatchList } from '../../render/watch.ts';
import type { Store } from '../../../store/store.ts';
import { MAX_ALERTS_PER_WATCH_PER_DAY } from '../../../watch/deliver-alerts.ts';
import type { SubcommandHandler } from './command-context.ts';

/** Watches one conversation may hold: bounds the list reply and what one channel can be sent. */
export const MAX_WATCHES_PER_CHANNEL = 20;

/** Words the watch commands say; tests check them. */
export const WATCH_TEXT = {
  usage: ['*Watches*', ...WATCH_EXAMPLES.map(exampleLine)].join('\n'),
  needsTerms: 'A watch needs words to look for or a filter, e.g. `/aigov watch capacity building` or `/aigov watch source:"Global Times"`.',
  none: 'No watches in this conversation. Start one with `/aigov watch &lt;search&gt;`.',
  tooMany: `This conversation has ${MAX_WATCHES_PER_CHANNEL} watches, the most it may hold. Stop one with \`/aigov unwatch &lt;number&gt;\` first.`,
  unwatchUsage: 'Give the number of the watch to stop, e.g. `/aigov unwatch 3`; `/aigov watch list` shows the numbers.',
  nothingPaused: 'No watch in this conversation is paused.',
} as const;

export function createdText(id: number, query: string, isDm: boolean): string {
  const where = isDm ? 'I will send you here, by DM,' : 'I will post in this channel';
  return (
    `Watch #${id} made: ${where} every new article matching “${inlineMrkdwn(query)}” from now on ` +
    `(articles already in the corpus are not sent; at most ${MAX_ALERTS_PER_WATCH_PER_DAY} a day). Stop it with \`/aigov unwatch ${id}\`.`
  );
}

export function notFoundText(number: string): string {
  return `There is no watch #${inlineMrkdwn(number)} in this conversation. \`/aigov watch list\` shows its watches.`;
}

function reply(text: string): SlackMessage {
  return { text: fallback(text), blocks: [section(text)] };
}

export interface WatchCommandDeps {
  readonly store: Store;
  readonly now: () => Date;
}

/** A DM with the bot: Slack's conversation ids for direct messages start with `D`. */
export function isDirectMessage(channelId: string): boolean {
  return channelId.startsWith('D');
}

export function createWatchCommands({ store, now }: WatchCommandDeps): { watch: SubcommandHandler; unwatch: SubcommandHandler } {
  const channelWatches = async (channelId: string) => (await store.watches.listWatches()).filter((w) => w.channelId === channelId);

  const watch: SubcommandHandler = async ({ args, userId, channelId, respond }) => {
    const answer = async (message: SlackMessage): Promise<void> => {
      await respond({ response_type: 'ephemeral', ...message });
    };
    const word = args.toLowerCase();
    if (args === '' || word === 'help') return answer(reply(WATCH_TEXT.usage));
    if (word === 'list') return answer(renderWatchList(await channelWatches(channelId), WATCH_TEXT.none));
    if (word === 'resume') {
      const resumed = await store.watches.resumeChannelWatches(channelId);
      return answer(reply(resumed === 0 ? WATCH_TEXT.nothingPaused : `Resumed ${resumed === 1 ? 'one watch' : `${resumed} watches`}: new matching articles will be posted here again.`));
    }
    const parsed = parseSearchQuery(args);
    if (!parsed.ok) return answer(reply(parsed.error));
    if (compileWatch(parsed.query.raw) === null) return answer(reply(WATCH_TEXT.needsTerms));
    if ((await channelWatches(channelId)).length >= MAX_WATCHES_PER_CHANNEL) return answer(reply(WATCH_TEXT.tooMany));
    const made = await store.watches.createWatch({ channelId, query: parsed.query.raw, createdBy: userId, at: now() });
    return answer(reply(createdText(made.id, made.query, isDirectMessage(channelId))));
  };

  const unwatch: SubcommandHandler = async ({ args, channelId, respond }) => {
    const answer = async (text: string): Promise<void> => {
      await respond({ response_type: 'ephemeral', ...reply(text) });
    };
    const number = args.replace(/^#/, '');
    if (!/^\d{1,9}$/.test(number)) return answer(WATCH_TEXT.unwatchUsage);
    const found = await store.watches.getWatch(Number(number));
    if (found === null || found.channelId !== channelId) return answer(notFoundText(number));
    await store.watches.deleteWatch(found.id);
    return answer(`Watch #${found.id} “${inlineMrkdwn(found.query)}” stopped.`);
  };

  return { watch, unwatch };
}
