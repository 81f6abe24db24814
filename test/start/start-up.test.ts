import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { freePort } from '../support/free-port.ts';
import { appMentionEventBody } from '../support/slack-payloads.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';

const ENTRY = path.resolve(import.meta.dirname, '../../src/main.ts');
const CORPUS = path.resolve(import.meta.dirname, '../../corpus');
const TSX = import.meta.resolve('tsx');
const TOKEN = 'xoxb-4444-5555-startuptokensecret';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `src/main.ts` from source (`npm start` runs the same code compiled; test/start covers that
 * path), in an empty directory (so no developer's .env is read).
 */
function startProcess(env: Record<string, string>): { child: ReturnType<typeof spawn>; done: Promise<Run> } {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-start-'));
  const child = spawn(process.execPath, ['--import', TSX, ENTRY], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', DATA_DIR: path.join(cwd, 'data'), CORPUS_DIR: CORPUS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}


let api: SlackApiStandIn;
beforeAll(async () => {
  api = await startSlackApiStandIn();
});
afterAll(async () => {
  await api.close();
});

describe('npm start', () => {
  it('stops with one line naming a missing setting, and exit code 1', async () => {
    const { code, stderr, stdout } = await startProcess({ SLACK_SIGNING_SECRET: 'x' }).done;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['aigov: bad setting: SLACK_BOT_TOKEN: is missing (see .env.example)']);
  });

  it('refuses an empty signing secret in HTTP mode', async () => {
    const { code, stderr } = await startProcess({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: '' }).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/^aigov: bad setting: SLACK_SIGNING_SECRET/);
  });

  it('stops with one line when Slack refuses the token, without printing it', async () => {
    api.stub('auth.test', { ok: false, error: 'invalid_auth' });
    const { code, stderr, stdout } = await startProcess({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: 'x',
      SLACK_API_URL: api.url,
      PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
    }).done;
    api.unstub('auth.test');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['aigov: could not start: Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth)']);
    expect(stdout + stderr).not.toContain('startuptokensecret');
  });

  it('serves /healthz once the corpus is indexed and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const { child, done } = startProcess({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: 'x', SLACK_API_URL: api.url, PORT: String(port) });
    let health: Response | undefined;
    for (let i = 0; i < 200 && health?.status !== 200; i++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (health?.status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(health?.status).toBe(200);
    expect(await health!.json()).toMatchObject({ status: 'ok', documents: 5 });
    child.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening', 'corpus indexed', 'stopping']));
    expect(stdout).not.toContain('startuptokensecret');
  });

  it('on SIGTERM answers the mention it acked, refuses new requests with 503 (or closed), and exits 0', async () => {
    const port = await freePort();
    const secret = 'sigterm-test-secret';
    api.reset();
    // Slack slow to take the answer: it is still in flight when SIGTERM arrives.
    api.stub('chat.postMessage', async () => {
      await new Promise((r) => setTimeout(r, 500));
      return undefined;
    });
    const { child, done } = startProcess({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: api.url, PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    let health: Response | undefined;
    for (let i = 0; i < 200 && health?.status !== 200; i++) {
      health = await fetch(`${base}/healthz`).catch(() => undefined);
      if (health?.status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(health?.status).toBe(200);
    const mention = (eventId: string, channel: string) => {
      const { body, contentType } = appMentionEventBody({ eventId, channel, text: '<@UBOT> who co-hosted the high-level meeting on AI capacity-building?' });
      return postSignedToBolt(`${base}/slack/events`, { signingSecret: secret, body, contentType });
    };
    expect((await mention('Ev-sigterm-1', 'CSIG')).status).toBe(200);
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    // During the stop: 503 while the server drains, or refused once it has closed; never a 200 left unanswered.
    const late = await mention('Ev-sigterm-2', 'CSIG2').catch(() => ({ status: 0 }));
    expect([0, 503]).toContain(late.status);
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(JSON.stringify(api.messages('CSIG'))).toContain('Zambia');
    expect(api.messages('CSIG2')).toHaveLength(0);
    expect(stdout).toContain('work in flight finished');
    api.reset();
  });
});
