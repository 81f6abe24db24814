import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATABASE_FILE } from '../bot.ts';
import { CONFIG_DEFAULTS } from '../config.ts';
import { buildDigest, type Digest } from '../core/digest/build-digest.ts';
import { localDateAt } from '../core/digest/schedule.ts';
import { CorpusService } from '../core/corpus-service.ts';
import type { Article } from '../core/types.ts';
import { describeArticleMeta } from '../slack/render/article-meta.ts';
import { digestHeadline, nothingNewText } from '../slack/render/digest.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { SeenArticle } from '../store/store.ts';

/**
 * `npm run digest -- --dry-run [--channel C123]`: prints the digest the bot
 * would post, as plain text. Reads CORPUS_DIR and the bot's database in
 * DATA_DIR (never writes to it, never creates it); reads no Slack token and
 * posts nothing: posting is the bot's job.
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
    lines.push(`  ${source} · ${date}${item.article.url ? ` · ${item.article.url}` : ''}`);
    if (item.keySentence !== null) lines.push(`  > ${item.keySentence}`);
    lines.push('');
  });
  if (digest.omitted > 0) lines.push(`…and ${digest.omitted} more not listed.`);
  return lines.join('\n').trimEnd();
}

export interface DigestCliEnv {
  readonly CORPUS_DIR?: string | undefined;
  readonly DATA_DIR?: string | undefined;
}

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

  const corpus = new CorpusService(path.resolve(env.CORPUS_DIR?.trim() || CONFIG_DEFAULTS.corpusDir));
  const { warnings } = await corpus.load();
  for (const w of warnings) err(`skipped ${w.file}: ${w.reason}`);

  const at = now();
  const databaseFile = path.join(path.resolve(env.DATA_DIR?.trim() || CONFIG_DEFAULTS.dataDir), DATABASE_FILE);
  let seen: SeenArticle[] = [];
  let since: Date | null = null;
  let timeZone = 'UTC';
  if (fs.existsSync(databaseFile)) {
    const store = openSqliteStore(databaseFile);
    try {
      if (channelId !== undefined) {
        const sub = await store.getSubscription(channelId);
        if (sub === null) err(`channel ${channelId} has no digest subscription; showing what a digest there would list (UTC)`);
        timeZone = sub?.timeZone ?? 'UTC';
        since = (await store.lastCompletedDigest(channelId))?.coveredUntil ?? null;
      }
      // All of them: buildDigest picks those after `since`, and the rest tell which ids are already recorded.
      seen = await store.articlesFirstSeenSince(null);
    } finally {
      await store.close();
    }
  } else if (channelId !== undefined) {
    err(`no database at ${databaseFile}: showing a first digest`);
  }

  // Articles the bot has not recorded yet would be recorded as first seen now when it next starts.
  const recorded = new Set(seen.map((s) => s.id));
  const articles = new Map<string, Article>();
  for (const meta of corpus.index.all()) {
    const article = corpus.index.get(meta.id);
    if (article === undefined) continue;
    articles.set(meta.id, article);
    if (!recorded.has(meta.id)) seen.push({ id: meta.id, firstSeen: at });
  }
  const digest = buildDigest({ channelId: channelId ?? 'dry-run', localDate: localDateAt(at, timeZone), since, seen, articles });
  out(formatDigestPlain(digest, timeZone));
  return 0;
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
