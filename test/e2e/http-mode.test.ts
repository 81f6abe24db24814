import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postSignedToBolt, signSlackRequest } from '../support/slack-signature.ts';
import { appMentionEventBody, blockActionBody, slashCommandBody } from '../support/slack-payloads.ts';
import type { ResponseUrlPost } from '../support/slack-api-stand-in.ts';
import { MORE_RESULTS, SHARE_RESULTS } from '../../src/slack/render/action-ids.ts';
import { MESSAGES } from '../../src/slack/messages.ts';
import { DERIVED_DATE_MARK, HAPPENED_LABEL, REPORTED_LABEL } from '../../src/slack/render/event-date-words.ts';
import { TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

let t: TestBot;
let seq = 0;

beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => {
  t.api.reset();
});

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}

function allText(message: unknown): string {
  return JSON.stringify(message);
}

/** What Slack renders to people: everything but button values, which are data sent back to us, never shown. */
function shownText(message: unknown): string {
  return JSON.stringify(message, (key, value: unknown) => (key === 'value' ? undefined : value));
}

function buttons(message: unknown): Button[] {
  const blocks = (message as { blocks?: { type: string; elements?: Button[] }[] }).blocks ?? [];
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

/** Sends `/aigov <text>` signed as Slack signs it; returns the ack and the delayed answer. */
async function slash(text: string): Promise<{ status: number; ackBody: string; answer: ResponseUrlPost }> {
  const name = `cmd-${++seq}`;
  const { body, contentType } = slashCommandBody({ text, responseUrl: t.api.responseUrl(name) });
  const ack = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
  const answer = await t.api.waitForResponse(name);
  return { status: ack.status, ackBody: ack.body, answer };
}

/** Clicks a button in an ephemeral message; returns what the bot posted to the click's response_url once `until` holds. */
async function click(button: Button, until: (post: ResponseUrlPost) => boolean = () => true): Promise<ResponseUrlPost[]> {
  const name = `click-${++seq}`;
  const { body, contentType } = blockActionBody({
    actionId: button.action_id,
    value: button.value,
    responseUrl: t.api.responseUrl(name),
    userId: 'U777',
    container: { is_ephemeral: true },
  });
  const ack = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
  expect(ack.status).toBe(200);
  await t.api.waitForResponse(name, until);
  return t.api.responses(name);
}

describe('GET /healthz', () => {
  it('reports the indexed corpus once ready', async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', ready: true, documents: 7, newestArticleDate: '2025-07-30' });
    expect(typeof body['corpusAgeSeconds']).toBe('number');
  });
});

describe('request signatures', () => {
  const command = () => slashCommandBody({ text: 'search capacity', responseUrl: t.api.responseUrl('unsigned') });

  it('refuses an unsigned request with 401 and runs no handler', async () => {
    const { body, contentType } = command();
    const res = await fetch(t.eventsUrl, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(res.status).toBe(401);
  });

  it('refuses a request signed with another secret', async () => {
    const { body, contentType } = command();
    const res = await postSignedToBolt(t.eventsUrl, { signingSecret: 'not-the-secret', body, contentType });
    expect(res.status).toBe(401);
  });

  it('refuses a body changed after signing', async () => {
    const { body, contentType } = command();
    const signature = signSlackRequest({ signingSecret: TEST_SIGNING_SECRET, body });
    const res = await fetch(t.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signature },
      body: body.replace('capacity', 'sanctions'),
    });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed request older than five minutes', async () => {
    const { body, contentType } = command();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType, timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
  });

  it('reached no handler for any refused request', async () => {
    await new Promise((r) => setTimeout(r, 200));
    expect(t.api.responses('unsigned')).toHaveLength(0);
  });
});

describe('/aigov search', () => {
  it('acks at once with an empty body, then answers privately with quoted, bold-matched excerpts', async () => {
    const { status, ackBody, answer } = await slash('search capacity-building');
    expect(status).toBe(200);
    expect(ackBody).toBe('');
    const message = answer.body as { response_type: string; text: string; blocks: unknown[] };
    expect(message.response_type).toBe('ephemeral');
    const text = allText(message);
    expect(text).toContain('Capacity');
    expect(text).toMatch(/&gt;|>\s/); // quoted excerpts
    expect(text).toMatch(/\*[Cc]apacity/); // matched words in bold
    expect(text).toContain('Global Times'); // 004's source
    expect(text).toContain('2025-05-13');
    expect(text).toContain('editorial'); // 004's date is editorial
    expect(buttons(message).map((b) => b.action_id)).toContain(SHARE_RESULTS);
  });

  it('treats text without a subcommand as a search', async () => {
    const { answer } = await slash('capacity building');
    expect(allText(answer.body)).toMatch(/\*[Cc]apacity/);
  });

  it('pages on with "More results" and shares a page in the channel', async () => {
    const { answer } = await slash('search AI');
    const more = buttons(answer.body).find((b) => b.action_id === MORE_RESULTS);
    expect(more).toBeDefined();
    const [next] = await click(more!);
    const nextBody = next!.body as { replace_original: boolean };
    expect(nextBody.replace_original).toBe(true);
    expect(allText(nextBody)).not.toEqual(allText(answer.body));

    const share = buttons(answer.body).find((b) => b.action_id === SHARE_RESULTS)!;
    const posts = await click(share, (p) => (p.body as { replace_original?: boolean }).replace_original === true);
    const [shared, notice] = posts.map((p) => p.body as Record<string, unknown>);
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(allText(shared)).toContain('<@U777>');
    expect(buttons(shared).map((b) => b.action_id)).not.toContain(SHARE_RESULTS);
    expect(notice).toMatchObject({ replace_original: true, text: MESSAGES.sharedNotice });
  });

  it('answers a forged or stale button value with a clear message', async () => {
    const responses = await click({ action_id: MORE_RESULTS, value: '{"not":"ours"', text: { text: 'More' } });
    expect(responses[0]!.body).toMatchObject({ text: MESSAGES.expiredButton });
  });

  it.each(['', 'help'])('gives usage with examples for "/aigov %s"', async (text) => {
    const { answer } = await slash(text);
    expect(allText(answer.body)).toContain('search capacity-building');
  });

  it('explains an unparseable filter instead of ignoring it', async () => {
    const { answer } = await slash('search sanctions after:yesterday');
    expect(allText(answer.body)).toContain('yesterday');
  });

  it('says so when nothing matches', async () => {
    const { answer } = await slash('search zyxwvut quixotic');
    expect(allText(answer.body).toLowerCase()).toMatch(/no (article|result)|nothing/);
  });

  it('never lets a hostile query or corpus text notify anyone', async () => {
    const { answer } = await slash('search <!channel> <!here> <@U123ABC> & <script>alert(1)</script> Vucic');
    const text = shownText(answer.body);
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123ABC>|<script>|<https:\/\/evil/);
    expect(text).toContain('&lt;'); // the fixture article's markup arrives escaped
  });

  it('answers a query of any length, saying it was cut', async () => {
    const { answer } = await slash(`search ${'capacity '.repeat(2000)}`);
    const text = allText(answer.body);
    expect(text.length).toBeLessThan(40_000);
    expect(text).toMatch(/500 characters/);
  });
});

