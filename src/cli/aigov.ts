import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { CONFIG_DEFAULTS, loadStorage, loadNewsCliConfig } from '../config/config.ts';
import { ConfigError } from '../config/config-error.ts';
import { runNewsCli } from './news-cli.ts';
import { runDatesCli } from './dates-cli.ts';
import type { Readable } from 'node:stream';
import { CorpusService } from '../corpus/corpus-service.ts';
import { parseSearchQuery } from '../core/search/parse-query.ts';
import { formatAnswer, formatSearchPage, formatTimeline } from './format-plain.ts';
import fs from 'node:fs';
import { feedbackSummary } from '../feedback/feedback-summary.ts';
import { databaseFileIn, openStore } from '../store/open-store.ts';
import { formatFeedbackSummary } from './format-feedback.ts';

/** How many articles the terminal search lists. */
const CLI_RESULTS = 5;

/** How many events the terminal timeline lists. */
const CLI_EVENTS = 50;

const COMMANDS = new Set(['search', 'ask', 'timeline']);

const USAGE = `Usage:
  npm run cli -- search <terms> [after:YYYY-MM-DD] [before:YYYY-MM] [source:"Name"]
  npm run cli -- ask "<question>"
  npm run cli -- timeline <topic> [after:YYYY-MM-DD] [before:YYYY-MM] [source:"Name"]
  npm run cli -- add <url>…  |  feeds list|preview|add|remove|refresh   (see npm run cli -- feeds)
  npm run cli -- feedback [--since YYYY-MM-DD]
  npm run cli -- dates <file> | --date YYYY-MM-DD <file | -> | --jsonl [file | -]   (see npm run cli -- dates)
search, ask and timeline read the corpus in CORPUS_DIR (default ${CONFIG_DEFAULTS.corpusDir}); feedback reads the
votes in DATA_DIR (default ${CONFIG_DEFAULTS.dataDir}), read-only. None needs a Slack app.`;

/** Latest votes the feedback listing prints. */
const CLI_RECENT_VOTES = 20;

/** `feedback [--since YYYY-MM-DD]`: the summary and latest votes from the bot's database. */
async function runFeedback(args: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let since: Date | null = null;
  if (args.length > 0) {
    const day = args[0] === '--since' && args.length === 2 ? args[1] : undefined;
    since = day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
    if (since === null || Number.isNaN(since.getTime())) {
      err(USAGE);
      return 2;
    }
  }
  const storage = loadStorage(process.env);
  const file = databaseFileIn(storage.dataDir);
  if (storage.databaseUrl === null && !fs.existsSync(file)) {
    out(`No votes yet: no database at ${file}.`);
    return 0;
  }
  const store = await openStore(storage, { readonly: true });
  try {
    out(formatFeedbackSummary(await feedbackSummary(store.feedback, since, { recent: CLI_RECENT_VOTES })));
    return 0;
  } catch (error) {
    // A database the bot has not migrated since feedback came in: it holds no votes.
    if (error instanceof Error && /no such table: feedback_|relation "feedback_\w+" does not exist/.test(error.message)) {
      out('No votes yet: the bot has not recorded any feedback in this database.');
      return 0;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** Runs one CLI command; returns the process exit code. Exported for tests. */
export async function runCli(argv: readonly string[], out: (line: string) => void, err: (line: string) => void, stdin: Readable = process.stdin): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'dates') return runDatesCli(rest, { out, err, stdin });
  if (command === 'add' || command === 'feeds') {
    let config;
    try {
      config = loadNewsCliConfig(process.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      err(`aigov: bad setting: ${error.message}`);
      return 1;
    }
    return runNewsCli(argv, config, out, err);
  }
  const input = rest.join(' ').trim();
  if (command === 'feedback') return runFeedback(rest, out, err);
  if (command === undefined || !COMMANDS.has(command) || input.length === 0) {
    err(USAGE);
    return 2;
  }
  const corpus = new CorpusService(loadStorage(process.env).corpusDir);
  const { warnings } = await corpus.load();
  for (const w of warnings) err(`skipped ${w.file}: ${w.reason}`);

  if (command === 'ask') {
    out(formatAnswer(corpus.answer(input), input));
    return 0;
  }
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) {
    err(parsed.error);
    return 2;
  }
  if (command === 'timeline') {
    if (parsed.query.terms.length === 0) {
      err(USAGE);
      return 2;
    }
    out(formatTimeline(corpus.timeline(parsed.query, { offset: 0, limit: CLI_EVENTS })));
    return 0;
  }
  out(formatSearchPage(corpus.search(parsed.query, { offset: 0, limit: CLI_RESULTS })));
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Exit only once stdout has been written out: to a pipe it is asynchronous, and a long line
  // (a feed preview's --jsonl) would otherwise be cut at the pipe's buffer size.
  const exitAfterFlush = (code: number): void => void process.stdout.write('', () => process.exit(code));
  runCli(process.argv.slice(2), console.log, console.error).then(
    (code) => exitAfterFlush(code),
    (error: unknown) => {
      console.error(`aigov: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
