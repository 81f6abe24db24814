/**
 * `npm run bench -- --ingest`: adding news while the bot answers. A local feed
 * server on 127.0.0.1 serves an RSS feed of N items (default 1,000), each
 * linking to its own article page; the compiled bot (as `npm start` runs it,
 * FETCH_ALLOW_PRIVATE=127.0.0.1) is told `/aigov feeds add` by an admin and
 * imports them in its ingestion worker. Meanwhile 20 `/aigov search` commands
 * stay in flight, and a few sampled articles are searched for until found.
 *
 * Measures: articles imported per second (the feed command sent → its answer,
 * over the articles written), ack p50/p99 of the commands during the import,
 * the bot's RSS during (peak of samples) and after (5 s of rest), and the time
 * from a sampled page being fetched (served by the feed server) to a search
 * finding it; and the bot's ack thread in the control and during the import:
 * CPU per command and the share of time it waited for a core (Linux
 * schedstat), steadier than latencies on a shared machine.
 *
 * Fairness: the timed commands are sent and their acks timed in a thread of
 * their own (command-load-worker.ts), not in this one, which serves the feed
 * and its pages during the import: sharing an event loop with that serving
 * put 25-35 ms of the bench's own delay into the acks' p99. The load thread's
 * own delay is still part of every ack it times, so it is reported beside
 * them. The commands' answers go to a receiver that keeps nothing
 * (response-sink.ts), not to the Slack stand-in, which records every post for
 * tests to inspect: thousands of answers kept and scanned at each wait made
 * the bench's own delay part of what was measured. And the bot
 * is warmed up (WARM_UP_COMMANDS, not counted) before the control, so neither
 * measured phase times the JIT compiling the request path.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startCommandLoad } from './command-load.ts';
import { startResponseSink } from './response-sink.ts';
import { lowerThreadPriority } from '../src/runtime/thread-priority.ts';
import { startSlackApiStandIn } from '../test/support/slack-api-stand-in.ts';
import { slashCommandBody } from '../test/support/slack-payloads.ts';
import { postSignedToBolt } from '../test/support/slack-signature.ts';
import { SIGNING_SECRET, buildDist, rssOf, startBot, stopBot } from './e2e-phase.ts';
import { summarise, type Latency } from './stats.ts';

const ADMIN = 'UBENCHADMIN';
/** Sampled articles for fetch → searchable. */
const SAMPLES = 10;
const CONCURRENCY = 20;
/** Commands sent (20 in flight) right after the start, before anything is timed. */
const WARM_UP_COMMANDS = 200;
const REST_MS = 5_000;
/** This thread's niceness while it serves the feed (see runIngestBench). */
const WEB_STAND_IN_NICENESS = 10;

export interface IngestResult {
  readonly items: number;
  readonly articlesWritten: number;
  readonly importMs: number;
  readonly articlesPerSecond: number;
  readonly ack: Latency;
  readonly commandsDuringImport: number;
  /** The same 20-in-flight search load just before the import, on the same bot: the control for {@link ack}. */
  readonly ackBefore: Latency;
  readonly rssDuringPeakMb: number;
  readonly rssAfterMb: number;
  readonly fetchToSearchable: Latency;
  /** The load thread's own event-loop delay p99 (ms) during the control and during the import: included in every ack it times. */
  readonly benchLoopDelayP99Ms: { readonly control: number; readonly import: number };
  /** The machine's 1-minute load average when the bench started (it is shared). */
  readonly loadAverage: number;
  /** The bot's thread that acks, during the control and during the import (see {@link AckThreadUse}). */
  readonly ackThread: { readonly control: AckThreadUse; readonly import: AckThreadUse };
}

/**
 * How the bot's main thread (the one that acks) spent a phase, from the
 * kernel's scheduler statistics: its CPU per command handled, and the share
 * of the phase it was ready to run but waiting for a core. The first is the
 * steady figure for comparing code on a shared machine; the second says how
 * much of the latency was the machine's.
 */
export interface AckThreadUse {
  readonly cpuMsPerCommand: number;
  /** CPU time over the phase's wall time (100 = one core all the time). */
  readonly busyPct: number;
  readonly waitingForCorePct: number;
}

/** CPU time and run-queue wait (ms) of the process's main thread so far: /proc/<pid>/task/<pid>/schedstat (Linux). */
function ackThreadTimes(pid: number): { cpuMs: number; waitMs: number; at: number } {
  const [cpuNs = NaN, waitNs = NaN] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
  return { cpuMs: cpuNs / 1e6, waitMs: waitNs / 1e6, at: performance.now() };
}

function ackThreadUse(from: ReturnType<typeof ackThreadTimes>, to: ReturnType<typeof ackThreadTimes>, commands: number): AckThreadUse {
  const wallMs = to.at - from.at;
  return {
    cpuMsPerCommand: (to.cpuMs - from.cpuMs) / commands,
    busyPct: (100 * (to.cpuMs - from.cpuMs)) / wallMs,
    waitingForCorePct: (100 * (to.waitMs - from.waitMs)) / wallMs,
  };
}

/** A distinctive word per article, so a search finds exactly it. */
const token = (i: number): string => `zqvx${i.toString(36)}wombat`;

function page(i: number): string {
  const sentences = Array.from(
    { length: 6 },
    (_, k) =>
      `<p>Delegates discussed item ${i} on AI governance, the ${token(i)} proposal and capacity building; paragraph ${k} adds that the talks on verification, safety testing and incident reporting continue next month.</p>`,
  ).join('\n');
  return `<!doctype html><html><head><title>Bench article ${i}</title><meta property="og:site_name" content="Bench Wire">
<meta property="article:published_time" content="2026-10-${String((i % 28) + 1).padStart(2, '0')}T08:00:00Z"></head>
<body><article><h1>Bench article ${i}: the ${token(i)} proposal</h1>${sentences}</article></body></html>`;
}

