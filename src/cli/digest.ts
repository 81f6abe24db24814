import 'dotenv/config';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CONFIG_DEFAULTS, loadStorage } from '../config/config.ts';
import type { Digest } from '../core/digest/build-digest.ts';
import { DEFAULT_TIME_ZONE, localDateAt } from '../core/digest/schedule.ts';
import { CorpusService } from '../corpus/corpus-service.ts';
import { draftDigest } from '../digest/deliver-digest.ts';
import { describeArticleMeta } from '../slack/render/article-meta.ts';
import { alsoReportedPlain } from './format-plain.ts';
import { deferredNote, digestHeadline, nothingNewText } from '../slack/render/digest.ts';
import { databaseFileIn, openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { StoreError } from '../store/store-error.ts';

/**
 * `npm run digest -- --dry-run [--channel C123]`: prints the digest the bot
 * would post, as plain text. Reads CORPUS_DIR and the bot's database in
 * DATA_DIR, opened read-only (never migrated, never created; SQLite may add
 * the `-wal`/`-shm` side files a reader of a WAL database needs); reads no
 * Slack token and posts nothing: posting is the bot's job.
 */
const USAGE = `Usage:
  npm run digest -- --dry-run [--channel C0123ABCD]
Prints the digest the bot would post now: for the channel's subscription when
--channel is given, else a first digest (the latest few articles). Reads
CORPUS_DIR (default ${CONFIG_DEFAULTS.corpusDir}) and DATA_DIR (default ${CONFIG_DEFAULTS.dataDir});
posts nothing. Posting is the bot's job (npm start).`;

/** A digest as terminal text: headline, then each article's title, source, date, link and key sentence. */
export function formatDigestPlain(digest: Digest, timeZone: string): string {
  if (digest.items.length === 0) return nothingNewText(digest.since, timeZone);
  const lines = [digestHeadline(digest), ''];
  digest.items.forEach((item, i) => {
    const { source, date } = describeArticleMeta(item.article);
    lines.push(`${i + 1}. ${item.article.title}`);
    lines.push(`  ${source} · ${date}${item.article.url ? ` · ${item.article.url}` : ''}`, ...alsoReportedPlain(item.alsoReportedBy));
    if (item.keySentence !== null) lines.push(`  > ${item.keySentence}`);
    lines.push('');
  });
  if (digest.deferred > 0) lines.push(deferredNote(digest.deferred));
  return lines.join('\n').trimEnd();
}

/** The channel id a dry run without `--channel` builds for: no Slack channel has it, so it has no digest yet and gets a first digest. */
const NO_CHANNEL = 'dry-run';

/** The environment the digest CLI reads (CORPUS_DIR, DATA_DIR), as config/config.ts takes it. */
export type DigestCliEnv = Readonly<Record<string, string | undefined>>;

/** Runs the digest CLI; returns the process exit code. Exported for tests. */
export async function runDigestCli(
  argv: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
  env: DigestCliEnv = process.env,
  now: () => Date = () => new Date(),
): Promise<number> {
  const args = [...argv];
  const dryRun = args.includes('--dry-run');
  const channelAt = args.indexOf('--channel');
  const channelId = channelAt >= 0 ? args[channelAt + 1] : undefined;
  const known = args.every((a, i) => a === '--dry-run' || a === '--channel' || (channelAt >= 0 && i === channelAt + 1));
  if (!dryRun || !known || (channelAt >= 0 && (channelId === undefined || channelId.startsWith('--')))) {
    err(USAGE);
    return 2;
  }

  const directories = loadStorage(env);
  const corpus = new CorpusService(directories.corpusDir);
  const { warnings } = await corpus.load();
  for (const w of warnings) err(`skipped ${w.file}: ${w.reason}`);

  const at = now();
  const databaseFile = databaseFileIn(directories.dataDir);
  let store: Store | null = null;
  if (directories.databaseUrl !== null || fs.existsSync(databaseFile)) {
    try {
      store = await openStore(directories, { readonly: true });
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      err(`aigov digest: ${error.message}`);
      return 1;
    }
  } else if (channelId !== undefined) {
    err(`no database at ${databaseFile}: showing a first digest`);
  }

  try {
    let timeZone = DEFAULT_TIME_ZONE;
    if (store !== null && channelId !== undefined) {
      const sub = await store.digests.getSubscription(channelId);
      if (sub === null) err(`channel ${channelId} has no digest subscription; showing what a digest there would list (${DEFAULT_TIME_ZONE})`);
      timeZone = sub?.timeZone ?? DEFAULT_TIME_ZONE;
    }
    // Articles the bot has not recorded yet would be recorded as first seen now when it next starts.
    const digest = await draftDigest({ store, corpus }, channelId ?? NO_CHANNEL, localDateAt(at, timeZone), { unrecordedSeenAt: at });
    out(formatDigestPlain(digest, timeZone));
    return 0;
  } finally {
    await store?.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runDigestCli(process.argv.slice(2), console.log, console.error).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`aigov digest: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
