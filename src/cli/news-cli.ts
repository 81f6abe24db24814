/**
 * `npm run cli -- add <url>…` and `npm run cli -- feeds list|add|remove|refresh`:
 * the news desk from a terminal, on the same CORPUS_DIR and DATA_DIR as the
 * bot. Safe beside a running bot: SQLite in WAL mode takes writers from
 * several processes, and the bot's watcher indexes the files written here.
 * The pipeline runs in this process (a terminal can wait, and a crash ends
 * only this command). Progress goes to stderr, results to stdout.
 */
import path from 'node:path';
import type { NewsCliConfig } from '../config/config.ts';
import { createFetcher } from '../ingest/fetch/fetcher.ts';
import { canonicalUrl } from '../ingest/url/canonical-url.ts';
import { createLogger } from '../logging/logger.ts';
import { createFeedScheduler, type FeedPollReport } from '../news/feed-scheduler.ts';
import { HostGate } from '../news/host-gate.ts';
import { createInlineIngestRunner } from '../news/ingest-runner.ts';
import { MAX_LINKS_PER_REQUEST, createNewsDesk, type LinkResult, type NewsDesk } from '../news/news-desk.ts';
import { openStore } from '../store/open-store.ts';
import type { Feed } from '../store/feed-store.ts';
import { describeIngestedDate, FAILURE_WORDS, NEWS_TEXT } from '../slack/render/news.ts';
import { runFeedPreviewCli } from './feed-preview-cli.ts';

/** What the exit code says. */
export const NEWS_EXIT = {
  /** Everything asked was done (an article already in the corpus counts as done). */
  ok: 0,
  /** An error stopped the command. */
  error: 1,
  /** The command line was not understood. */
  usage: 2,
  /** Some links were not added, or some feeds failed; each is listed. */
  partial: 3,
} as const;

export const NEWS_USAGE = `Usage:
  npm run cli -- add <url> [<url>…]            add articles (at most ${MAX_LINKS_PER_REQUEST} at a time)
  npm run cli -- feeds list                     the feeds and where each stands
  npm run cli -- feeds preview [--jsonl] <feed url or file>…   what subscribing would take; nothing stored
  npm run cli -- feeds add <feed url>           subscribe to an RSS, Atom or JSON feed and poll it now
  npm run cli -- feeds remove <url or number>   unsubscribe (its articles stay)
  npm run cli -- feeds refresh                  poll every feed now (also resumes stopped ones)
Uses CORPUS_DIR, DATA_DIR and FETCH_ALLOW_PRIVATE, like the bot; safe to run while it runs.
Exit codes: 0 done, 1 error, 2 usage, 3 some links or feeds failed.`;

type Line = (line: string) => void;

/** One line saying what happened to a link, for a terminal. */
export function linkResultText(result: LinkResult): string {
  switch (result.kind) {
    case 'added':
      return `added   ${result.title} — ${result.source ?? 'source unknown'} · ${describeIngestedDate(result.date, result.dateBasis)} (${result.file})`;
    case 'duplicate':
      return `known   ${result.url}: ${NEWS_TEXT.duplicate}${result.title === null ? '' : ` (${result.title})`}`;
    case 'removed':
      return `removed ${result.url}: ${NEWS_TEXT.removedByAdmin}`;
    case 'failed':
      return `failed  ${result.url}: ${FAILURE_WORDS[result.code]} (${result.message})`;
    case 'crashed':
      return `failed  ${result.url}: ${NEWS_TEXT.crashed}`;
  }
}

const when = (date: Date | null): string => (date === null ? 'never' : date.toISOString());

function feedText(feed: Feed, position: number): string {
  const lines = [`${position}. ${feed.title ?? '(title not read yet)'}  ${feed.url}`];
  lines.push(`   ${feed.articlesTaken} articles taken · last success: ${when(feed.lastSuccessAt)}`);
  if (feed.malformed !== null) lines.push(`   warning: ${NEWS_TEXT.malformed} (${feed.malformed})`);
  if (feed.lastError !== null) lines.push(`   last error: ${feed.lastError.message} at ${when(feed.lastError.at)} (${feed.consecutiveFailures} in a row)`);
  lines.push(feed.stopped !== null ? `   ${NEWS_TEXT.stoppedGone}` : `   next poll: ${when(feed.nextPollAt)}`);
  return lines.join('\n');
}

