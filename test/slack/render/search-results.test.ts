import { describe, expect, it } from 'vitest';
import { decodeSearchButtonValue, MORE_RESULTS, SHARE_RESULTS } from '../../../src/slack/render/action-ids.ts';
import { LINK_LABEL, UNTITLED } from '../../../src/slack/render/article.ts';
import { MAX_BLOCKS, MESSAGE_BLOCK_TEXT_BUDGET, SECTION_TEXT_MAX } from '../../../src/slack/render/limits.ts';
import {
  BROADER_QUERY_HINT,
  countLine,
  FILTER_HELP,
  leftOutNote,
  MORE_RESULTS_LABEL,
  NO_RESULTS_TEXT,
  QUERY_CAPPED_NOTE,
  QUERY_ERROR_INTRO,
  rankedWithinNote,
  renderNoResults,
  renderQueryError,
  renderSearchResults,
  SHARE_RESULTS_LABEL,
} from '../../../src/slack/render/search-results.ts';
import type { SlackMessage } from '../../../src/slack/render/types.ts';
import { allText, excerpt, hit, page, query } from './fixtures.ts';
import { buttons, messageProblems, textObjects } from './message-checks.ts';

const NOT_SHAREABLE = { shareable: false } as const;

function sectionTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

function buttonNamed(message: SlackMessage, actionId: string) {
  return buttons(message.blocks).find((b) => b.action_id === actionId);
}

describe('renderSearchResults: one hit', () => {
  const message = renderSearchResults(
    page({
      hits: [
        hit(
          {
            excerpts: [
              excerpt('The General Assembly adopted a resolution on artificial intelligence.', ['artificial', 'intelligence']),
              excerpt('It calls for safe, secure and trustworthy AI systems.', ['AI']),
            ],
          },
          { title: 'UN adopts AI resolution', source: 'UN News', date: '2024-03-21', url: 'https://news.un.org/a?b=1&c=2' },
        ),
      ],
      total: 1,
      corpusSize: 7,
    }),
    NOT_SHAREABLE,
  );
  const hitText = sectionTexts(message)[1] ?? '';

  it('keeps within every limit', () => {
    expect(messageProblems(message)).toEqual([]);
  });

  it('shows the title in bold with its number, then source, date and link', () => {
    const [titleLine, metaLine] = hitText.split('\n');
    expect(titleLine).toBe('1. *UN adopts AI resolution*');
    expect(metaLine).toBe(`UN News · 2024-03-21 · <https://news.un.org/a?b=1&amp;c=2|${LINK_LABEL}>`);
  });

  it('quotes the excerpts with matched words in bold', () => {
    const quotes = hitText.split('\n').slice(2);
    expect(quotes).toEqual([
      '> The General Assembly adopted a resolution on *artificial* *intelligence*.',
      '> It calls for safe, secure and trustworthy *AI* systems.',
    ]);
  });

  it('counts the results and the corpus', () => {
    expect(allText(message)).toContain('Article 1 of 1 matching · corpus of 7 articles');
  });

  it('has no buttons when nothing more remains and sharing is off', () => {
    expect(buttons(message.blocks)).toEqual([]);
  });

  it('sends a short escaped fallback naming the query', () => {
    expect(message.text).toBe('Results for “artificial intelligence”: Article 1 of 1 matching · corpus of 7 articles');
  });
});

describe('renderSearchResults: highlighting', () => {
  function quoteOf(segments: { text: string; match: boolean }[]): string {
    const text = segments.map((s) => s.text).join('');
    const message = renderSearchResults(page({ hits: [hit({ excerpts: [{ text, segments }] })] }), NOT_SHAREABLE);
    return (sectionTexts(message)[1] ?? '').split('\n')[2] ?? '';
  }

  it('merges matched runs that touch into one bold run', () => {
    expect(quoteOf([{ text: 'AI', match: true }, { text: '-governance', match: true }, { text: ' rules', match: false }])).toBe(
      '> *AI-governance* rules',
    );
  });

  it('does not bold a match inside a word, where Slack would show the asterisks', () => {
    expect(quoteOf([{ text: 'govern', match: true }, { text: 'ance matters', match: false }])).toBe('> governance matters');
  });

  it('does not bold a match containing a formatting character', () => {
    expect(quoteOf([{ text: 'see ', match: false }, { text: 'snake_case', match: true }, { text: ' names', match: false }])).toBe(
      '> see snake_case names',
    );
  });

  it('shows the text unhighlighted when the segments do not join up to it', () => {
    const message = renderSearchResults(
      page({ hits: [hit({ excerpts: [{ text: 'The real sentence.', segments: [{ text: 'Other', match: true }] }] })] }),
      NOT_SHAREABLE,
    );
    expect((sectionTexts(message)[1] ?? '').split('\n')[2]).toBe('> The real sentence.');
  });

  it('keeps bold intact when a long excerpt is cut inside a matched word', () => {
    const long = `${'filler '.repeat(200)}treaty ${'tail '.repeat(200)}`;
    const message = renderSearchResults(
      page({ hits: [hit({ excerpts: [excerpt(long, ['treaty']), excerpt(long, ['treaty']), excerpt(long, ['filler'])] })] }),
      NOT_SHAREABLE,
    );
    expect(messageProblems(message)).toEqual([]);
    for (const line of (sectionTexts(message)[1] ?? '').split('\n').slice(2)) {
      expect(line.endsWith('…')).toBe(true);
      // Asterisks come in pairs: no bold left open by the cut.
      expect((line.match(/\*/g) ?? []).length % 2).toBe(0);
    }
  });
});

