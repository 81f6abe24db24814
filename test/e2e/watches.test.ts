/**
 * Watches end to end: the real bot (HTTP mode) over a temp copy of the
 * fixture corpus, `/aigov watch …` sent as signed requests, articles
 * dropped into the corpus directory while it runs, and the alerts read
 * back from the Slack Web API stand-in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { slashCommandBody } from '../support/slack-payloads.ts';
import type { ApiCall } from '../support/slack-api-stand-in.ts';
import { WATCH_RESUME_COMMAND } from '../../src/watch/deliver-alerts.ts';
import { FIXTURE_CORPUS, TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';
import { until, untilValue } from '../support/until.ts';

/** Short, so tests do not wait; long enough that files written together land in one batch. */
const WINDOW_MS = 1_500;
const WAIT_MS = 30_000;

let t: TestBot;
let corpusDir: string;
let seq = 0;
let fileSeq = 0;

beforeAll(async () => {
  corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-watch-'));
  fs.cpSync(FIXTURE_CORPUS, corpusDir, { recursive: true });
  t = await startTestBot({ corpusDir, watchBatchWindowMs: WINDOW_MS });
});
afterAll(async () => {
  await t?.stop();
});

/** `/aigov <text>` typed in `channel`; resolves with the private answer as JSON text. */
async function slash(text: string, channel: string, user = 'U1'): Promise<string> {
  const name = `watch-cmd-${++seq}`;
  const { body, contentType } = slashCommandBody({ text, channelId: channel, userId: user, responseUrl: t.api.responseUrl(name) });
  const ack = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
  expect(ack.status).toBe(200);
  const answer = await t.api.waitForResponse(name, undefined, WAIT_MS);
  expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
  return JSON.stringify(answer.body);
}

async function makeWatch(query: string, channel: string): Promise<number> {
  const answer = await slash(`watch ${query}`, channel);
  const id = /Watch #(\d+) made/.exec(answer)?.[1];
  if (id === undefined) throw new Error(`no watch made: ${answer}`);
  return Number(id);
}

/** Writes an article file as an editor (or the ingest writer) would: front matter, then the text. */
function dropArticle(title: string, body: string, extra = ''): string {
  const id = `960_watch-${++fileSeq}`;
  fs.writeFileSync(path.join(corpusDir, `${id}.md`), `---\ntitle: ${title}\ndate: 2026-11-2${fileSeq % 10}\nsource: Fixture Wire\n${extra}---\n${body}\n`);
  return id;
}

const postsTo = (channel: string) => (call: ApiCall) => call.method === 'chat.postMessage' && call.args.channel === channel;
const text = (call: ApiCall) => JSON.stringify(call.args.blocks);

/** Waits until the article is indexed and seen, then lets any batch close and post. */
async function settle(id: string): Promise<void> {
  await untilValue(() => t.bot.store.articlesSeen.firstSeen(id), WAIT_MS);
  await new Promise((r) => setTimeout(r, 200));
  await t.bot.watches.alerts.flush();
}

