import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Digest, DigestItem } from '../../../src/core/digest/build-digest.ts';
import type { ArticleMeta } from '../../../src/core/types.ts';
import {
  CHANNEL_POST_MAX_ITEMS,
  FIRST_DIGEST_NOTE,
  GROUP_FROM_ITEMS,
  UNDATED_GROUP,
  continuedInThreadNote,
  deferredNote,
  renderDigest,
  renderDigestParts,
  renderNothingNew,
} from '../../../src/slack/render/digest.ts';
import type { SlackMessage } from '../../../src/slack/render/types.ts';
import { allText, article } from './fixtures.ts';
import { textObjects, totalBlockText } from './message-checks.ts';

function item(meta: Partial<ArticleMeta> = {}, keySentence: string | null = 'The General Assembly adopted the resolution by consensus.'): DigestItem {
  return { article: article(meta), keySentence, firstSeen: new Date('2025-11-24T08:00:00Z') };
}

function digest(items: DigestItem[], overrides: Partial<Digest> = {}): Digest {
  return {
    channelId: 'C1',
    localDate: '2025-11-24',
    since: new Date('2025-11-23T08:00:00Z'),
    items,
    deferred: 0,
    isFirst: false,
    coveredUntil: new Date('2025-11-24T08:00:00Z'),
    ...overrides,
  };
}

/** Our link syntax in a digest: `<http(s)://…|label>` with no further `<`, `>` inside. */
const LINK = /<(https?:\/\/[^\s<>|]+)\|[^<>]*>/g;

/** Limits and safety, checked independently of the renderer's own arithmetic. */
function problems(message: SlackMessage): string[] {
  const found: string[] = [];
  if (message.blocks.length < 1 || message.blocks.length > 50) found.push(`${message.blocks.length} blocks`);
  if (message.text.length < 1 || message.text.length > 300) found.push(`fallback of ${message.text.length}`);
  const total = totalBlockText(message.blocks);
  if (total > 11_000) found.push(`${total} characters of block text`);
  for (const t of [...textObjects(message.blocks), { type: 'mrkdwn', text: message.text, verbatim: true }]) {
    if (t.text.length < 1 || t.text.length > 3000) found.push(`text object of ${t.text.length}`);
    if (t.type === 'mrkdwn' && t.verbatim !== true) found.push('mrkdwn without verbatim');
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t.text)) found.push('lone surrogate');
    if (/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/.test(t.text)) found.push('control character');
    const rest = t.text.replace(LINK, '').replace(/^> /gm, '');
    if (/[<>]/.test(rest)) found.push(`unescaped < or > in ${JSON.stringify(rest.slice(0, 120))}`);
    if (/&(?!amp;|lt;|gt;)/.test(rest)) found.push(`unescaped & in ${JSON.stringify(rest.slice(0, 120))}`);
  }
  const json = JSON.stringify(message);
  if (JSON.stringify(JSON.parse(json)) !== json) found.push('JSON does not round-trip');
  return found;
}

