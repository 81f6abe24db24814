/**
 * Follow-ups in a thread, end to end: the real bot (HTTP mode) over the
 * fixture corpus and a real SQLite file, app_mention events signed as Slack
 * signs them, posted into a thread where the bot answered (or never did), and
 * the Web API stand-in receiving the replies. What the bot knows of the
 * thread is what it recorded of its own answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTINUING_LABEL, MORE_LABEL, NOTHING_MORE_TEXT, QUESTION_LABEL } from '../../src/slack/render/answer.ts';
import { appMentionEventBody, postSignedToBolt } from '../support/slack-signature.ts';
import type { ApiCall } from '../support/slack-api-stand-in.ts';
import { TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

let t: TestBot;
let seq = 0;

beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.stop();
});

/** The blocks as one string, bold marks dropped. */
const allText = (value: unknown): string => JSON.stringify(value).replace(/\*/g, '');

/** Sends a signed mention (in `threadTs`'s thread when given); resolves with the bot's reply and the mention's ts. */
async function mention(channel: string, question: string, threadTs?: string): Promise<{ reply: ApiCall; ts: string }> {
  const n = ++seq;
  const ts = `1760000000.${String(n).padStart(6, '0')}`;
  const before = t.api.calls('chat.postMessage').length;
  const { body, contentType } = appMentionEventBody({ eventId: `Ev-fu-${n}`, text: `<@UBOT> ${question}`, channel, ts, ...(threadTs === undefined ? {} : { threadTs }) });
  expect((await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType })).status).toBe(200);
  const reply = await t.api.waitForCall(
    'chat.postMessage',
    (c) => c.args['channel'] === channel && t.api.calls('chat.postMessage').indexOf(c) >= before,
    15_000,
  );
  return { reply, ts };
}

/** The sentence quoted first: the first `> ` line of the reply's sections, bold marks dropped. */
function firstQuote(reply: ApiCall): string {
  const blocks = (typeof reply.args['blocks'] === 'string' ? JSON.parse(reply.args['blocks']) : reply.args['blocks']) as { text?: { text?: string } }[];
  for (const block of blocks) {
    const line = block.text?.text?.split('\n')[0] ?? '';
    if (line.startsWith('> ')) return line.slice(2).replace(/\*/g, '');
  }
  return '';
}

describe('follow-ups in a thread where aigov answered', () => {
  it('reads a question without a subject with the earlier one, says which, and answers from the same article', async () => {
    const first = await mention('CFU1', 'when was the capacity-building meeting at the UN?');
    expect(first.reply.args['thread_ts']).toBe(first.ts);
    expect(allText(first.reply.args['blocks'])).toMatch(/September 25, 2024/);
    expect(allText(first.reply.args['blocks'])).not.toContain(CONTINUING_LABEL);

    const next = await mention('CFU1', 'and who attended?', first.ts);
    const text = allText(next.reply.args['blocks']);
    expect(next.reply.args['thread_ts']).toBe(first.ts);
    expect(text).toContain(`${CONTINUING_LABEL} “when was the capacity-building meeting at the UN?”`);
    // Who attended: Wang Yi, or the leaders listed, from the article on the UN meeting.
    expect(text).toMatch(/Wang Yi attended|Luhut Binsar Pandjaitan/);
    expect(text).toContain(`${QUESTION_LABEL} who attended — the capacity-building meeting at the UN?`);

    const records = await t.bot.store.feedback.answersInThread('CFU1', first.ts, 10);
    expect(records.map((r) => r.question)).toEqual(['who attended — the capacity-building meeting at the UN?', 'when was the capacity-building meeting at the UN?']);
    expect(new Set(records.map((r) => r.articleId)).size).toBe(1);
  });

  it('"more" gives the next best sentence not yet shown, and says when nothing more answers', async () => {
    const first = await mention('CFU2', 'who co-hosted the high-level meeting on AI capacity-building?');
    const shown = [firstQuote(first.reply)];
    expect(shown[0]).toMatch(/co-hosted by China and Zambia/);
    for (let i = 0; i < 6; i++) {
      const more = await mention('CFU2', 'more', first.ts);
      const text = allText(more.reply.args['blocks']);
      expect(text).toContain(`${MORE_LABEL} “who co-hosted the high-level meeting on AI capacity-building?”`);
      if (text.includes(NOTHING_MORE_TEXT)) {
        expect(i, text).toBeGreaterThan(0);
        return;
      }
      const quote = firstQuote(more.reply);
      expect(quote.length).toBeGreaterThan(0);
      expect(shown).not.toContain(quote);
      shown.push(quote);
    }
  });

  it('a question naming its own subject in the same thread is a new question', async () => {
    const first = await mention('CFU3', 'when was the capacity-building meeting at the UN?');
    const next = await mention('CFU3', 'when was the 2025 World AI Conference held?', first.ts);
    const text = allText(next.reply.args['blocks']);
    expect(text).not.toContain(CONTINUING_LABEL);
    expect(text).toMatch(/July 26 to 28/);
  });

  it('in a thread where aigov never answered, a follow-up is read as it is', async () => {
    const next = await mention('CFU4', 'and who attended?', '1759999999.000001');
    const text = allText(next.reply.args['blocks']);
    expect(text).not.toContain(CONTINUING_LABEL);
    expect(text).not.toContain(MORE_LABEL);
    const more = await mention('CFU4', 'more', '1759999999.000002');
    expect(allText(more.reply.args['blocks'])).not.toContain(MORE_LABEL);
  });
});