describe('@aigov mentions', () => {
  async function mention(eventId: string, text: string, headers: Record<string, string> = {}) {
    const { body, contentType } = appMentionEventBody({ eventId, text, channel: 'C42', ts: '1700000000.000100' });
    return postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType, headers });
  }

  it('answers in the thread with the sentence that answers the question', async () => {
    const res = await mention('Ev-when-1', '<@UBOT> when was the 2025 World AI Conference held?');
    expect(res.status).toBe(200);
    const post = await t.api.waitForCall('chat.postMessage');
    expect(post.args).toMatchObject({ channel: 'C42', thread_ts: '1700000000.000100' });
    expect(allText(post.args)).toMatch(/July 26 to 28/);
    expect(post.headers.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
  });

  it('states when a "when" answer happened, above the quote, with the article date labelled beside it', async () => {
    await mention('Ev-when-date-1', '<@UBOT> when did the second AI capacity-building workshop open?');
    const post = await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'C42');
    const blocks = post.args['blocks'] as { type: string; text?: { text: string } }[];
    // The article (dated 13 May 2025 by an editor) says the workshop opened "on Monday".
    expect(blocks[0]?.text?.text).toBe(
      `*${HAPPENED_LABEL} Monday 12 May 2025 ${DERIVED_DATE_MARK} · ${REPORTED_LABEL} 2025-05-13 (editorial date)*`,
    );
    expect(blocks[1]?.text?.text).toMatch(/^> .*opened.*on Monday/);
    expect(String(post.args['text'])).toContain('Monday 12 May 2025');
  });

  it('never answers a retried event twice, even after a restart', async () => {
    await mention('Ev-retry-1', '<@UBOT> where was the 10th China-Japan-ROK Foreign Ministers meeting held?');
    await t.api.waitForCall('chat.postMessage');
    const retry = await mention('Ev-retry-1', '<@UBOT> where was the 10th China-Japan-ROK Foreign Ministers meeting held?', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);

    t = await t.restart();
    const afterRestart = await mention('Ev-retry-1', '<@UBOT> where was the 10th China-Japan-ROK Foreign Ministers meeting held?', {
      'x-slack-retry-num': '2',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(afterRestart.status).toBe(200);
    // A fresh event after the restart is answered: proves the handler was live when the retries were refused.
    await mention('Ev-fresh-1', '<@UBOT> who co-hosted the high-level meeting on AI capacity-building?');
    await t.api.waitForCall('chat.postMessage', (c) => allText(c.args).includes('Zambia'));
    const busan = t.api.calls('chat.postMessage').filter((c) => allText(c.args).includes('Busan'));
    expect(busan).toHaveLength(1);
  });

  it('ignores its own messages', async () => {
    const { body, contentType } = appMentionEventBody({ eventId: 'Ev-self-1', text: '<@UBOT> when was the 2025 World AI Conference held?', user: 'UBOT', channel: 'C99' });
    await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
    // A later mention in the same channel is answered, so the first one had its chance to be.
    await mention('Ev-self-2', '<@UBOT> where was the 2025 World AI Conference held?');
    await t.api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'C42');
    expect(t.api.calls('chat.postMessage').filter((c) => c.args['channel'] === 'C99')).toHaveLength(0);
  });

  it('says plainly when nothing answers, and offers the search command', async () => {
    await mention('Ev-none-1', '<@UBOT> what is the capital of Peru?');
    const post = await t.api.waitForCall('chat.postMessage');
    expect(allText(post.args)).toContain('/aigov search');
  });
});

describe('secrets', () => {
  it('never writes a token or the signing secret to the log', () => {
    const logs = t.logText();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [TEST_BOT_TOKEN, TEST_SIGNING_SECRET, TEST_APP_TOKEN, '2222-testbottokensecret']) {
      expect(logs).not.toContain(secret);
    }
  });
});
