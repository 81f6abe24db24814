import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { slashCommandBody } from '../support/slack-payloads.ts';
import { FIXTURE_CORPUS, TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

let t: TestBot;
let corpusDir: string;
let seq = 0;

beforeAll(async () => {
  corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-live-'));
  fs.cpSync(FIXTURE_CORPUS, corpusDir, { recursive: true });
  t = await startTestBot({ corpusDir });
});
afterAll(async () => {
  await t?.stop();
});

async function until<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function search(text: string): Promise<string> {
  const name = `live-${++seq}`;
  const { body, contentType } = slashCommandBody({ text: `search ${text}`, responseUrl: t.api.responseUrl(name) });
  await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
  return JSON.stringify((await t.api.waitForResponse(name)).body);
}

const NEW_ARTICLE = `---
title: Fixture Wire reports the Quokkaville accord on AI audits
date: 2026-11-20
source: Fixture Wire
---
Delegates meeting in Quokkaville agreed a common method for auditing AI systems used by public agencies.
`;

describe('live corpus', () => {
  it('indexes a file added while the bot runs, records when it was first seen, and forgets it when deleted', async () => {
    expect(await search('Quokkaville')).not.toContain('Quokkaville accord');
    const file = path.join(corpusDir, '950_live-added.md');
    // Written in two steps, as an editor or a copy might: the first half alone is broken front matter.
    fs.writeFileSync(file, NEW_ARTICLE.slice(0, 40));
    fs.appendFileSync(file, NEW_ARTICLE.slice(40));

    const firstSeen = await until(() => t.bot.store.articlesSeen.firstSeen('950_live-added'));
    expect(firstSeen.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await search('Quokkaville')).toContain('Quokkaville accord');
    expect((await (await fetch(`${t.baseUrl}/healthz`)).json()) as object).toMatchObject({ documents: 8 });

    fs.rmSync(file);
    await until(async () => (t.bot.corpus.index.get('950_live-added') === undefined ? true : null));
    expect(await search('Quokkaville')).not.toContain('Quokkaville accord');
  });
});