function reportText(report: FeedPollReport): string {
  const name = report.title ?? report.url;
  switch (report.status) {
    case 'ok':
      return `ok      ${name}: ${report.added} new, ${report.duplicates} known, ${report.failedItems} not taken`;
    case 'not-modified':
      return `ok      ${name}: nothing new`;
    default:
      return `${report.status.padEnd(7)} ${name}: ${report.error ?? ''}`;
  }
}

async function add(desk: NewsDesk, urls: readonly string[], out: Line, progress: Line): Promise<number> {
  const taken = urls.slice(0, MAX_LINKS_PER_REQUEST);
  if (urls.length > taken.length) progress(`taking the first ${taken.length} of ${urls.length} links`);
  let done = 0;
  const results = await Promise.all(
    taken.map(async (url) => {
      const [result] = await desk.addLinks([url], { kind: 'cli' });
      progress(`[${++done}/${taken.length}] ${url}: ${result!.kind}`);
      return result!;
    }),
  );
  for (const result of results) out(linkResultText(result));
  return results.every((r) => r.kind === 'added' || r.kind === 'duplicate') ? NEWS_EXIT.ok : NEWS_EXIT.partial;
}

async function feeds(desk: NewsDesk, args: readonly string[], out: Line, progress: Line, err: Line): Promise<number> {
  const [action, ...rest] = args;
  const argument = rest.join(' ').trim();
  const failed = (reports: readonly FeedPollReport[]): boolean => reports.some((r) => r.status === 'failed' || r.status === 'gone');
  switch (action) {
    case 'list': {
      const list = await desk.listFeeds();
      out(list.length === 0 ? 'No feeds yet.' : list.map(feedText).join('\n'));
      return NEWS_EXIT.ok;
    }
    case 'add': {
      if (argument === '') break;
      progress(`polling ${argument}…`);
      const result = await desk.addFeed(argument, null);
      if (result.status === 'invalid-url') {
        err(`'${argument}' is not an http(s) URL`);
        return NEWS_EXIT.usage;
      }
      out(`${result.status === 'added' ? 'feed added' : 'feed already there'}: ${result.feed.url}`);
      out(reportText(result.poll));
      return failed([result.poll]) ? NEWS_EXIT.partial : NEWS_EXIT.ok;
    }
    case 'remove': {
      if (argument === '') break;
      const feed = await desk.findFeed(argument);
      if (feed === null) {
        err(`no feed '${argument}' (npm run cli -- feeds list shows them)`);
        return NEWS_EXIT.partial;
      }
      await desk.removeFeed(feed);
      out(`feed removed: ${feed.url} (its ${feed.articlesTaken} articles stay)`);
      return NEWS_EXIT.ok;
    }
    case 'refresh': {
      const count = (await desk.listFeeds()).length;
      progress(`polling ${count} feeds…`);
      const reports = await desk.refreshFeeds();
      for (const report of reports) out(reportText(report));
      return failed(reports) ? NEWS_EXIT.partial : NEWS_EXIT.ok;
    }
  }
  err(NEWS_USAGE);
  return NEWS_EXIT.usage;
}

/** Runs `add …` or `feeds …`; returns the exit code. */
export async function runNewsCli(argv: readonly string[], config: NewsCliConfig, out: Line, err: Line): Promise<number> {
  const [command, ...args] = argv;
  if ((command !== 'add' && command !== 'feeds') || args.length === 0) {
    err(NEWS_USAGE);
    return NEWS_EXIT.usage;
  }
  // A preview stores nothing: no database is opened.
  if (command === 'feeds' && args[0] === 'preview') return runFeedPreviewCli(args.slice(1), config.fetchAllowPrivate, out, err);
  const store = await openStore(config);
  const logger = createLogger('silent');
  const clock = (): Date => new Date();
  const runner = createInlineIngestRunner({
    fetcher: createFetcher({ allowPrivate: config.fetchAllowPrivate }),
    ledger: store.feeds,
    corpusDir: config.corpusDir,
    clock,
    logger,
  });
  const gate = new HostGate(clock);
  const notices = {
    failing: async (feed: Feed) => err(`warning: ${feed.url} failed ${feed.consecutiveFailures} polls in a row`),
    stopped: async (feed: Feed) => err(`warning: ${feed.url} is gone (HTTP 410); polling stopped`),
  };
  const scheduler = createFeedScheduler({ store: store.feeds, runner, notices, clock, logger, gate });
  const desk = createNewsDesk({ store: store.feeds, runner, scheduler, gate, corpusDir: config.corpusDir, canonicalUrl, clock });
  try {
    return command === 'add' ? await add(desk, args, out, err) : await feeds(desk, args, out, err, err);
  } finally {
    await runner.close();
    await store.close();
  }
}
