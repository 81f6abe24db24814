/**
 * Feedback and re-reports end to end: the real bot (HTTP mode) over a corpus
 * holding the fixture articles plus two re-publications of the WAIC article
 * (one earlier, one later, each with an outlet's own edits), a real SQLite
 * file, requests signed as Slack signs them (app_mention, block_actions,
 * view_submission) and the Web API stand-in answering views.open.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITS, editedCopy } from '../../bench/edited-copies.ts';
import { feedbackSummary } from '../../src/feedback/feedback-summary.ts';
import {
  FEEDBACK_COMMENT_BLOCK,
  FEEDBACK_COMMENT_INPUT,
  FEEDBACK_HELPFUL,
  FEEDBACK_MODAL,
  FEEDBACK_NOT_HELPFUL,
} from '../../src/slack/render/action-ids.ts';
import { COMMENT_MAX, COMMENT_THANKS, UNKNOWN_ANSWER_TEXT, VOTE_ACK } from '../../src/slack/render/feedback.ts';
import { ALSO_REPORTED_BY } from '../../src/slack/render/also-reported.ts';
import { MAX_BLOCKS } from '../../src/slack/render/limits.ts';
import { blockTextLength } from '../../src/slack/render/blocks.ts';
import { viewSubmissionBody } from '../support/slack-payloads.ts';
import { appMentionEventBody, blockActionBody, postSignedToBolt, slashCommandBody } from '../support/slack-signature.ts';
import type { ApiCall } from '../support/slack-api-stand-in.ts';
import { FIXTURE_CORPUS, TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

const WAIC = '002_ed70b68cc697893b';
const EARLIER_COPY = '950_wire-xinhua';
const LATER_COPY = '951_china-daily';

let t: TestBot;
let corpusDir: string;
let seq = 0;

/** The WAIC article's file re-published: another id, source and date, the text edited as an outlet would. */
function republish(id: string, source: string, date: string, edits: readonly number[]): void {
  const original = fs.readFileSync(path.join(FIXTURE_CORPUS, `${WAIC}.md`), 'utf8');
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(original) ?? [];
  const edited = edits.reduce((text, i, n) => editedCopy(text, EDITS[i]!, n + 11), body);
  const meta = front.replace(/^date: .*$/m, `date: ${date}`).replace(/^source: .*$/m, `source: ${source}`);
  fs.writeFileSync(path.join(corpusDir, `${id}.md`), `---\n${meta}\n---\n${edited}`);
}

beforeAll(async () => {
  corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-e2e-rereports-'));
  for (const file of fs.readdirSync(FIXTURE_CORPUS)) fs.copyFileSync(path.join(FIXTURE_CORPUS, file), path.join(corpusDir, file));
  const ownLines = EDITS.findIndex((e) => e.name.startsWith('own standfirst'));
  const cut = EDITS.findIndex((e) => e.name === 'last paragraph cut');
  republish(EARLIER_COPY, 'Xinhua', '2025-07-29', [ownLines]);
  republish(LATER_COPY, 'China Daily', '2025-07-31', [cut, ownLines]);
  t = await startTestBot({ corpusDir });
});
afterAll(async () => {
  await t?.stop();
  fs.rmSync(corpusDir, { recursive: true, force: true });
});

const allText = (value: unknown): string => JSON.stringify(value);

interface Block {
  type: string;
  elements?: { type: string; action_id?: string; value?: string }[];
}

function buttonValue(blocks: unknown, actionId: string): string {
  for (const block of blocks as Block[]) {
    for (const element of block.elements ?? []) if (element.action_id === actionId && element.value !== undefined) return element.value;
  }
  throw new Error(`no ${actionId} button in ${allText(blocks).slice(0, 300)}`);
}

async function mention(eventId: string, question: string, channel: string): Promise<ApiCall> {
  const { body, contentType } = appMentionEventBody({ eventId, text: `<@UBOT> ${question}`, channel });
  expect((await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType })).status).toBe(200);
  return t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === channel, 15_000);
}

/** Clicks a button in a message in the channel; returns the click's trigger_id and what the bot sent to its response_url. */
async function click(actionId: string, value: string, userId: string): Promise<{ triggerId: string; reply: unknown }> {
  const name = `fb-click-${++seq}`;
  const { body, contentType, payload } = blockActionBody({ actionId, value, responseUrl: t.api.responseUrl(name), userId, channelId: 'CFB' });
  expect((await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType })).status).toBe(200);
  const reply = await t.api.waitForResponse(name, () => true, 15_000);
  return { triggerId: payload.trigger_id, reply: reply.body };
}

