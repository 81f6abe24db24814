/**
 * Adding news end to end: the real bot (HTTP mode) with FETCH_ALLOW_PRIVATE=127.0.0.1,
 * a local news server, signed slash commands and shortcut payloads, the Slack stand-in
 * recording what the bot said, and the corpus directory recording what it wrote.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_TO_CORPUS_CALLBACK_ID } from '../../src/slack/listeners/shortcuts/add-to-corpus.ts';
import { FAILURE_WORDS, NEWS_TEXT } from '../../src/slack/render/news.ts';
import { ARTICLES, startNewsServer, type NewsServer } from '../support/news-server.ts';
import { messageShortcutBody, slashCommandBody } from '../support/slack-payloads.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { FIXTURE_CORPUS, TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../..');
const ADMIN = 'UADMIN';
const HOUR = 3_600_000;

let t: TestBot;
let web: NewsServer;
let corpusDir: string;
let offsetMs = 0;
let seq = 0;
const now = (): Date => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  web = await startNewsServer();
  corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-news-'));
  fs.cpSync(FIXTURE_CORPUS, corpusDir, { recursive: true });
  t = await startTestBot({
    corpusDir,
    now,
    env: { FETCH_ALLOW_PRIVATE: '127.0.0.1', ADMIN_USER_IDS: ADMIN },
    // Polls are driven by tick() below, with the clock moved forward.
    feedTickMs: 3_600_000,
  });
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await web?.close();
});

async function until<T>(probe: () => Promise<T | null | undefined> | T | null | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends `/aigov <text>` and returns the final answer's text (the "working…" note skipped). */
async function command(text: string, userId = 'U1', timeoutMs = 30_000): Promise<string> {
  const name = `news-${++seq}`;
  const { body, contentType } = slashCommandBody({ text, userId, responseUrl: t.api.responseUrl(name) });
  const res = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
  expect(res.status).toBe(200);
  const post = await t.api.waitForResponse(name, (p) => !JSON.stringify(p.body).includes('hourglass_flowing_sand'), timeoutMs);
  return JSON.stringify(post.body);
}

async function searchText(terms: string): Promise<string> {
  return command(`search ${terms}`);
}

function corpusFiles(): string[] {
  return fs.readdirSync(corpusDir).filter((f) => !f.startsWith('.'));
}

function fileMentioning(text: string): string | undefined {
  return corpusFiles().find((f) => fs.readFileSync(path.join(corpusDir, f), 'utf8').includes(text));
}

describe('who may manage feeds', () => {
  it('refuses feeds and removals to a user who is not an admin, and fetches nothing', async () => {
    const before = web.requests.length;
    expect(await command(`feeds add ${web.origin}/rss.xml`)).toContain(NEWS_TEXT.adminsOnly);
    expect(await command('feeds list')).toContain(NEWS_TEXT.adminsOnly);
    expect(await command(`remove ${web.origin}/articles/wombat.html`)).toContain(NEWS_TEXT.adminsOnly);
    expect(web.requests.length).toBe(before);
    expect(await t.bot.store.feeds.listFeeds()).toEqual([]);
  });
});

describe('/aigov add', () => {
  it('adds an article with its title, source and date, writes it to the corpus, and makes it searchable', async () => {
    const a = ARTICLES.wombat;
    const answer = await command(`add ${web.origin}/articles/wombat.html`);
    expect(answer).toContain(a.title);
    expect(answer).toContain(a.site);
    expect(answer).toContain(a.date);
    const file = await until(() => fileMentioning(a.title));
    const text = fs.readFileSync(path.join(corpusDir, file), 'utf8');
    expect(text).toMatch(/^---\n/);
    expect(text).toContain(`url: ${web.origin}/articles/wombat.html`);
    expect(text).toContain('date: 2026-11-02');
    await until(async () => ((await searchText('Wombat Accord')).includes(a.title) ? true : null));
  });

  it('says an article is already there, by its URL or through a redirect', async () => {
    const answer = await command(`add ${web.origin}/articles/wombat.html#comments ${web.origin}/go/wombat`);
    expect(answer.split(NEWS_TEXT.duplicate)).toHaveLength(3);
    expect(corpusFiles().filter((f) => fs.readFileSync(path.join(corpusDir, f), 'utf8').includes(ARTICLES.wombat.title))).toHaveLength(1);
  });

  it('says why each link of one command was not taken, and takes the real page among them', async () => {
    const refused = createServer((_req, res) => res.end('should never be reached'));
    let refusedHits = 0;
    refused.on('request', () => (refusedHits += 1));
    await new Promise<void>((resolve) => refused.listen(0, '127.0.0.2', resolve));
    const refusedPort = (refused.address() as { port: number }).port;
    try {
      const answer = await command(
        `add ${web.origin}/missing.html ${web.origin}/picture.png ${web.origin}/huge.html http://127.0.0.2:${refusedPort}/x.html ${web.origin}/aclu.html`,
      );
      expect(answer).toContain(FAILURE_WORDS['not-found']);
      expect(answer).toContain(FAILURE_WORDS['not-html']);
      expect(answer).toContain(FAILURE_WORDS['too-large']);
      expect(answer).toContain(FAILURE_WORDS['not-allowed']);
      expect(answer).toContain('Facebook Is Tracking Me');
      expect(answer).toContain('American Civil Liberties Union');
      expect(answer).toContain('2018-04-05');
      expect(refusedHits).toBe(0);
    } finally {
      refused.close();
    }
  }, 60_000);

  it('gives up on a page that does not answer in time', async () => {
    expect(await command(`add ${web.origin}/slow.html`, 'U1', 60_000)).toContain(FAILURE_WORDS['timed-out']);
  }, 90_000);

  it('answers a command without a link with how to add one', async () => {
    expect(await command('add <!channel> please')).toContain('I found no http(s) link');
  });
});

