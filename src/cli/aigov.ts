import 'dotenv/config';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_DEFAULTS } from '../config.ts';
import { CorpusService } from '../core/corpus-service.ts';
import { parseSearchQuery } from '../core/search/parse-query.ts';
import { formatAnswer, formatSearchPage, formatTimeline } from './format-plain.ts';

/** How many articles the terminal search lists. */
const CLI_RESULTS = 5;

/** How many events the terminal timeline lists. */
const CLI_EVENTS = 50;

const COMMANDS = new Set(['search', 'ask', 'timeline']);

const USAGE = `Usage:
  npm run cli -- search <terms> [after:YYYY-MM-DD] [before:YYYY-MM] [source:"Name"]
  npm run cli -- ask "<question>"
  npm run cli -- timeline <topic> [after:YYYY-MM-DD] [before:YYYY-MM] [source:"Name"]
Reads the corpus in CORPUS_DIR (default ${CONFIG_DEFAULTS.corpusDir}); needs no Slack app.`;

/** Runs one CLI command; returns the process exit code. Exported for tests. */
export async function runCli(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  const input = rest.join(' ').trim();
  if (command === undefined || !COMMANDS.has(command) || input.length === 0) {
    err(USAGE);
    return 2;
  }
  const corpus = new CorpusService(path.resolve(process.env['CORPUS_DIR']?.trim() || CONFIG_DEFAULTS.corpusDir));
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
  runCli(process.argv.slice(2), console.log, console.error).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`aigov: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
