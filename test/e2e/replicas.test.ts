/**
 * Three instances of the real bot (HTTP mode), each with a data directory of
 * its own, on one PostgreSQL database (DATABASE_URL), as behind a load
 * balancer: an event that reaches several of them is answered once, and what
 * one instance is told (a watch, a digest subscription) the others know.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { appMentionEventBody, slashCommandBody } from '../support/slack-payloads.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { createDatabase } from '../support/postgres-server.ts';
import { until } from '../support/until.ts';
import { FIXTURE_CORPUS, TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

const QUESTION = '<@UBOT> who co-hosted the high-level meeting on AI capacity-building?';
const ANSWER_WORD = 'Zambia';
const WAIT_MS = 30_000;

/** How soon an article added through one instance must be found through the others. */
const FOLLOW_MS = 10_000;

let api: SlackApiStandIn;
let databaseUrl: string;
let instances: TestBot[] = [];
const corpusDirs: string[] = [];
let seq = 0;

/** A CORPUS_DIR of its own, as a folder shipped with each instance: the fixture corpus, or nothing. */
function ownCorpus(withFixtures: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-replica-corpus-'));
  if (withFixtures) fs.cpSync(FIXTURE_CORPUS, dir, { recursive: true });
  corpusDirs.push(dir);
  return dir;
}

const startInstance = (corpusDir: string): Promise<TestBot> => startTestBot({ api, corpusDir, env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' } });

beforeAll(async () => {
  api = await startSlackApiStandIn();
  databaseUrl = await createDatabase(inject('postgresAdminUrl'));
  // Started together, as a deploy would: one migrates the new database, the others wait for it.
  instances = await Promise.all([1, 2, 3].map(() => startInstance(ownCorpus(true))));
}, 120_000);

afterAll(async () => {
  await Promise.all(instances.map((t) => t.stop()));
  await api.close();
  for (const dir of corpusDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes an article into a CORPUS_DIR, as an editor or the ingestion pipeline would. */
function writeArticle(corpusDir: string, id: string, title: string, body: string): void {
  fs.writeFileSync(path.join(corpusDir, `${id}.md`), `---\ntitle: ${title}\ndate: 2026-11-30\nsource: Replica Wire\n---\n${body}\n`);
}

async function mention(t: TestBot, eventId: string, channel: string, retry = 0): Promise<number> {
  const { body, contentType } = appMentionEventBody({ eventId, text: QUESTION, channel });
  const headers: Record<string, string> = retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {};
  return (await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType, headers })).status;
}

/** `/aigov <text>` through instance `t`; resolves with its private answer as JSON text. */
async function slash(t: TestBot, text: string, channel: string): Promise<string> {
  const name = `replica-cmd-${++seq}`;
  const { body, contentType } = slashCommandBody({ text, channelId: channel, userId: 'U1', responseUrl: api.responseUrl(name) });
  expect((await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType })).status).toBe(200);
  return JSON.stringify((await api.waitForResponse(name, undefined, WAIT_MS)).body);
}

const answersIn = (channel: string) => api.messages(channel).filter((m) => JSON.stringify(m).includes(ANSWER_WORD));

describe('three instances on one PostgreSQL database', () => {
  it('answer an event once, whichever instances receive it and however often', async () => {
    const [a, b, c] = instances as [TestBot, TestBot, TestBot];
    const statuses = await Promise.all([mention(a, 'Ev-replica-1', 'CREP'), mention(b, 'Ev-replica-1', 'CREP', 1), mention(c, 'Ev-replica-1', 'CREP', 2)]);
    expect(statuses).toEqual([200, 200, 200]);
    await until(() => answersIn('CREP').length >= 1, WAIT_MS);
    // Long enough for a second answer to have been posted, had anyone claimed the event twice.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(answersIn('CREP')).toHaveLength(1);
    await until(async () => (await a.bot.store.answers.answerState('Ev-replica-1')) === 'answered', WAIT_MS);
  });

  it('know a watch made through another instance, and a digest subscription', async () => {
    const [a, b, c] = instances as [TestBot, TestBot, TestBot];
    expect(await slash(a, 'watch capacity-building', 'CWATCH')).toMatch(/Watch #\d+ made/);
    expect(await slash(b, 'watch list', 'CWATCH')).toContain('capacity-building');
    expect(await slash(b, 'digest subscribe 09:00 Europe/Brussels', 'CDIG')).toMatch(/09:00/);
    expect(await slash(c, 'digest status', 'CDIG')).toMatch(/09:00/);
  });

  it('index an article added through one instance on every other within seconds, and drop it everywhere when it is removed', async () => {
    const [a, b, c] = instances as [TestBot, TestBot, TestBot];
    const aCorpus = a.config.corpusDir;
    writeArticle(aCorpus, '970_replica-quokka', 'Quokka accord signed in Perth', 'Negotiators signed the quokka accord on AI safety testing in Perth on Monday.');
    const started = Date.now();
    await until(async () => (await slash(b, 'search quokka', 'CSEARCH')).includes('Quokka accord'), FOLLOW_MS);
    await until(async () => (await slash(c, 'search quokka', 'CSEARCH')).includes('Quokka accord'), FOLLOW_MS);
    expect(Date.now() - started).toBeLessThan(FOLLOW_MS);

    // An edit replaces it everywhere; a second copy of the same bytes elsewhere adds nothing.
    writeArticle(aCorpus, '970_replica-quokka', 'Quokka accord ratified in Perth', 'The quokka accord on AI safety testing was ratified in Perth.');
    await until(async () => (await slash(c, 'search quokka', 'CSEARCH')).includes('ratified'), FOLLOW_MS);
    fs.copyFileSync(path.join(aCorpus, '970_replica-quokka.md'), path.join(c.config.corpusDir, '970_replica-quokka.md'));

    // A fresh instance on an empty disk and an empty CORPUS_DIR knows it too.
    const fresh = await startInstance(ownCorpus(false));
    instances.push(fresh);
    expect(await slash(fresh, 'search quokka', 'CSEARCH')).toContain('ratified');
    expect(await slash(fresh, 'search capacity-building', 'CSEARCH')).toMatch(/capacity/i);

    // Its file deleted on both hosts that hold it: gone from every index.
    fs.rmSync(path.join(aCorpus, '970_replica-quokka.md'));
    fs.rmSync(path.join(c.config.corpusDir, '970_replica-quokka.md'));
    await until(async () => !(await slash(b, 'search quokka', 'CSEARCH')).includes('Quokka'), FOLLOW_MS);
    await until(async () => !(await slash(fresh, 'search quokka', 'CSEARCH')).includes('Quokka'), FOLLOW_MS);
  }, 90_000);
});
