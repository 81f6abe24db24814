/**
 * `npm run bench -- --faults`: injects the faults of issue 11 into the real
 * bot (in this process, on loopback, with the Slack Web API stand-in) and
 * measures what a user sees and how long recovery takes. Prints a Markdown
 * table (the "Fault injection" section of BENCHMARKS.md) and the command.
 *
 * Faults: the corpus worker crashing (test-only fault hook), Slack answering
 * 500 four times, a 429 on one channel, SIGTERM-style stop with requests in
 * flight and arriving, the saved index altered on disk, the database deleted,
 * the database turning read-only. Over the fixture corpus: the figures are
 * about recovery, not corpus size (BENCHMARKS.md has those).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../src/store/sqlite/database-file.ts';
import { INDEX_SNAPSHOT_DIR } from '../src/app/corpus-wiring.ts';
import { SNAPSHOT_FILE } from '../src/corpus/index-snapshot/persisted-index.ts';
import { WorkerCorpus } from '../src/corpus/worker/corpus-worker-client.ts';
import { MESSAGES } from '../src/slack/messages.ts';
import { startTestBot, type TestBot } from '../test/e2e/test-bot.ts';
import { rateLimited, serverError, startSlackApiStandIn } from '../test/support/slack-api-stand-in.ts';
import { appMentionEventBody } from '../test/support/slack-payloads.ts';
import { switchableStore } from '../test/support/switchable-store.ts';
import { postSignedToBolt } from '../test/support/slack-signature.ts';
import { TEST_SIGNING_SECRET } from '../test/e2e/test-bot.ts';
import { fmt } from './stats.ts';

const QUESTION = '<@UBOT> who co-hosted the high-level meeting on AI capacity-building?';
const ANSWER_WORD = 'Zambia';
/** The 429 injected: short, so the run stays short; the rule does not depend on its length. */
const RETRY_AFTER_S = 5;

interface Row {
  readonly fault: string;
  readonly seen: string;
  readonly recovery: string;
}

let seq = 0;
async function mention(t: TestBot, channel: string): Promise<{ status: number; eventId: string }> {
  const eventId = `Ev-fault-${++seq}`;
  const { body, contentType } = appMentionEventBody({ eventId, text: QUESTION, channel });
  const res = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType }).catch(() => ({ status: 0 }));
  return { status: res.status, eventId };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error('bench faults: condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - started;
}

const answered = (t: TestBot, channel: string) => t.api.messages(channel).some((m) => JSON.stringify(m).includes(ANSWER_WORD));
const healthStatus = async (t: TestBot) => (await fetch(`${t.baseUrl}/healthz`).catch(() => null))?.status ?? 0;

async function workerCrash(): Promise<Row> {
  let corpus: WorkerCorpus | null = null;
  const t = await startTestBot({
    env: { LOG_LEVEL: 'warn' },
    corpus: (config) => (corpus = new WorkerCorpus(config.corpusDir, () => new Date(), { snapshotDir: path.join(config.dataDir, INDEX_SNAPSHOT_DIR), faultInjection: true })),
  });
  try {
    const started = performance.now();
    corpus!.injectCrash();
    await until(async () => (await healthStatus(t)) === 503);
    const during = await mention(t, 'CCRASH');
    const told = await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'CCRASH', 30_000);
    await until(async () => (await healthStatus(t)) === 200);
    const ms = performance.now() - started;
    const saw = told.args['text'] === MESSAGES.recovering ? '"restarting after a fault… ask again in a few seconds"' : 'an answer';
    return { fault: 'corpus worker throws (fault hook)', seen: `ack ${during.status}, then ${saw}; /healthz 503 \`recovering\``, recovery: `${fmt(ms)} ms to /healthz 200 (restart + saved index loaded)` };
  } finally {
    await t.stop();
  }
}

async function slack500(): Promise<Row> {
  const t = await startTestBot({ env: { LOG_LEVEL: 'warn' } });
  try {
    t.api.stub('chat.postMessage', [serverError(), serverError(), serverError(), serverError()]);
    const started = performance.now();
    await mention(t, 'C500');
    await until(() => answered(t, 'C500'));
    return { fault: 'Slack answers chat.postMessage 500, four times', seen: 'the answer, once, late', recovery: `${fmt((performance.now() - started) / 1000)} s to the answer (retries after 1, 2, 4, 8 s)` };
  } finally {
    await t.stop();
  }
}

async function rateLimitOneChannel(): Promise<Row> {
  const t = await startTestBot({ env: { LOG_LEVEL: 'warn' } });
  try {
    let limited = false;
    t.api.stub('chat.postMessage', (call) => {
      if (call.args['channel'] !== 'CSLOW' || limited) return undefined;
      limited = true;
      return rateLimited(RETRY_AFTER_S);
    });
    const started = performance.now();
    await mention(t, 'CSLOW');
    await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'CSLOW');
    const otherStarted = performance.now();
    await mention(t, 'CFAST');
    await until(() => answered(t, 'CFAST'));
    const other = performance.now() - otherStarted;
    await until(() => answered(t, 'CSLOW'));
    const slow = performance.now() - started;
    return {
      fault: `429 \`Retry-After: ${RETRY_AFTER_S}\` on one channel`,
      seen: 'that channel answered after the wait; another channel answered at once',
      recovery: `other channel: ${fmt(other)} ms; limited channel: ${fmt(slow / 1000)} s`,
    };
  } finally {
    await t.stop();
  }
}

