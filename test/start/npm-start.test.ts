/**
 * The production path: what `npm start` runs. dist/ is built with `tsc -b
 * tsconfig.build.json`, then node runs dist/main.js with the arguments of
 * package.json's start script (npm-start-command.ts) and serves a copy of
 * part of the repo's corpus, with the Slack Web API stand-in from test/support
 * as Slack and requests signed as Slack signs them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmStartCommand } from '../support/npm-start-command.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { slashCommandBody } from '../support/slack-payloads.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { freePort } from '../support/free-port.ts';


const ROOT = path.resolve(import.meta.dirname, '../..');
/** What `npm start` runs: its environment settings and node's arguments (package.json). */
const START = npmStartCommand(ROOT);
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
/**
 * The lock bench/e2e-phase.ts holds while it builds: the bench smoke test may build dist/ at the same
 * time, and a build rewrites files the bot started here would be reading.
 */
const BUILD_LOCK = path.join(os.tmpdir(), 'aigov-dist-build.lock');
/** Two articles of the repo's corpus; the search below matches the first only. */
const ARTICLES = ['000_f16c5d8a2a331b45.md', '003_38defc6cec0c7f04.md'];
const SEARCH_TERM = 'Busan';
const TOKEN = 'xoxb-6666-7777-npmstarttokensecret';
const SIGNING_SECRET = 'npm-start-signing-secret';
const HEALTHY_WITHIN_MS = 60_000;

const run = promisify(execFile);


/** The front-matter title and the body of a corpus file, read as a person would. */
function readArticle(file: string): { title: string; body: string } {
  const text = fs.readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  const title = /^title: (.+)$/m.exec(match?.[1] ?? '')?.[1];
  if (match === null || title === undefined) throw new Error(`npm-start test: no front matter with a title in ${file}`);
  return { title, body: match[2] ?? '' };
}

let api: SlackApiStandIn;
let child: ChildProcess | undefined;
let baseUrl: string;
let work: string;
let stderr = '';

beforeAll(async () => {
  // What `npm start` runs first; a failing build fails here with tsc's output.
  await run('flock', [BUILD_LOCK, process.execPath, TSC, '-b', 'tsconfig.build.json'], { cwd: ROOT, timeout: 180_000 });

  work = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-npm-start-'));
  const corpusDir = path.join(work, 'corpus');
  fs.mkdirSync(corpusDir);
  for (const name of ARTICLES) fs.copyFileSync(path.join(ROOT, 'corpus', name), path.join(corpusDir, name));
  api = await startSlackApiStandIn();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // Run in an empty directory so that no developer's .env is read.
  child = spawn(process.execPath, START.args, {
    cwd: work,
    env: {
      ...START.env,
      PATH: process.env['PATH'] ?? '',
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      CORPUS_DIR: corpusDir,
      DATA_DIR: path.join(work, 'data'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm-start test: the bot exited with ${child.exitCode}: ${stderr}`);
    const status = await fetch(`${baseUrl}/healthz`).then((res) => res.status, () => null);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`npm-start test: /healthz not 200 within ${HEALTHY_WITHIN_MS} ms: ${stderr}`);
}, 240_000);

afterAll(async () => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child!.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }
  await api?.close();
  if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
}, 30_000);

describe('npm start (compiled, dist/main.js)', () => {
  it('runs the corpus worker without tsx: the build has no worker bootstrap, yet the bot is healthy', async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist/corpus/worker/corpus-worker-thread.js'))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'dist/runtime/worker-bootstrap.mjs'))).toBe(false);
    const res = await fetch(`${baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, documents: ARTICLES.length });
  });

  it('acks a signed /aigov search and answers at its response_url with an excerpt of the matching article', async () => {
    const matching = readArticle(path.join(ROOT, 'corpus', ARTICLES[0]!));
    const other = readArticle(path.join(ROOT, 'corpus', ARTICLES[1]!));
    const sentence = matching.body.split('\n').find((line) => line.includes(SEARCH_TERM));
    // The words just before the term, which an excerpt around it keeps (the term itself is set in bold).
    const before = sentence?.slice(0, sentence.indexOf(SEARCH_TERM)).trim().split(' ').slice(-3).join(' ');
    expect(before, `a sentence with '${SEARCH_TERM}' in ${ARTICLES[0]}`).toBeTruthy();
    expect(other.body).not.toContain(SEARCH_TERM);

    const { body, contentType } = slashCommandBody({ text: `search ${SEARCH_TERM}`, responseUrl: api.responseUrl('search') });
    const ack = await postSignedToBolt(`${baseUrl}/slack/events`, { signingSecret: SIGNING_SECRET, body, contentType });
    expect(ack.status).toBe(200);

    const answer = JSON.stringify((await api.waitForResponse('search', undefined, 20_000)).body);
    expect(answer).toContain(matching.title);
    expect(answer).toContain(before);
    expect(answer).toContain(`*${SEARCH_TERM}*`);
    expect(answer).not.toContain(other.title);
  });

  it('refuses an unsigned request with 401', async () => {
    const { body, contentType } = slashCommandBody({ text: `search ${SEARCH_TERM}`, responseUrl: api.responseUrl('unsigned') });
    const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(res.status).toBe(401);
  });
});