describe('feeds', () => {
  it('previews a feed for admins before subscribing, read in the ingestion worker, storing nothing', async () => {
    const before = corpusFiles().length;
    expect(await command(`feeds preview ${web.origin}/rss.xml`)).toContain(NEWS_TEXT.adminsOnly);
    const preview = await command(`feeds preview ${web.origin}/rss.xml`, ADMIN);
    expect(preview).toContain('*Preview* of');
    expect(preview).toContain('Fixture Wire');
    expect(preview).toContain(ARTICLES.pangolin.title);
    expect(preview).toContain(NEWS_TEXT.pageFetched);
    expect(preview).toContain('Nothing was stored');
    // A refused address is said, and nothing is fetched from it.
    expect(await command('feeds preview http://127.0.0.2:9/feed.xml', ADMIN)).toContain(FAILURE_WORDS['not-allowed']);
    expect(await t.bot.store.feeds.listFeeds()).toEqual([]);
    expect(corpusFiles()).toHaveLength(before);
  });

  it('adds RSS, Atom and JSON feeds, takes each story once, and lists them', async () => {
    const rss = await command(`feeds add ${web.origin}/rss.xml`, ADMIN);
    expect(rss).toContain('Feed added');
    expect(rss).toContain('1 new article, 1 already known'); // Wombat came in by hand above
    expect(await command(`feeds add ${web.origin}/atom.xml`, ADMIN)).toContain('1 new article, 1 already known'); // Pangolin came through RSS
    expect(await command(`feeds add ${web.origin}/feed.json`, ADMIN)).toContain('2 new articles');
    for (const slug of ['pangolin', 'narwhal', 'axolotl', 'okapi'] as const) {
      const title = ARTICLES[slug].title;
      expect(corpusFiles().filter((f) => fs.readFileSync(path.join(corpusDir, f), 'utf8').includes(title))).toHaveLength(1);
    }
    const list = await command('feeds list', ADMIN);
    expect(list).toContain('Fixture Wire');
    expect(list).toContain(`${web.origin}/atom.xml`);
    expect(list).toContain('1 article taken');
    expect(list).toContain('2 articles taken');
    expect(list).toContain('next poll:');
  }, 60_000);

  it('polls again when due with the validators it was given, and gets a 304', async () => {
    const before = web.hits('/rss.xml').length;
    offsetMs += 2 * HOUR;
    const reports = await t.bot.news.scheduler.tick();
    expect(reports.find((r) => r.url.endsWith('/rss.xml'))?.status).toBe('not-modified');
    const last = web.hits('/rss.xml')[before];
    expect(last?.headers['if-none-match']).toMatch(/^"/);
  });

  it('tells whoever added a feed once when it fails three polls in a row, and shows the error in the list', async () => {
    web.setFlaky(true);
    expect(await command(`feeds add ${web.origin}/flaky.xml`, ADMIN)).toContain(':x:');
    for (let i = 0; i < 3; i += 1) {
      offsetMs += 4 * 24 * HOUR;
      await t.bot.news.scheduler.tick();
    }
    const dms = () => t.api.calls('chat.postMessage').filter((c) => c.args.channel === ADMIN && String(c.args.text).includes('failed'));
    await until(() => (dms().length > 0 ? true : null));
    expect(dms()).toHaveLength(1);
    expect(String(dms()[0]!.args.text)).toContain('failed 3 polls in a row');
    const list = await command('feeds list', ADMIN);
    expect(list).toContain('last error');
    expect(list).toContain('4 failed polls in a row');
    web.setFlaky(false);
    expect(await command('feeds refresh', ADMIN)).toContain('Feeds polled');
    expect((await t.bot.store.feeds.listFeeds()).find((f) => f.url.endsWith('/flaky.xml'))?.consecutiveFailures).toBe(0);
  }, 60_000);

  it('stops polling a feed that answers 410 Gone, says so, and resumes it on refresh', async () => {
    expect(await command(`feeds add ${web.origin}/gone.xml`, ADMIN)).toContain('stopped');
    await t.api.waitForCall('chat.postMessage', (c) => c.args.channel === ADMIN && String(c.args.text).includes('is gone'));
    offsetMs += 3 * 24 * HOUR;
    await t.bot.news.scheduler.tick();
    expect(web.hits('/gone.xml')).toHaveLength(1);
    expect(await command('feeds list', ADMIN)).toContain('the feed is gone');
    await command('feeds refresh', ADMIN);
    expect(web.hits('/gone.xml')).toHaveLength(2);
  });

  it('removes a feed by its number, keeping its articles', async () => {
    const feeds = await t.bot.store.feeds.listFeeds();
    const position = feeds.findIndex((f) => f.url.endsWith('/gone.xml')) + 1;
    expect(await command(`feeds remove ${position}`, ADMIN)).toContain('Removed the feed');
    expect((await t.bot.store.feeds.listFeeds()).map((f) => f.url)).not.toContain(`${web.origin}/gone.xml`);
  });
});

describe('the Add to aigov shortcut', () => {
  it('adds every link of the message and tells the user privately what happened to each', async () => {
    const { body, contentType } = messageShortcutBody({
      callbackId: ADD_TO_CORPUS_CALLBACK_ID,
      messageText: `Worth reading: <${web.origin}/articles/quetzal.html|the Quetzal story> and <${web.origin}/missing.html>`,
      responseUrl: t.api.responseUrl('shortcut-1'),
    });
    expect((await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType })).status).toBe(200);
    const told = await t.api.waitForCall('chat.postEphemeral', (c) => String(c.args.text).startsWith('Added'), 30_000);
    expect(told.args).toMatchObject({ channel: 'C1', user: 'U1' });
    const blocks = JSON.stringify(told.args.blocks);
    expect(blocks).toContain(ARTICLES.quetzal.title);
    expect(blocks).toContain(FAILURE_WORDS['not-found']);
  });

  it('sends a DM instead when the bot is not in the channel', async () => {
    t.api.stub('chat.postEphemeral', { ok: false, error: 'channel_not_found' });
    try {
      const { body, contentType } = messageShortcutBody({
        callbackId: ADD_TO_CORPUS_CALLBACK_ID,
        messageText: `again <${web.origin}/articles/quetzal.html>`,
        channelId: 'GPRIVATE',
        responseUrl: t.api.responseUrl('shortcut-2'),
      });
      await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
      const dm = await t.api.waitForCall('chat.postMessage', (c) => c.args.channel === 'U1' && String(c.args.text).startsWith('Added'), 30_000);
      expect(JSON.stringify(dm.args.blocks)).toContain(NEWS_TEXT.duplicate);
    } finally {
      t.api.unstub('chat.postEphemeral');
    }
  });
});