describe('feedback on a quick-fact answer', () => {
  let answerId = '';

  it('the answer cites the earliest report of the story, names the others, and carries 👍 / 👎 with only a record id', async () => {
    const post = await mention('Ev-fb-1', 'when was the 2025 World AI Conference held?', 'CFB');
    const text = allText(post.args['blocks']);
    expect(text).toMatch(/July 26 to 28/);
    // Xinhua's copy is the earliest (2025-07-29): it is the one cited, the others are named with their dates.
    expect(text).toContain('Xinhua');
    expect(text).toContain(`${ALSO_REPORTED_BY} source unknown (2025-07-30), China Daily (2025-07-31)`);
    answerId = buttonValue(post.args['blocks'], FEEDBACK_HELPFUL);
    expect(answerId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(buttonValue(post.args['blocks'], FEEDBACK_NOT_HELPFUL)).toBe(answerId);
    const recorded = await t.bot.store.feedback.getAnswer(answerId);
    expect(recorded).toMatchObject({ kind: 'answer', question: 'when was the 2025 World AI Conference held?', articleId: EARLIER_COPY, channelId: 'CFB' });
    expect(recorded?.sentence).toMatch(/July 26 to 28/);
  });

  it('👍 is stored and acknowledged to the voter alone, saying the vote can change', async () => {
    const { reply } = await click(FEEDBACK_HELPFUL, answerId, 'U100');
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(allText(reply)).toContain(VOTE_ACK.up);
    expect(allText(reply)).toContain(VOTE_ACK.changeable);
    expect(allText(reply)).not.toMatch(/<@U|<!/);
    const votes = await t.bot.store.feedback.votesSince(null, 10);
    expect(votes.map((v) => [v.answer.id, v.userId, v.vote])).toEqual([[answerId, 'U100', 'up']]);
  });

  it('👎 replaces it, opens the "what was wrong" form with the click\'s trigger_id, and the text sent is stored with the vote', async () => {
    const { triggerId, reply } = await click(FEEDBACK_NOT_HELPFUL, answerId, 'U100');
    expect(allText(reply)).toContain(VOTE_ACK.down);
    expect(allText(reply)).toContain(VOTE_ACK.changed);
    expect(allText(reply)).toContain(VOTE_ACK.formOpened);
    const open = await t.api.waitForCall('views.open', (c) => c.args['trigger_id'] === triggerId);
    const view = (typeof open.args['view'] === 'string' ? JSON.parse(open.args['view']) : open.args['view']) as {
      callback_id: string;
      private_metadata: string;
      title: { text: string };
      blocks: { element?: { max_length?: number } }[];
    };
    expect(view.callback_id).toBe(FEEDBACK_MODAL);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.find((b) => b.element !== undefined)?.element?.max_length).toBe(COMMENT_MAX);

    const { body, contentType } = viewSubmissionBody({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: { [FEEDBACK_COMMENT_BLOCK]: { [FEEDBACK_COMMENT_INPUT]: 'It should quote the <!channel> official dates & venue' } },
      userId: 'U100',
    });
    const ack = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'update' });
    expect(ack.body).toContain(COMMENT_THANKS);

    const [vote] = await t.bot.store.feedback.votesSince(null, 10);
    expect(vote).toMatchObject({ userId: 'U100', vote: 'down', comment: 'It should quote the <!channel> official dates & venue' });
  });

  it('a second voter counts separately, and the summary reports both', async () => {
    await click(FEEDBACK_HELPFUL, answerId, 'U200');
    const summary = await feedbackSummary(t.bot.store.feedback, null);
    expect(summary).toMatchObject({ votes: 2, helpful: 1, notHelpful: 1, helpfulShare: 0.5 });
    expect(summary.mostMarkedWrong[0]).toMatchObject({ question: 'when was the 2025 World AI Conference held?', down: 1, up: 1 });
  });

  it('a button naming no recorded answer (forged or stale) is refused in words and stores nothing', async () => {
    const { reply } = await click(FEEDBACK_HELPFUL, 'forged-value-not-an-answer-id', 'U300');
    expect(allText(reply)).toContain(UNKNOWN_ANSWER_TEXT);
    expect((await t.bot.store.feedback.votesSince(null, 10)).map((v) => v.userId)).not.toContain('U300');
  });
});

describe('re-reports in search results and digests', () => {
  it('search lists the story once, also reported by the others, and the page carries 👍 / 👎', async () => {
    const name = `fb-search-${++seq}`;
    const { body, contentType } = slashCommandBody({ text: 'search "World AI Conference" cooperation organization', responseUrl: t.api.responseUrl(name), userId: 'U400' });
    await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
    const answer = (await t.api.waitForResponse(name, () => true, 15_000)).body as { blocks: unknown[] };
    const text = allText(answer.blocks);
    expect(text.match(/Guo Jiakun on the 2025 World AI Conference/g)).toHaveLength(1);
    expect(text).toContain(ALSO_REPORTED_BY);
    expect(answer.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(blockTextLength(answer.blocks)).toBeLessThan(11_000);

    const pageId = buttonValue(answer.blocks, FEEDBACK_NOT_HELPFUL);
    expect(await t.bot.store.feedback.getAnswer(pageId)).toMatchObject({ kind: 'search', askedBy: 'U400' });
    const { reply } = await click(FEEDBACK_NOT_HELPFUL, pageId, 'U400');
    expect(allText(reply)).toContain(VOTE_ACK.down);
  });

  it('a digest shows the story once, with the other outlets and their dates', async () => {
    const name = `fb-digest-${++seq}`;
    const { body, contentType } = slashCommandBody({ text: 'digest now', channelId: 'CDIG', responseUrl: t.api.responseUrl(name) });
    await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
    // The command's private answer comes once the digest is posted and recorded in the ledger.
    await t.api.waitForResponse(name, () => true, 15_000);
    const posted = allText(t.api.calls('chat.postMessage').filter((c) => c.args['channel'] === 'CDIG').map((c) => c.args['blocks']));
    expect(posted.match(/Guo Jiakun on the 2025 World AI Conference/g)).toHaveLength(1);
    expect(posted).toContain(`${ALSO_REPORTED_BY} source unknown (2025-07-30), China Daily (2025-07-31)`);
    expect(posted).toContain('Xinhua');
    // The ledger records all three reports as delivered.
    const day = new Date().toISOString().slice(0, 10);
    const record = await t.bot.store.digests.digestFor('CDIG', day);
    expect(record?.articleIds).toEqual(expect.arrayContaining([WAIC, EARLIER_COPY, LATER_COPY]));
  });
});