async function stopUnderTraffic(): Promise<Row> {
  const t = await startTestBot({ env: { LOG_LEVEL: 'warn' } });
  t.api.stub('chat.postMessage', async () => {
    await new Promise((r) => setTimeout(r, 300));
    return undefined;
  });
  const inFlight = 10;
  const acks = await Promise.all(Array.from({ length: inFlight }, (_, i) => mention(t, `CSTOP${i}`)));
  const started = performance.now();
  const stopping = t.bot.stop();
  const late = await Promise.all(Array.from({ length: 5 }, (_, i) => mention(t, `CLATE${i}`)));
  await stopping;
  const ms = performance.now() - started;
  const answeredCount = acks.filter((_, i) => answered(t, `CSTOP${i}`)).length;
  await t.api.close();
  const lateStatuses = [...new Set(late.map((l) => l.status))].join('/');
  return {
    fault: `stop (SIGTERM path) with ${inFlight} mentions acked and in flight, 5 arriving`,
    seen: `${answeredCount}/${acks.filter((a) => a.status === 200).length} acked answered; arriving ones got HTTP ${lateStatuses} (Slack retries them)`,
    recovery: `${fmt(ms)} ms to stopped (drain, save, close)`,
  };
}

async function snapshotAltered(): Promise<Row> {
  const t = await startTestBot({ env: { LOG_LEVEL: 'warn' } });
  await t.stop();
  const file = path.join(t.dataDir, INDEX_SNAPSHOT_DIR, SNAPSHOT_FILE);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('{"tree":'));
  const parsed = JSON.parse(lines[at]!) as { tree: { labels: string[] } };
  parsed.tree.labels[0] = `${parsed.tree.labels[0]}q`;
  lines[at] = JSON.stringify(parsed);
  fs.writeFileSync(file, lines.join('\n'));
  const started = performance.now();
  const again = await startTestBot({ dataDir: t.dataDir, env: { LOG_LEVEL: 'warn' } });
  const ms = performance.now() - started;
  const refused = again.logText().includes('checksum mismatch');
  await again.stop();
  return { fault: 'saved index altered on disk (one term renamed, JSON still valid)', seen: refused ? 'nothing: refused with "checksum mismatch" in the log, index rebuilt' : 'NOT REFUSED', recovery: `${fmt(ms)} ms to ready (rebuild)` };
}

async function databaseDeleted(): Promise<Row> {
  const api = await startSlackApiStandIn();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-faults-'));
  await (await startTestBot({ api, dataDir, env: { LOG_LEVEL: 'warn' } })).stop();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `${DATABASE_FILE}${suffix}`), { force: true });
  const refused = await startTestBot({ api, dataDir, env: { LOG_LEVEL: 'warn' } }).then(
    async (t) => {
      await t.stop();
      return 'STARTED';
    },
    (err: unknown) => (err instanceof Error ? err.message.split(';')[0] : String(err)),
  );
  await api.close();
  return { fault: 'database file deleted from a used DATA_DIR', seen: `start refused: ${refused}`, recovery: 'restore the file, or AIGOV_FRESH_START=1 once' };
}

async function databaseReadOnly(): Promise<Row> {
  const store = switchableStore();
  const t = await startTestBot({ env: { LOG_LEVEL: 'silent' }, openStore: store.openStore });
  try {
    await store.makeReadOnly();
    const started = performance.now();
    await mention(t, 'CRO');
    const told = await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'CRO');
    const ms = performance.now() - started;
    const health = await fetch(`${t.baseUrl}/healthz`);
    return {
      fault: 'database turns read-only under the running bot',
      seen: `${told.args['text'] === MESSAGES.storeUnavailable ? '"the bot\'s database is failing…"' : 'SOMETHING ELSE'} in ${fmt(ms)} ms; /healthz ${health.status} \`store-failing\``,
      recovery: 'until the database is writable again (healthz clears on the next successful write)',
    };
  } finally {
    await t.stop();
    await store.close();
  }
}

/** Runs every fault in turn; returns the Markdown table. */
export async function runFaults(): Promise<string> {
  const rows: Row[] = [];
  for (const scenario of [workerCrash, slack500, rateLimitOneChannel, stopUnderTraffic, snapshotAltered, databaseDeleted, databaseReadOnly]) {
    rows.push(await scenario());
    process.stderr.write(`bench faults: ${rows.at(-1)!.fault}: done\n`);
  }
  const table = ['| fault injected | what the user saw | recovery |', '|---|---|---|', ...rows.map((r) => `| ${r.fault} | ${r.seen} | ${r.recovery} |`)];
  return `${table.join('\n')}\n\nReproduce: npm run bench -- --faults\n`;
}