describe('watches through the real bot', () => {
  it('posts new matching articles as one batched card, never the corpus as it was, and quotes the sentence escaped', async () => {
    // `capacity` matches fixture articles already in the corpus: those must never be posted.
    const id = await makeWatch('capacity Quokkaville', 'CWATCH1');
    const a = dropArticle('Quokkaville accord on AI capacity', 'Delegates in Quokkaville <!channel> agreed on capacity building for AI audits.');
    const b = dropArticle('Second Quokkaville capacity meeting', 'A second round in Quokkaville discussed capacity for public agencies.');
    dropArticle('Unrelated', 'Nothing about that town here.');
    const post = await t.api.waitForCall('chat.postMessage', postsTo('CWATCH1'), WAIT_MS);
    await settle(b);
    const posts = t.api.calls('chat.postMessage').filter(postsTo('CWATCH1'));
    expect(posts).toHaveLength(1);
    expect(text(post)).toContain(`2 new articles match watch #${id}`);
    expect(text(post)).toContain('Quokkaville accord on AI capacity');
    expect(text(post)).toContain('Second Quokkaville capacity meeting');
    expect(text(post)).toContain('Fixture Wire');
    expect(text(post)).toContain('&lt;!channel&gt;');
    expect(text(post)).not.toContain('<!channel>');
    expect(text(post)).not.toContain('capacity-building workshop'); // a fixture article: it was there before the watch
    expect(await t.bot.store.articlesSeen.firstSeen(a)).not.toBeNull();
  });

  it('threads a batch past a few alerts, and lists the watch with when it last fired', async () => {
    const id = await makeWatch('wombatland', 'CWATCH2');
    const ids = [1, 2, 3, 4, 5].map((n) => dropArticle(`Wombatland report ${n}`, `Report ${n} from Wombatland on AI rules.`));
    const first = await t.api.waitForCall('chat.postMessage', postsTo('CWATCH2'), WAIT_MS);
    for (const id of ids) await settle(id);
    const posts = t.api.calls('chat.postMessage').filter(postsTo('CWATCH2'));
    expect(posts).toHaveLength(2);
    expect(text(first)).toContain('2 more in the thread');
    expect(posts[1]?.args.thread_ts).toBeDefined();
    expect(text(posts[1]!)).toMatch(/Wombatland report/);
    const list = await slash('watch list', 'CWATCH2');
    expect(list).toContain(`#${id}`);
    expect(list).toContain('<@U1>');
    expect(list).toContain('last alert');
  });

  it('alerts by DM when the watch was made in the DM with the bot, and stops after unwatch', async () => {
    const answer = await slash('watch platypusburg', 'DWATCH3');
    expect(answer).toContain('by DM');
    const id = Number(/Watch #(\d+)/.exec(answer)?.[1]);
    dropArticle('Platypusburg summit', 'Leaders met in Platypusburg.');
    await t.api.waitForCall('chat.postMessage', postsTo('DWATCH3'), WAIT_MS);
    expect(await slash(`unwatch ${id}`, 'DWATCH3')).toContain(`Watch #${id}`);
    expect(await slash(`unwatch ${id}`, 'DWATCH3')).toContain('There is no watch');
    const later = dropArticle('Platypusburg again', 'A second Platypusburg meeting.');
    await settle(later);
    expect(t.api.calls('chat.postMessage').filter(postsTo('DWATCH3'))).toHaveLength(1);
  });

  it('pauses the watches of a deleted channel with the reason, and resumes them on request', async () => {
    t.api.stub('chat.postMessage', (call) => (call.args.channel === 'CGONE' ? { ok: false, error: 'channel_not_found' } : undefined));
    try {
      await makeWatch('echidnaton', 'CGONE');
      const id = dropArticle('Echidnaton talks', 'Talks in Echidnaton.');
      await t.api.waitForCall('chat.postMessage', postsTo('CGONE'), WAIT_MS);
      await settle(id);
      const list = await slash('watch list', 'CGONE');
      expect(list).toContain('Paused');
      expect(list).toContain('channel_not_found');
      expect(list).toContain(WATCH_RESUME_COMMAND.replaceAll('`', ''));
      // While paused, nothing is tried.
      const before = t.api.calls('chat.postMessage').filter(postsTo('CGONE')).length;
      await settle(dropArticle('Echidnaton again', 'More Echidnaton.'));
      expect(t.api.calls('chat.postMessage').filter(postsTo('CGONE'))).toHaveLength(before);
    } finally {
      t.api.unstub('chat.postMessage');
    }
    expect(await slash('watch resume', 'CGONE')).toContain('Resumed one watch');
  });

  it('alerts on an article written as the ingest writer writes it (hidden temp file, hard link, temp removed)', async () => {
    await makeWatch('bilbyford', 'CWATCH7');
    const file = '2026-11-25-bilbyford-ai-pact.md';
    const temporary = path.join(corpusDir, `.${file}.a1b2c3.tmp`);
    fs.writeFileSync(temporary, '---\ntitle: Bilbyford AI pact\ndate: 2026-11-25\nsource: Ingest Wire\nurl: https://example.org/bilbyford\n---\nThe Bilbyford pact on AI was signed by six agencies.\n', { flag: 'wx' });
    fs.linkSync(temporary, path.join(corpusDir, file));
    fs.rmSync(temporary);
    const post = await t.api.waitForCall('chat.postMessage', postsTo('CWATCH7'), WAIT_MS);
    expect(text(post)).toContain('Bilbyford AI pact');
    expect(text(post)).toContain('Ingest Wire');
    expect(text(post)).toContain('https://example.org/bilbyford');
  });

  it('refuses a query it cannot read, or one with nothing to look for', async () => {
    expect(await slash('watch after:someday', 'CWATCH5')).toContain("can't read the date");
    expect(await slash('watch the of', 'CWATCH5')).toContain('A watch needs words');
    expect(await slash('unwatch x', 'CWATCH5')).toContain('Give the number');
  });

  it('never alerts twice for an article, across a restart', async () => {
    await makeWatch('koalaby', 'CWATCH6');
    const id = dropArticle('Koalaby forum', 'The Koalaby forum met.');
    await t.api.waitForCall('chat.postMessage', postsTo('CWATCH6'), WAIT_MS);
    await settle(id);
    t = await t.restart();
    // Changed, removed and written again: the same article, seen before, is not new.
    fs.rmSync(path.join(corpusDir, `${id}.md`));
    await until(() => t.bot.corpus.index.get(id) === undefined, WAIT_MS);
    fs.writeFileSync(path.join(corpusDir, `${id}.md`), `---\ntitle: Koalaby forum (updated)\ndate: 2026-11-21\n---\nThe Koalaby forum met again.\n`);
    await until(() => t.bot.corpus.index.get(id)?.title.includes('updated') === true, WAIT_MS);
    const fresh = dropArticle('Koalaby second forum', 'Another Koalaby forum.');
    await t.api.waitForCall('chat.postMessage', (c) => postsTo('CWATCH6')(c) && text(c).includes('Koalaby second forum'), WAIT_MS);
    await settle(fresh);
    const posts = t.api.calls('chat.postMessage').filter(postsTo('CWATCH6'));
    expect(posts.filter((c) => text(c).includes('Koalaby forum'))).toHaveLength(1);
  });
});
