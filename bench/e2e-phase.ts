/**
 * The real bot, end to end: a child process running what `npm start` runs
 * (node with the start script's arguments, read from package.json, on
 * dist/main.js, built here first with `tsc -b tsconfig.build.json`) over the corpus, the Slack Web API stand-in from
 * test/support in this process, and signed requests over loopback.
 *
 * - what `npm start` adds before the bot starts: the `tsc -b` up-to-date
 *   check with nothing to build;
 * - restart to healthy: process start → first `GET /healthz` 200, cold (no
 *   saved index: read, build, save) and warm (saved index loaded);
 * - `/aigov search`: command sent → its response_url POST arriving at the
 *   stand-in (the answer), and command sent → HTTP response (the ack), one
 *   at a time and with 20 in flight;
 * - @-mention quick facts: event sent → `chat.postMessage` arriving;
 * - the bot's RSS from /proc: right after the last request, after REST_MS
 *   with no request (what a team's bot holds between questions), and peak.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { npmStartCommand } from '../test/support/npm-start-command.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../test/support/slack-api-stand-in.ts';
import { postSignedToBolt } from '../test/support/slack-signature.ts';
import { appMentionEventBody, nextMessageTs, slashCommandBody } from '../test/support/slack-payloads.ts';
import type { QuerySet } from './queries.ts';
import { QUERY_KINDS } from './queries.ts';
import { median, summarise, type Latency } from './stats.ts';
import { freePort } from '../test/support/free-port.ts';


/** This checkout: the bot measured unless a run names another checkout (`--previous`). */
export const ROOT = path.resolve(import.meta.dirname, '..');
const BOT_TOKEN = 'xoxb-bench-0000-benchtoken';
export const SIGNING_SECRET = 'bench-signing-secret';
/** Give up on a start after this long (a cold start at 100k builds for minutes). */
const START_TIMEOUT_MS = 20 * 60_000;
const WARM_RESTARTS = 3;
/** How long the bot is left without requests before its resting RSS is read. */
const REST_MS = 5_000;
/** `tsc -b` as `npm start` runs it, with the checkout's own TypeScript. */
const buildArgs = (root: string): string[] => [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'];
/**
 * Held while building: another process building dist/ at the same time (the npm start test beside the
 * bench smoke test) would rewrite files a started bot is reading. flock(1) drops the lock if we die.
 */
const BUILD_LOCK = path.join(os.tmpdir(), 'aigov-dist-build.lock');

export interface E2eOptions {
  readonly corpusDir: string;
  readonly queries: QuerySet;
  /** Commands sent one at a time, and with 20 in flight (per run). */
  readonly commands: number;
  readonly mentions: number;
  readonly concurrency: number;
  /** The checkout whose bot is started (its dist/, built first, and its package.json's start script); default this one. */
  readonly root?: string;
  /** Skip the 20-in-flight commands and mentions (the table needs only the one-at-a-time figures). */
  readonly oneAtATimeOnly?: boolean;
}

export interface E2eResult {
  /** How many runs these figures summarise (medians, see medianOfRuns). */
  readonly runs: number;
  /** `tsc -b tsconfig.build.json` with nothing to build: what `npm start` adds before the bot starts. */
  readonly buildCheckMs: number;
  readonly coldStartMs: number;
  readonly warmStartMs: number;
  readonly warmStartRunsMs: readonly number[];
  readonly search1: Latency;
  readonly ack1: Latency;
  /** Null with `oneAtATimeOnly`. */
  readonly searchN: Latency | null;
  readonly ackN: Latency | null;
  readonly mention1: Latency;
  readonly mentionN: Latency | null;
  /** RSS right after the one-at-a-time searches (the "RSS after the searches"). */
  readonly rssAfterSearchesMb: number;
  /** RSS right after the last request. */
  readonly rssMb: number;
  /** RSS after REST_MS with no request. */
  readonly restRssMb: number;
  readonly peakRssMb: number;
}


export interface Bot {
  readonly child: ChildProcess;
  readonly port: number;
  readonly startMs: number;
}

/** Builds dist/ as `npm start` does; throws with tsc's output if the build fails. */
/** Builds dist/ as `npm start` does (exported for the ingestion phase). */
export function buildDist(root: string = ROOT): void {
  try {
    execFileSync('flock', [BUILD_LOCK, process.execPath, ...buildArgs(root)], { cwd: root, stdio: 'pipe' });
  } catch (err) {
    // tsc prints its errors on stdout; the message carries the exit status and stderr.
    const stdout = String((err as { stdout?: Buffer }).stdout ?? '').trim();
    throw new Error(`bench: building dist/ failed: ${(err as Error).message.trim()}\n${stdout}`.trim(), { cause: err });
  }
}

/** Times `tsc -b` again, now with nothing to build: the up-to-date check `npm start` runs before every start. */
function timeBuildCheck(root: string): number {
  const started = performance.now();
  execFileSync(process.execPath, buildArgs(root), { cwd: root, stdio: 'pipe' });
  return performance.now() - started;
}

/** Where and how a bot is started: the checkout, and node options put before the start script's (a profiler's). */
export interface StartAs {
  readonly root?: string;
  readonly nodeOptions?: readonly string[];
}

/** Starts the compiled bot as `npm start` does; `extraEnv` adds settings (the ingestion phase's admin and allow list). */
export async function startBot(corpusDir: string, dataDir: string, api: SlackApiStandIn, extraEnv: Record<string, string> = {}, as: StartAs = {}): Promise<Bot> {
  const root = as.root ?? ROOT;
  const start = npmStartCommand(root);
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...(as.nodeOptions ?? []), ...start.args], {
    cwd: root,
    env: {
      ...start.env,
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? os.homedir(),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      CORPUS_DIR: corpusDir,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = started + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bench: the bot exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return { child, port, startMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`bench: the bot was not healthy within ${START_TIMEOUT_MS} ms`);
}

export async function stopBot(bot: Bot): Promise<void> {
  if (bot.child.exitCode !== null) return;
  const exited = new Promise((resolve) => bot.child.once('exit', resolve));
  bot.child.kill('SIGTERM');
  await exited;
}

export function rssOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 'NaN');
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** Runs `count` tasks with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

let sequence = 0;

export async function runCommands(
  api: SlackApiStandIn,
  eventsUrl: string,
  texts: readonly string[],
  count: number,
  concurrency: number,
): Promise<{ answer: number[]; ack: number[] }> {
  const answer: number[] = [];
  const ack: number[] = [];
  await pool(count, concurrency, async (i) => {
    const name = `bench-${++sequence}`;
    const { body, contentType } = slashCommandBody({ text: `search ${texts[i % texts.length]}`, responseUrl: api.responseUrl(name) });
    const started = performance.now();
    const arrived = api.waitForResponse(name, undefined, 60_000).then(() => performance.now());
    const res = await postSignedToBolt(eventsUrl, { signingSecret: SIGNING_SECRET, body, contentType });
    ack.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`bench: command answered ${res.status}`);
    answer.push((await arrived) - started);
  });
  return { answer, ack };
}