describe('renderSearchResults: metadata words', () => {
  it('says "source unknown" and "date unknown" and links nothing when those are null', () => {
    const message = renderSearchResults(
      page({ hits: [hit({}, { source: null, date: null, dateKind: null, url: null })] }),
      NOT_SHAREABLE,
    );
    const metaLine = (sectionTexts(message)[1] ?? '').split('\n')[1];
    expect(metaLine).toBe('source unknown · date unknown');
  });

  it('marks an editorial date', () => {
    const message = renderSearchResults(
      page({ hits: [hit({}, { date: '2024-04-26', dateKind: 'editorial' })] }),
      NOT_SHAREABLE,
    );
    expect(allText(message)).toContain('2024-04-26 (editorial date)');
  });

  it('links only http(s) URLs', () => {
    for (const url of ['javascript:alert(1)', 'slack://open', 'not a url', 'ftp://x.org/a']) {
      const message = renderSearchResults(page({ hits: [hit({}, { url })] }), NOT_SHAREABLE);
      expect(allText(message)).not.toContain(LINK_LABEL);
      expect(messageProblems(message)).toEqual([]);
    }
  });

  it('keeps a URL from breaking out of its link', () => {
    const message = renderSearchResults(
      page({ hits: [hit({}, { url: 'https://evil.example/a|<!channel>>b c' })] }),
      NOT_SHAREABLE,
    );
    const text = allText(message);
    expect(text).toContain(`<https://evil.example/a%7C%3C!channel%3E%3Eb%20c|${LINK_LABEL}>`);
    expect(messageProblems(message)).toEqual([]);
  });

  it('does not link a URL that would be too long once escaped', () => {
    const message = renderSearchResults(page({ hits: [hit({}, { url: `https://x.org/?${'&'.repeat(900)}` })] }), NOT_SHAREABLE);
    expect(allText(message)).not.toContain(LINK_LABEL);
    expect(messageProblems(message)).toEqual([]);
  });

  it('shows "(untitled)" for an empty title', () => {
    const message = renderSearchResults(page({ hits: [hit({}, { title: ' \n ' })] }), NOT_SHAREABLE);
    expect(allText(message)).toContain(`1. *${UNTITLED}*`);
  });

  it('does not bold a title that contains formatting characters, and keeps its text', () => {
    const message = renderSearchResults(page({ hits: [hit({}, { title: 'The *new* AI_act' })] }), NOT_SHAREABLE);
    expect((sectionTexts(message)[1] ?? '').split('\n')[0]).toBe('1. The *new* AI_act');
  });
});