describe('removal and restarts', () => {
  it('removes an article for good: its file leaves the corpus and neither a restart, a user nor a feed brings it back', async () => {
    const title = ARTICLES.narwhal.title;
    expect(await command(`remove ${web.origin}/articles/narwhal.html?utm_campaign=x`, ADMIN)).toContain('Removed');
    await until(() => (fileMentioning(title) === undefined ? true : null));
    await until(async () => (!(await searchText('Narwhal Declaration')).includes(title) ? true : null));

    t = await t.restart();
    expect(await command(`add ${web.origin}/articles/narwhal.html`)).toContain(NEWS_TEXT.removedByAdmin);
    expect(await command(`add ${web.origin}/articles/wombat.html`)).toContain(NEWS_TEXT.duplicate);
    await command('feeds refresh', ADMIN);
    expect(fileMentioning(title)).toBeUndefined();
  }, 60_000);
});

describe('the terminal beside the running bot', () => {
  it('adds an article the bot then serves, lists the feeds, and says in its exit code when a link failed', async () => {
    const env = { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: t.dataDir, FETCH_ALLOW_PRIVATE: '127.0.0.1' };
    const cli = (args: string[]) => run('npx', ['tsx', 'src/cli/aigov.ts', ...args], { cwd: REPO, env });
    const added = await cli(['add', `${web.origin}/articles/ibex.html`]);
    expect(added.stdout).toContain(ARTICLES.ibex.title);
    expect(added.stderr).toContain('[1/1]');
    await until(async () => ((await searchText('Ibex Protocol')).includes(ARTICLES.ibex.title) ? true : null));

    const list = await cli(['feeds', 'list']);
    expect(list.stdout).toContain(`${web.origin}/rss.xml`);

    const failed = await cli(['add', `${web.origin}/missing.html`]).then(
      () => null,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failed?.code).toBe(3);
    expect(failed?.stdout).toContain(FAILURE_WORDS['not-found']);
  }, 90_000);
});