export async function runMentions(
  api: SlackApiStandIn,
  eventsUrl: string,
  questions: readonly string[],
  count: number,
  concurrency: number,
): Promise<number[]> {
  const times: number[] = [];
  await pool(count, concurrency, async (i) => {
    const ts = nextMessageTs();
    const { body, contentType } = appMentionEventBody({
      eventId: `EvBench${++sequence}`,
      text: questions[i % questions.length] ?? '<@UBOT> ai?',
      channel: 'C42',
      ts,
    });
    const started = performance.now();
    const posted = api.waitForCall('chat.postMessage', (c) => c.args['thread_ts'] === ts, 60_000).then(() => performance.now());
    const res = await postSignedToBolt(eventsUrl, { signingSecret: SIGNING_SECRET, body, contentType });
    if (res.status !== 200) throw new Error(`bench: event answered ${res.status}`);
    times.push((await posted) - started);
  });
  return times;
}

/** Interleaves the query kinds (exact, prefix, typo, common, rare, pathological) into one mix. */
export function commandMix(queries: QuerySet): string[] {
  const mix: string[] = [];
  const longest = Math.max(...QUERY_KINDS.map((k) => queries.search[k].length));
  for (let i = 0; i < longest; i++) for (const kind of QUERY_KINDS) {
    const q = queries.search[kind][i];
    if (q !== undefined) mix.push(q);
  }
  return mix;
}

