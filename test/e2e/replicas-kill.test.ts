/**
 * Three bot processes (src/main.ts, as `npm start` runs it) on one PostgreSQL
 * database, each with a disk of its own, under traffic; one is killed with
 * SIGKILL while answers it acked are still owed (Slack failing their posts).
 * Nothing is lost: the others take its answers up once its leases run out.
 * Nothing is doubled: every event is answered once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { createDatabase } from '../support/postgres-server.ts';
import { serverError, startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { appMentionEventBody } from '../support/slack-payloads.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { until } from '../support/until.ts';
import { FIXTURE_CORPUS } from './test-bot.ts';

const ENTRY = path.resolve(import.meta.dirname, '../../src/main.ts');
const TSX = import.meta.resolve('tsx');
const TOKEN = 'xoxb-7777-8888-killtesttokensecret';
const SECRET = 'kill-test-signing-secret';
const QUESTION = '<@UBOT> who co-hosted the high-level meeting on AI capacity-building?';
const ANSWER_WORD = 'Zambia';

interface Instance {
  readonly child: ChildProcess;
  readonly base: string;
  readonly exited: Promise<number | null>;
}

let api: SlackApiStandIn;
const instances: Instance[] = [];

async function startInstance(databaseUrl: string): Promise<Instance> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-kill-'));
  const corpusDir = path.join(root, 'corpus');
  fs.cpSync(FIXTURE_CORPUS, corpusDir, { recursive: true });
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', TSX, ENTRY], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.url,
      PORT: String(port),
      DATA_DIR: path.join(root, 'data'),
      CORPUS_DIR: corpusDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200, 60_000);
  return { child, base, exited };
}

async function mention(instance: Instance, eventId: string, channel: string): Promise<number> {
  const { body, contentType } = appMentionEventBody({ eventId, text: QUESTION, channel });
  const reply = await postSignedToBolt(`${instance.base}/slack/events`, { signingSecret: SECRET, body, contentType }).catch(() => null);
  return reply?.status ?? 0;
}

const answersIn = (channel: string) => api.messages(channel).filter((m) => JSON.stringify(m).includes(ANSWER_WORD));

beforeAll(async () => {
  api = await startSlackApiStandIn();
  const databaseUrl = await createDatabase(inject('postgresAdminUrl'));
  instances.push(...(await Promise.all([1, 2, 3].map(() => startInstance(databaseUrl)))));
}, 120_000);

afterAll(async () => {
  for (const instance of instances) instance.child.kill('SIGKILL');
  await Promise.all(instances.map((i) => i.exited));
  await api.close();
});

describe('an instance killed under traffic', () => {
  it('loses no answer it acked and doubles none', { timeout: 180_000 }, async () => {
    // Slack fails every post for now: each answer acked stays owed, held by the instance that took it.
    let failing = true;
    api.stub('chat.postMessage', () => (failing ? serverError(500) : undefined));
    const events = Array.from({ length: 12 }, (_, i) => ({ eventId: `Ev-kill-${i}`, channel: `CKILL${i}` }));
    const statuses = await Promise.all(events.map((e, i) => mention(instances[i % 3] as Instance, e.eventId, e.channel)));
    expect(statuses).toEqual(events.map(() => 200));
    await until(() => api.calls('chat.postMessage').length >= events.length, 30_000);

    const [victim] = instances as [Instance];
    victim.child.kill('SIGKILL');
    await victim.exited;
    failing = false;

    // The survivors post their own at their next attempt, and the victim's once its leases run out.
    await until(() => events.every((e) => answersIn(e.channel).length >= 1), 150_000);
    // Long enough for a second copy to have come, had two instances held one answer.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(events.map((e) => answersIn(e.channel).length)).toEqual(events.map(() => 1));
  });
});