describe('renderSearchResults: untrusted text', () => {
  it('neutralises mentions and links in titles, sources, excerpts and the query', () => {
    const evil = '<!channel> <!here> <@U123> <https://x|y> & <script>';
    const message = renderSearchResults(
      page({
        query: query(evil),
        hits: [hit({ excerpts: [excerpt(`Quote ${evil}`, ['Quote'])] }, { title: evil, source: evil })],
      }),
      { shareable: true },
    );
    expect(messageProblems(message)).toEqual([]);
    expect(allText(message)).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://x|y&gt; &amp; &lt;script&gt;');
    expect(message.text).not.toMatch(/<[!@#h]/);
  });

  it('keeps a corpus newline from starting a quote or heading line of its own', () => {
    const message = renderSearchResults(
      page({ hits: [hit({ excerpts: [excerpt('line one\n> fake quote\n*fake title*')] }, { title: 'T\n> x' })] }),
      NOT_SHAREABLE,
    );
    const lines = (sectionTexts(message)[1] ?? '').split('\n');
    expect(lines).toEqual([
      '1. *T &gt; x*',
      expect.stringContaining('UN News'),
      '> line one &gt; fake quote *fake title*',
    ]);
  });
});

describe('renderSearchResults: sharing and paging', () => {
  const five = Array.from({ length: 3 }, (_, i) => hit({}, { id: `a${i}`, title: `Article ${i}` }));

  it('offers More results with the raw query and the next offset while more remain', () => {
    const message = renderSearchResults(
      page({ query: query('sanctions after:2024-01-01'), hits: five, offset: 0, total: 5 }),
      NOT_SHAREABLE,
    );
    const more = buttonNamed(message, MORE_RESULTS);
    expect(more?.text.text).toBe(MORE_RESULTS_LABEL);
    expect(decodeSearchButtonValue(more?.value ?? '')).toEqual({ q: 'sanctions after:2024-01-01', o: 3 });
    expect(allText(message)).toContain('Articles 1–3 of 5 matching');
  });

  it('numbers hits from the page offset', () => {
    const message = renderSearchResults(page({ hits: five.slice(0, 2), offset: 3, total: 5 }), NOT_SHAREABLE);
    expect(sectionTexts(message)[1]).toMatch(/^4\. /);
    expect(allText(message)).toContain('Articles 4–5 of 5 matching');
    expect(buttonNamed(message, MORE_RESULTS)).toBeUndefined();
  });

  it('offers Share in channel for the current page when shareable', () => {
    const message = renderSearchResults(page({ hits: five, offset: 6, total: 20 }), { shareable: true });
    const share = buttonNamed(message, SHARE_RESULTS);
    expect(share?.text.text).toBe(SHARE_RESULTS_LABEL);
    expect(decodeSearchButtonValue(share?.value ?? '')).toEqual({ q: 'artificial intelligence', o: 6 });
  });

  it('says who shared, as the only mention', () => {
    const message = renderSearchResults(page(), { shareable: false, sharedBy: 'U0123ABC' });
    expect(allText(message)).toContain('Shared by <@U0123ABC>');
    expect(messageProblems(message, { allowedMention: 'U0123ABC' })).toEqual([]);
  });

  it('refuses a sharedBy that is not a user id', () => {
    for (const sharedBy of ['!channel', 'U1>', 'here', 'u123', 'C0123ABC', 'U0123ABC|x']) {
      expect(() => renderSearchResults(page(), { shareable: false, sharedBy })).toThrow(/sharedBy/);
    }
  });

  it('says when the query was cut to 500 characters', () => {
    const message = renderSearchResults(page({ query: query('x'.repeat(500), { capped: true }) }), NOT_SHAREABLE);
    expect(allText(message)).toContain(QUERY_CAPPED_NOTE);
    expect(QUERY_CAPPED_NOTE).toContain('500');
  });

  it('says when only the newest articles were ranked, and how to reach older ones', () => {
    const message = renderSearchResults(page({ rankedWithin: 10_000 }), NOT_SHAREABLE);
    expect(allText(message)).toContain(rankedWithinNote(10_000));
    expect(rankedWithinNote(10_000)).toContain('10,000 newest');
    expect(rankedWithinNote(10_000)).toContain('before:');
    expect(allText(renderSearchResults(page(), NOT_SHAREABLE))).not.toContain('newest were ranked');
  });

  it('leaves out the More button when the query cannot fit in a button value', () => {
    const message = renderSearchResults(
      page({ query: query('\u0001'.repeat(500)), total: 9 }),
      { shareable: true },
    );
    expect(buttons(message.blocks)).toEqual([]);
    expect(messageProblems(message)).toEqual([]);
  });
});

describe('renderSearchResults: limits', () => {
  const longWords = (n: number) => Array.from({ length: n }, (_, i) => `word${i}&<>`).join(' ');

  it('cuts a huge title, source and excerpts to fit one section', () => {
    const message = renderSearchResults(
      page({
        hits: [
          hit(
            { excerpts: [excerpt(longWords(2000), ['word1&<>']), excerpt(longWords(2000)), excerpt(longWords(2000))] },
            { title: longWords(1000), source: longWords(1000), url: `https://x.org/${'a'.repeat(5000)}` },
          ),
        ],
      }),
      NOT_SHAREABLE,
    );
    expect(messageProblems(message)).toEqual([]);
    const text = sectionTexts(message)[1] ?? '';
    expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(text.split('\n').filter((l) => l.startsWith('> '))).toHaveLength(3);
    expect(text).toContain('…');
  });

  it('shows at most three excerpts per article', () => {
    const excerpts = Array.from({ length: 5 }, (_, i) => excerpt(`Sentence number ${i}.`));
    const message = renderSearchResults(page({ hits: [hit({ excerpts })] }), NOT_SHAREABLE);
    expect((sectionTexts(message)[1] ?? '').split('\n').filter((l) => l.startsWith('> '))).toHaveLength(3);
  });

  it('stops adding hits at the text budget, says how many were left, and pages on from the first left out', () => {
    const big = Array.from({ length: 10 }, (_, i) =>
      hit({ excerpts: [excerpt(longWords(400)), excerpt(longWords(400)), excerpt(longWords(400))] }, { id: `b${i}`, title: `Big ${i}` }),
    );
    const message = renderSearchResults(page({ hits: big, offset: 10, total: 40 }), { shareable: true });
    expect(messageProblems(message)).toEqual([]);
    const shown = sectionTexts(message).length - 1;
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(shown).toBeLessThan(10);
    expect(allText(message)).toContain(leftOutNote(10 - shown, true));
    expect(decodeSearchButtonValue(buttonNamed(message, MORE_RESULTS)?.value ?? '')).toEqual({
      q: 'artificial intelligence',
      o: 10 + shown,
    });
    expect(decodeSearchButtonValue(buttonNamed(message, SHARE_RESULTS)?.value ?? '')?.o).toBe(10);
    const total = textObjects(message.blocks).reduce((n, t) => n + t.text.length, 0);
    expect(total).toBeLessThanOrEqual(MESSAGE_BLOCK_TEXT_BUDGET);
  });

  it('caps the number of blocks when a page has very many small hits', () => {
    const many = Array.from({ length: 120 }, (_, i) => hit({ excerpts: [excerpt('Short.')] }, { id: `m${i}`, title: `M${i}`, url: null }));
    const message = renderSearchResults(page({ hits: many, total: 500 }), { shareable: true, sharedBy: 'W12345' });
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(messageProblems(message, { allowedMention: 'W12345' })).toEqual([]);
    const shown = sectionTexts(message).length - 1;
    expect(allText(message)).toContain(leftOutNote(120 - shown, true));
  });
});

describe('renderNoResults', () => {
  it('says nothing matched, echoes the query and suggests a broader one with an example', () => {
    const message = renderNoResults(page({ query: query('quantum <!here> sanctions source:"Nowhere"'), hits: [], total: 0 }));
    const text = allText(message);
    expect(text).toContain(`${NO_RESULTS_TEXT} “quantum &lt;!here&gt; sanctions source:"Nowhere"”.`);
    expect(text).toContain(BROADER_QUERY_HINT);
    expect(BROADER_QUERY_HINT).toMatch(/fewer words/);
    expect(BROADER_QUERY_HINT).toMatch(/`\/aigov search [^`]+`/);
    expect(messageProblems(message)).toEqual([]);
  });

  it('is what renderSearchResults shows for a page without hits', () => {
    const empty = page({ hits: [], total: 0 });
    expect(renderSearchResults(empty, { shareable: true })).toEqual(renderNoResults(empty));
  });
});

describe('renderQueryError', () => {
  it('explains the bad filter, escaped, and shows how filters are written', () => {
    const message = renderQueryError("bad date '2024-13-45' in after:<!channel>");
    const text = allText(message);
    expect(text).toContain(`${QUERY_ERROR_INTRO} bad date '2024-13-45' in after:&lt;!channel&gt;`);
    expect(text).toContain(FILTER_HELP);
    expect(FILTER_HELP).toContain('after:2024-01-01');
    expect(FILTER_HELP).toContain('source:"Global Times"');
    expect(messageProblems(message)).toEqual([]);
  });

  it('copes with an empty or enormous explanation', () => {
    expect(messageProblems(renderQueryError(''))).toEqual([]);
    expect(messageProblems(renderQueryError('&'.repeat(10_000)))).toEqual([]);
  });
});

describe('leftOutNote', () => {
  it('promises More results only when there is a button', () => {
    expect(leftOutNote(1, true)).toBe('1 more result on this page did not fit in one message; *More results* continues from it.');
    expect(leftOutNote(3, false)).toBe('3 more results on this page did not fit in one message.');
  });
});

describe('countLine', () => {
  it('reads naturally for one article and for a range', () => {
    expect(countLine(1, 3, 5, 7)).toBe('Articles 1–3 of 5 matching · corpus of 7 articles');
    expect(countLine(4, 4, 4, 1)).toBe('Article 4 of 4 matching · corpus of 1 article');
  });
});