export async function runE2e(options: E2eOptions): Promise<E2eResult> {
  const root = options.root ?? ROOT;
  buildDist(root);
  const buildCheckMs = timeBuildCheck(root);
  const api = await startSlackApiStandIn();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-'));
  try {
    const cold = await startBot(options.corpusDir, dataDir, api, {}, { root });
    await stopBot(cold);
    const warmRuns: number[] = [];
    let bot: Bot | null = null;
    for (let i = 0; i < WARM_RESTARTS; i++) {
      if (bot !== null) await stopBot(bot);
      bot = await startBot(options.corpusDir, dataDir, api, {}, { root });
      warmRuns.push(bot.startMs);
    }
    if (bot === null) throw new Error('bench: no bot');
    const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;
    const mix = commandMix(options.queries);

    await runCommands(api, eventsUrl, mix, 20, 1); // warm-up: JIT, auth.test, connections
    const one = await runCommands(api, eventsUrl, mix, options.commands, 1);
    api.reset();
    // What the table reads: RSS once the one-at-a-time searches are done.
    const afterSearches = rssOf(bot.child.pid ?? 0);
    const inFlight = options.oneAtATimeOnly === true;
    const many = inFlight ? null : await runCommands(api, eventsUrl, mix, options.commands, options.concurrency);
    api.reset();
    const mention1 = await runMentions(api, eventsUrl, options.queries.questions, options.mentions, 1);
    api.reset();
    const mentionN = inFlight ? null : await runMentions(api, eventsUrl, options.queries.questions, options.mentions, options.concurrency);
    api.reset();
    const underLoad = rssOf(bot.child.pid ?? 0);
    await new Promise((resolve) => setTimeout(resolve, REST_MS));
    const atRest = rssOf(bot.child.pid ?? 0);
    const memory = { rssAfterSearchesMb: afterSearches.rssMb, rssMb: underLoad.rssMb, restRssMb: atRest.rssMb, peakRssMb: atRest.peakRssMb };
    await stopBot(bot);
    return {
      runs: 1,
      buildCheckMs,
      coldStartMs: cold.startMs,
      warmStartMs: median(warmRuns),
      warmStartRunsMs: warmRuns,
      search1: summarise(one.answer),
      ack1: summarise(one.ack),
      searchN: many === null ? null : summarise(many.answer),
      ackN: many === null ? null : summarise(many.ack),
      mention1: summarise(mention1),
      mentionN: mentionN === null ? null : summarise(mentionN),
      ...memory,
    };
  } finally {
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Several end-to-end runs as one: every figure is the median of the runs'
 * (for latencies, of their p50s, p99s and maxima); the warm restarts of all
 * runs are listed.
 */
export function medianOfRuns(runs: readonly E2eResult[]): E2eResult {
  if (runs.length === 0) throw new Error('bench: no end-to-end run to summarise');
  const of = <T>(pick: (r: E2eResult) => T): T[] => runs.map(pick);
  const latency = <L extends Latency | null>(pick: (r: E2eResult) => L): L => {
    const all = of(pick).filter((l): l is NonNullable<L> => l !== null);
    if (all.length === 0) return null as L;
    return {
      n: all.reduce((sum, l) => sum + l.n, 0),
      p50: median(all.map((l) => l.p50)),
      p99: median(all.map((l) => l.p99)),
      max: median(all.map((l) => l.max)),
    } as L;
  };
  return {
    runs: runs.length,
    buildCheckMs: median(of((r) => r.buildCheckMs)),
    coldStartMs: median(of((r) => r.coldStartMs)),
    warmStartMs: median(of((r) => r.warmStartRunsMs).flat()),
    warmStartRunsMs: of((r) => r.warmStartRunsMs).flat(),
    search1: latency((r) => r.search1),
    ack1: latency((r) => r.ack1),
    searchN: latency((r) => r.searchN),
    ackN: latency((r) => r.ackN),
    mention1: latency((r) => r.mention1),
    mentionN: latency((r) => r.mentionN),
    rssAfterSearchesMb: median(of((r) => r.rssAfterSearchesMb)),
    rssMb: median(of((r) => r.rssMb)),
    restRssMb: median(of((r) => r.restRssMb)),
    peakRssMb: median(of((r) => r.peakRssMb)),
  };
}