describe('renderDigest', () => {
  it('heads the post with the day and the count, and lists each article with title link, source, date and key sentence', () => {
    const [post, ...rest] = renderDigest(digest([item(), item({ id: 'b', title: 'Second story', url: null, source: null, date: null, dateKind: null })]));
    expect(rest).toEqual([]);
    const text = allText(post!);
    expect(text).toContain('Monday 24 November 2025');
    expect(text).toContain('2 new articles');
    expect(text).toContain('<https://news.un.org/en/story/2024/03/1147831|UN adopts first resolution on artificial intelligence>');
    expect(text).toContain('UN News · 2024-03-21');
    expect(text).toContain('> The General Assembly adopted the resolution by consensus.');
    expect(text).toContain('*Second story*');
    expect(text).toContain('source unknown · date unknown');
    expect(post!.text).toContain('2 new articles');
    expect(problems(post!)).toEqual([]);
  });

  it('marks an editorial date and shows the title alone when there is no key sentence', () => {
    const [post] = renderDigest(digest([item({ date: '2024-04-26', dateKind: 'editorial' }, null)]));
    const text = allText(post!);
    expect(text).toContain('2024-04-26 (editorial date)');
    expect(text).not.toMatch(/^> /m);
    expect(text).toContain('1 new article');
  });

  it('says a first digest shows the latest N articles', () => {
    const [post] = renderDigest(digest([item(), item({ id: 'b' }), item({ id: 'c' })], { isFirst: true, since: null }));
    const text = allText(post!);
    expect(text).toContain('the latest 3 articles');
    expect(text).toContain(FIRST_DIGEST_NOTE);
  });

  it('escapes hostile corpus text: no live mention, no forged link', () => {
    const hostile = item(
      { title: '<!channel> & <@U123> <https://evil.example|click>', source: '<!here>', url: 'javascript:alert(1)' },
      'Everyone <!everyone> should read <#C1|general> & this sentence now please.',
    );
    const [post] = renderDigest(digest([hostile]));
    const text = allText(post!);
    expect(text).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U123>|<#C1|<https:\/\/evil/);
    expect(text).toContain('&lt;!channel&gt; &amp;');
    expect(problems(post!)).toEqual([]);
  });

  it('groups a long digest by article month, newest first and undated last, and continues in a thread', () => {
    const months = ['2025-07-02', '2025-05-13', null, '2025-07-30', '2024-09-25'];
    const items = Array.from({ length: 20 }, (_, i) =>
      item({ id: `i${i}`, title: `Story ${i}`, date: months[i % months.length] ?? null, dateKind: months[i % months.length] ? 'stated' : null }),
    );
    const messages = renderDigest(digest(items));
    expect(items.length).toBeGreaterThanOrEqual(GROUP_FROM_ITEMS);
    expect(messages.length).toBeGreaterThan(1);
    const [post, ...replies] = messages;
    const countInPost = (allText(post!).match(/Story \d+/g) ?? []).length;
    expect(countInPost).toBeLessThanOrEqual(CHANNEL_POST_MAX_ITEMS);
    expect(allText(post!)).toContain(continuedInThreadNote(20 - countInPost));
    // Every article appears exactly once across the post and its replies.
    const listed = messages.flatMap((m) => allText(m).match(/Story \d+/g) ?? []);
    expect(listed.sort()).toEqual(items.map((it) => it.article.title).sort());
    const headings = messages.flatMap((m) => (allText(m).match(/^\*(\w+ \d{4}|Date unknown)\*/gm) ?? []).map((h) => h.replace(/\*/g, '')));
    const order = [...new Set(headings)];
    expect(order).toEqual(['July 2025', 'May 2025', 'September 2024', UNDATED_GROUP]);
    for (const reply of replies) expect(problems(reply)).toEqual([]);
  });

  it('tells which articles each message lists, every article in exactly one message', () => {
    const items = Array.from({ length: 60 }, (_, i) => item({ id: `p${i}`, title: `Story ${i}`, date: `2025-0${(i % 5) + 1}-01` }));
    const parts = renderDigestParts(digest(items));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.message)).toEqual(renderDigest(digest(items)));
    expect(parts.flatMap((p) => p.articleIds).sort()).toEqual(items.map((it) => it.article.id).sort());
    for (const part of parts) {
      const shown = (allText(part.message).match(/Story \d+/g) ?? []).map((title) => `p${title.slice('Story '.length)}`);
      expect(shown).toEqual(part.articleIds);
    }
  });

  it('says in the channel post how many new articles follow in the next digest, counting only those listed as new here', () => {
    const items = Array.from({ length: 12 }, (_, i) => item({ id: `d${i}`, title: `Story ${i}` }));
    const [post, ...replies] = renderDigest(digest(items, { deferred: 7 }));
    expect(replies.length).toBeGreaterThan(0);
    expect(allText(post!)).toContain(deferredNote(7));
    expect(deferredNote(7)).toBe('7 more new articles will follow in the next digest.');
    expect(deferredNote(1)).toBe('1 more new article will follow in the next digest.');
    expect(allText(post!)).toContain('12 new articles');
    expect(allText(post!)).not.toMatch(/not listed/);
  });

  it('keeps every message within Slack limits and safe, whatever the items (property)', () => {
    const nasty = fc.constantFrom('<', '>', '&', '*', '_', '`', '\n', '\u0000', '\u202E', '\uD800', '😀', '<!channel>', '<@U1>', '> ', 'x', ' ');
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: nasty, maxLength: 60 }),
      fc.tuple(fc.string({ unit: nasty, minLength: 1, maxLength: 8 }), fc.integer({ min: 100, max: 2000 })).map(([s, n]) => s.repeat(n)),
    );
    const meta = fc.record({
      id: fc.string({ maxLength: 8 }),
      file: fc.constant('x.md'),
      title: text,
      date: fc.option(fc.oneof(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2100-01-01') }).map((d) => d.toISOString().slice(0, 10)), text)),
      dateKind: fc.constantFrom('stated' as const, 'editorial' as const, null),
      source: fc.option(text),
      url: fc.option(fc.oneof(fc.webUrl({ withQueryParameters: true }), text, fc.constant(`https://x.org/${'a&'.repeat(600)}`))),
      tags: fc.constant([] as string[]),
    });
    const items = fc.array(
      fc.record({
        article: meta,
        keySentence: fc.option(text),
        firstSeen: fc.constant(new Date('2025-01-01T00:00:00Z')),
        // A re-reported story: the other outlets, any source and date, named under it.
        alsoReportedBy: fc.option(fc.array(meta, { maxLength: 8 }), { nil: undefined }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(items, fc.nat({ max: 500 }), fc.boolean(), (list, deferred, isFirst) => {
        const messages = renderDigest(digest(list, { deferred, isFirst }));
        expect(messages.length).toBeGreaterThanOrEqual(1);
        for (const message of messages) expect(problems(message)).toEqual([]);
        const sections = messages.flatMap((m) => m.blocks.filter((b) => b.type === 'section'));
        // One section per item, plus the headline and any group headings: nothing is dropped.
        expect(sections.length).toBeGreaterThanOrEqual(list.length + 1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('renderNothingNew', () => {
  it('says since when, in the zone given', () => {
    const message = renderNothingNew(new Date('2025-11-23T08:00:00Z'), 'Europe/Brussels');
    expect(allText(message)).toContain('Nothing new since Sun 23 Nov 2025 09:00 (Europe/Brussels)');
  });

  it('says the corpus is empty when there was never anything', () => {
    expect(allText(renderNothingNew(null))).toMatch(/no articles yet/);
  });
});