function feed(origin: string, items: number): string {
  const entries = Array.from(
    { length: items },
    (_, i) => `<item><title>Bench article ${i}</title><link>${origin}/a/${i}.html</link><guid>bench-${i}</guid></item>`,
  ).join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench Wire</title><link>${origin}/</link><description>bench</description>${entries}</channel></rss>`;
}

export async function runIngestBench(items: number, log: (line: string) => void): Promise<IngestResult> {
  const loadAverage = os.loadavg()[0] ?? 0;
  buildDist();
  const served = new Map<number, number>();
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(origin, items));
    const match = /^\/a\/(\d+)\.html$/.exec(url.pathname);
    if (match === null) return void res.writeHead(404).end();
    const i = Number(match[1]);
    if (!served.has(i)) served.set(i, performance.now());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(i));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api = await startSlackApiStandIn();
  const sink = await startResponseSink();
  const corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-ingest-corpus-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-ingest-data-'));
  fs.cpSync(path.resolve(import.meta.dirname, '../corpus'), corpusDir, { recursive: true });
  const bot = await startBot(corpusDir, dataDir, api, { FETCH_ALLOW_PRIVATE: '127.0.0.1', ADMIN_USER_IDS: ADMIN });
  const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  let sequence = 0;
  const send = async (text: string, userId = 'UBENCH'): Promise<{ ackMs: number; answer: Promise<string> }> => {
    const name = `ingest-${++sequence}`;
    const { body, contentType } = slashCommandBody({ text, userId, responseUrl: sink.url(name) });
    // The answer, not the "working on it" placeholder a long command posts first.
    const answer = sink.next(name, (posted) => !posted.includes('hourglass_flowing_sand'));
    const started = performance.now();
    const res = await postSignedToBolt(eventsUrl, { signingSecret: SIGNING_SECRET, body, contentType });
    if (res.status !== 200) throw new Error(`bench: command answered ${res.status}`);
    return { ackMs: performance.now() - started, answer };
  };

  const load = await startCommandLoad(eventsUrl, SIGNING_SECRET, CONCURRENCY);
  // This thread stands in for the web (the feed and its pages) and for Slack's response URLs, which in use
  // run on other machines, not on the bot's two cores: lowered once the bot and the load thread have started
  // (they keep the normal priority), it takes the cores when they are free rather than sharing them evenly.
  const standIns = lowerThreadPriority(WEB_STAND_IN_NICENESS);
  log(standIns.lowered ? `feed server thread at niceness ${standIns.niceness}` : `feed server thread not lowered: ${standIns.reason}`);
  try {
    log(`warm-up: ${WARM_UP_COMMANDS} searches, 20 in flight, not timed`);
    await load.run(WARM_UP_COMMANDS / CONCURRENCY);
    log('control: 20 searches in flight, no import');
    const controlStart = ackThreadTimes(bot.child.pid!);
    const control = await load.run(15);
    const before = control.acks;
    const controlThread = ackThreadUse(controlStart, ackThreadTimes(bot.child.pid!), before.length);
    log(`importing a feed of ${items} items`);
    const importStart = ackThreadTimes(bot.child.pid!);
    const started = performance.now();
    const feedAdd = await send(`feeds add ${origin}/feed.xml`, ADMIN);
    const done = feedAdd.answer;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssOf(bot.child.pid!).rssMb), 500);
    const during = load.runUntil(done);
    const sampled = Array.from({ length: SAMPLES }, (_, k) => Math.floor(((k + 0.5) * items) / SAMPLES));
    const searchable = sampled.map(async (i) => {
      for (;;) {
        const fetchedAt = served.get(i);
        if (fetchedAt !== undefined) {
          const { answer } = await send(`search ${token(i)}`);
          if ((await answer).includes(`Bench article ${i}`)) return performance.now() - fetchedAt;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    await done;
    const importThread = ackThreadTimes(bot.child.pid!);
    const importMs = performance.now() - started;
    const { acks, loopDelayP99Ms: importLoopDelay } = await during;
    // Counted with the commands still in flight when the import ended (at most CONCURRENCY of some thousands).
    const commandsAtDone = acks.length;
    const fetchToSearchable = await Promise.all(searchable);
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, REST_MS));
    const articlesWritten = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.md')).length - fs.readdirSync(path.resolve(import.meta.dirname, '../corpus')).length;
    return {
      items,
      articlesWritten,
      importMs,
      articlesPerSecond: articlesWritten / (importMs / 1000),
      ack: summarise(acks),
      ackBefore: summarise(before),
      commandsDuringImport: acks.length,
      rssDuringPeakMb: Math.max(...rss),
      rssAfterMb: rssOf(bot.child.pid!).rssMb,
      fetchToSearchable: summarise(fetchToSearchable),
      benchLoopDelayP99Ms: { control: control.loopDelayP99Ms, import: importLoopDelay },
      loadAverage,
      // Per command timed during the import (the few sampled searches for new articles are counted as work, not as commands).
      ackThread: { control: controlThread, import: ackThreadUse(importStart, importThread, commandsAtDone) },
    };
  } finally {
    await load.close();
    await stopBot(bot);
    await api.close();
    await sink.close();
    server.closeAllConnections();
    server.close();
    fs.rmSync(corpusDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
