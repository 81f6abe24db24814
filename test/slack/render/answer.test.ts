import { describe, expect, it } from 'vitest';
import {
  ALSO_SUPPORTED_BY,
  CONTINUING_LABEL,
  MORE_LABEL,
  NOTHING_MORE_TEXT,
  DEFAULT_SEARCH_SUGGESTION,
  NO_ANSWER_TEXT,
  renderAnswer,
  renderNoAnswer,
  suggestedSearch,
  TRY_SEARCH_TEXT,
} from '../../../src/slack/render/answer.ts';
import { LINK_LABEL } from '../../../src/slack/render/article.ts';
import type { SlackMessage } from '../../../src/slack/render/types.ts';
import { allText, answer, article, excerpt } from './fixtures.ts';
import { messageProblems } from './message-checks.ts';

function sectionTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

describe('renderAnswer', () => {
  it('quotes the best sentence above its title, source and date', () => {
    const message = renderAnswer(answer());
    expect(sectionTexts(message)[0]).toBe(
      [
        '> On 21 March 2024 the General Assembly adopted the *resolution* by consensus.',
        '*UN adopts first resolution on artificial intelligence*',
        `UN News · 2024-03-21 · <https://news.un.org/en/story/2024/03/1147831|${LINK_LABEL}>`,
      ].join('\n'),
    );
    expect(messageProblems(message)).toEqual([]);
  });

  it('marks an editorial date and unknown source', () => {
    const message = renderAnswer(
      answer({ best: { article: article({ source: null, date: '2024-04-26', dateKind: 'editorial' }), excerpt: excerpt('A sentence.') } }),
    );
    expect(allText(message)).toContain('source unknown · 2024-04-26 (editorial date)');
  });

  it('adds "Also supported by" with at most two more sentences and their sources', () => {
    const supporting = ['Reuters', 'Xinhua', 'Le Monde'].map((source, i) => ({
      article: article({ id: `s${i}`, title: `Story ${i}`, source, url: null }),
      excerpt: excerpt(`Supporting sentence ${i}.`),
    }));
    const message = renderAnswer(answer({ supporting }));
    const sections = sectionTexts(message);
    expect(sections[1]).toBe(ALSO_SUPPORTED_BY);
    expect(sections.slice(2)).toEqual([
      '> Supporting sentence 0.\n*Story 0*\nReuters · 2024-03-21',
      '> Supporting sentence 1.\n*Story 1*\nXinhua · 2024-03-21',
    ]);
    expect(allText(message)).not.toContain('Le Monde');
  });

  it('has no "Also supported by" without supporting sentences', () => {
    expect(allText(renderAnswer(answer()))).not.toContain(ALSO_SUPPORTED_BY);
  });

  it('echoes the question escaped, and keeps the fallback short and plain', () => {
    const message = renderAnswer(answer({ question: 'what about <!channel> & <@U1>?' }));
    expect(allText(message)).toContain('You asked: what about &lt;!channel&gt; &amp; &lt;@U1&gt;?');
    expect(message.text).toBe('“On 21 March 2024 the General Assembly adopted the resolution by consensus.” (UN News · 2024-03-21)');
    expect(messageProblems(message)).toEqual([]);
  });

  it('cuts a very long sentence and keeps every limit', () => {
    const long = 'word & <x> '.repeat(2000);
    const message = renderAnswer(
      answer({
        best: { article: article({ title: long, source: long }), excerpt: excerpt(long, ['word']) },
        supporting: [{ article: article({ title: long }), excerpt: excerpt(long) }],
      }),
    );
    expect(messageProblems(message)).toEqual([]);
    expect(sectionTexts(message)[0]).toMatch(/^> .*…\n/);
  });
});

describe('renderNoAnswer', () => {
  it('says plainly that nothing answers and offers a search with the question\'s words', () => {
    const message = renderNoAnswer('What did the G7 agree about AI safety in Hiroshima?');
    expect(sectionTexts(message)[0]).toBe(`${NO_ANSWER_TEXT}\n${TRY_SEARCH_TEXT} \`/aigov search G7 agree AI safety Hiroshima\``);
    expect(message.text).toBe(NO_ANSWER_TEXT);
    expect(messageProblems(message)).toEqual([]);
  });

  it('suggests the default search when no word is worth searching for', () => {
    expect(suggestedSearch('what is it?')).toBe(DEFAULT_SEARCH_SUGGESTION);
    expect(allText(renderNoAnswer(''))).toContain(DEFAULT_SEARCH_SUGGESTION);
  });

  it('keeps each word once, drops punctuation and mention syntax, caps the count', () => {
    // "here" is a stop word; "AI", "ai", "Ai" are one term.
    expect(suggestedSearch('<!here> AI ai Ai `code` *bold* one two three four five six')).toBe(
      '/aigov search AI code bold one two three',
    );
  });

  it('stays safe for a hostile question', () => {
    const message = renderNoAnswer(`<!channel> ${'x'.repeat(5000)} \uD800 \u0000 <https://evil|click>`);
    expect(messageProblems(message)).toEqual([]);
  });
});

describe('renderAnswer for a follow-up', () => {
  it('names the earlier question it continued above the quote, escaped as user text', () => {
    const message = renderAnswer(answer(), { continues: { question: 'when was it <!channel> held?', more: false } });
    const first = JSON.stringify(message.blocks[0]);
    expect(first).toContain(CONTINUING_LABEL);
    expect(first).toContain('&lt;!channel&gt;');
    expect(first).not.toContain('<!channel>');
    expect(messageProblems(message)).toEqual([]);
  });

  it('says "more on" for more, and that nothing more answers when none is left', () => {
    expect(JSON.stringify(renderAnswer(answer(), { continues: { question: 'who?', more: true } }).blocks[0])).toContain(MORE_LABEL);
    const none = renderNoAnswer('who co-hosted it?', { continues: { question: 'who co-hosted it?', more: true } });
    expect(allText(none)).toContain(NOTHING_MORE_TEXT);
    expect(allText(none)).not.toContain(NO_ANSWER_TEXT);
    expect(none.text).toContain(NOTHING_MORE_TEXT);
  });
});
