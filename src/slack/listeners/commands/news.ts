/**
 * `/aigov add`, `/aigov feeds …` and `/aigov remove`: thin over the news desk
 * (news/news-desk.ts). Every answer is private. The command acks before any
 * of this runs (commands/index.ts); long work says at once that it started
 * and answers through `respond` (the response_url, good for 30 minutes) when done.
 */
import type { IngestVia } from '../../../ingest/ingest-types.ts';
import { MAX_LINKS_PER_REQUEST, type NewsDesk } from '../../../news/news-desk.ts';
import type { AdminCheck } from '../../admin-check.ts';
import { extractHttpLinks } from '../../extract-links.ts';
import { section } from '../../render/blocks.ts';
import { fallback } from '../../render/fallback.ts';
import { NEWS_TEXT, renderFeedList, renderFeedPreview, renderLinkResults, renderPollReports, renderRemoveResult, workingText } from '../../render/news.ts';
import { inlineMrkdwn } from '../../render/escape.ts';
import type { SlackMessage } from '../../render/types.ts';
import type { CommandContext, SubcommandHandler } from './command-context.ts';

export interface NewsCommandDeps {
  readonly desk: NewsDesk;
  readonly isAdmin: AdminCheck;
}

function plain(line: string): SlackMessage {
  return { text: fallback(line), blocks: [section(line)] };
}

async function reply(context: CommandContext, message: SlackMessage): Promise<void> {
  await context.respond({ response_type: 'ephemeral', replace_original: false, ...message });
}

/** `/aigov add <url> [<url>…]`: anyone. */
export function createAddCommand({ desk }: NewsCommandDeps): SubcommandHandler {
  return async (context) => {
    const links = extractHttpLinks(context.args);
    if (links.length === 0) return reply(context, plain(NEWS_TEXT.noLinks));
    const taken = links.slice(0, MAX_LINKS_PER_REQUEST);
    await reply(context, plain(workingText(taken.length)));
    const via: IngestVia = { kind: 'user', userId: context.userId };
    await reply(context, renderLinkResults(await desk.addLinks(taken, via), links.length - taken.length));
  };
}

/** `/aigov remove <article url>`: admins only. */
export function createRemoveCommand({ desk, isAdmin }: NewsCommandDeps): SubcommandHandler {
  return async (context) => {
    if (!(await isAdmin(context.userId))) return reply(context, plain(NEWS_TEXT.adminsOnly));
    const [url] = extractHttpLinks(context.args);
    if (url === undefined) return reply(context, plain(NEWS_TEXT.removeUsage));
    await reply(context, renderRemoveResult(await desk.removeArticle(url, context.userId)));
  };
}

/** `/aigov feeds list|preview|add|remove|refresh`: admins only, checked before anything is read or fetched. */
export function createFeedsCommand({ desk, isAdmin }: NewsCommandDeps): SubcommandHandler {
  return async (context) => {
    if (!(await isAdmin(context.userId))) return reply(context, plain(NEWS_TEXT.adminsOnly));
    const [action = '', ...rest] = context.args.split(/\s+/);
    const argument = rest.join(' ').trim();
    switch (action.toLowerCase()) {
      case 'list':
        return reply(context, renderFeedList(await desk.listFeeds()));
      case 'add': {
        const [url] = extractHttpLinks(argument);
        if (url === undefined) return reply(context, plain(NEWS_TEXT.feedsUsage));
        await reply(context, plain(`:hourglass_flowing_sand: Adding the feed ${inlineMrkdwn(url)} and reading it…`));
        const result = await desk.addFeed(url, context.userId);
        if (result.status === 'invalid-url') return reply(context, plain(NEWS_TEXT.feedsUsage));
        const heading = result.status === 'added' ? 'Feed added. First poll:' : 'That feed was already there; polled it now:';
        return reply(context, renderPollReports(heading, [result.poll]));
      }
      case 'preview': {
        const [url] = extractHttpLinks(argument);
        if (url === undefined) return reply(context, plain(NEWS_TEXT.feedsUsage));
        await reply(context, plain(`:hourglass_flowing_sand: Reading the feed ${inlineMrkdwn(url)} (nothing is stored)…`));
        return reply(context, renderFeedPreview(await desk.previewFeed(url)));
      }
      case 'remove': {
        const ref = extractHttpLinks(argument)[0] ?? argument;
        const feed = ref === '' ? null : await desk.findFeed(ref);
        if (feed === null) return reply(context, plain(NEWS_TEXT.feedNotFound));
        await desk.removeFeed(feed);
        return reply(context, plain(`Removed the feed ${inlineMrkdwn(feed.title ?? feed.url)}. The articles taken from it stay in the corpus.`));
      }
      case 'refresh': {
        const count = (await desk.listFeeds()).length;
        if (count === 0) return reply(context, plain(NEWS_TEXT.noFeeds));
        await reply(context, plain(`:hourglass_flowing_sand: Polling ${count} ${count === 1 ? 'feed' : 'feeds'} now…`));
        return reply(context, renderPollReports('Feeds polled:', await desk.refreshFeeds()));
      }
      default:
        return reply(context, plain(NEWS_TEXT.feedsUsage));
    }
  };
}
