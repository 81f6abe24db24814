/**
 * `/aigov timeline` through the real bot: a signed slash command, the answer
 * at the stand-in response_url, and "More events" paging on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MORE_TIMELINE } from '../../src/slack/render/action-ids.ts';
import { MESSAGES } from '../../src/slack/messages.ts';
import { DERIVED_DATE_LABEL } from '../../src/slack/render/timeline.ts';
import { blockActionBody, slashCommandBody } from '../support/slack-payloads.ts';
import type { ResponseUrlPost } from '../support/slack-api-stand-in.ts';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { FIXTURE_CORPUS_DIR } from '../core/search/articles.ts';
import { TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';

let t: TestBot;
let seq = 0;

/** Twelve meetings of a made-up council on twelve days (Wednesdays), each reported the day after; one also reported by a second source. */
function writeCorpus(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-timeline-'));
  fs.cpSync(FIXTURE_CORPUS_DIR, dir, { recursive: true });
  for (let week = 0; week < 12; week++) {
    const meeting = new Date(Date.UTC(2025, 0, 1 + 7 * week));
    const reported = new Date(meeting.getTime() + 86_400_000).toISOString().slice(0, 10);
    fs.writeFileSync(
      path.join(dir, `97${String(week).padStart(2, '0')}_quokka.md`),
      `---\ntitle: Quokka council session ${week + 1}\ndate: ${reported}\nsource: Quokka Wire\n---\nThe Quokka council met on Wednesday for session ${week + 1} on AI audits.\n`,
    );
  }
  fs.writeFileSync(
    path.join(dir, '9800_quokka-second-source.md'),
    `---\ntitle: Quokka council meets\ndate: 2025-01-03\ndate_editorial: true\nsource: Other Wire\n---\nAt its first session the Quokka council met on January 1, 2025 on AI audits.\n`,
  );
  return dir;
}

beforeAll(async () => {
  t = await startTestBot({ corpusDir: writeCorpus() });
});
afterAll(async () => {
  await t?.stop();
});

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}

function buttons(message: unknown): Button[] {
  const blocks = (message as { blocks?: { type: string; elements?: Button[] }[] }).blocks ?? [];
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

/** The bold dates opening each event section, in order. */
function eventDates(message: unknown): string[] {
  const blocks = (message as { blocks: { type: string; text?: { text: string } }[] }).blocks;
  return blocks.flatMap((b) => (b.type === 'section' && b.text !== undefined ? [/^\*([^*]+)\*/.exec(b.text.text)?.[1]] : [])).filter((d): d is string => d !== undefined);
}

async function slash(text: string): Promise<ResponseUrlPost> {
  const name = `cmd-${++seq}`;
  const { body, contentType } = slashCommandBody({ text, responseUrl: t.api.responseUrl(name) });
  const ack = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
  expect([ack.status, ack.body]).toEqual([200, '']);
  return t.api.waitForResponse(name);
}

async function click(button: Button): Promise<ResponseUrlPost> {
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
  return t.api.waitForResponse(name);
}

describe('/aigov timeline', () => {
  it('answers privately with the events in date order, merged across sources, and pages on with More events', async () => {
    const answer = await slash('timeline quokka council');
    const message = answer.body as { response_type: string };
    expect(message.response_type).toBe('ephemeral');
    const first = eventDates(message);
    expect(first).toHaveLength(10);
    expect(first.slice(0, 3)).toEqual(['1 January 2025', '8 January 2025', '15 January 2025']);
    const text = JSON.stringify(message);
    expect(text).toContain('+1 source'); // session 1, reported by two articles
    expect(text).toContain('*on Wednesday*');
    expect(text).toContain('Quokka Wire · 2025-01-09');

    const more = buttons(message).find((b) => b.action_id === MORE_TIMELINE);
    expect(more).toBeDefined();
    const next = await click(more!);
    expect((next.body as { replace_original: boolean }).replace_original).toBe(true);
    expect(eventDates(next.body)).toEqual(['12 March 2025', '19 March 2025']);
    expect(buttons(next.body)).toEqual([]);
  });

  it('applies after: and before: to the event dates', async () => {
    const answer = await slash('timeline quokka after:2025-02-01 before:2025-02-15');
    expect(eventDates(answer.body)).toEqual(['5 February 2025', '12 February 2025']);
  });

  it('labels a date derived from an editorial article date', async () => {
    const answer = await slash('timeline capacity-building source:"Global Times"');
    expect(JSON.stringify(answer.body)).toContain(`*12 May 2025* ${DERIVED_DATE_LABEL}`);
  });

  it('answers a stale More button clearly', async () => {
    const reply = await click({ action_id: MORE_TIMELINE, value: 'not ours', text: { text: 'More events' } });
    expect(reply.body).toMatchObject({ text: MESSAGES.expiredTimelineButton });
  });
});
