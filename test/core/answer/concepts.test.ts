import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasGroups } from '../../../src/core/answer/aliases.ts';
import { americanSpelling, conceptsOf, wordKey } from '../../../src/core/answer/concepts.ts';
import { questionQuery, readQuestion } from '../../../src/core/answer/question.ts';
import { CorpusIndex } from '../../../src/core/search/corpus-index.ts';
import { foldWord } from '../../../src/core/text.ts';
import { makeArticle } from '../search/articles.ts';

const keys = (text: string, caseSensitive = true) => conceptsOf(text, { caseSensitive }).map((c) => c.key);
const noDates = () => [];

describe('conceptsOf: one concept for a country’s names, demonyms, codes and capital', () => {
  it.each([
    ['South Korea', 'g:KOR'],
    ['South Korean', 'g:KOR'],
    ['ROK', 'g:KOR'],
    ['Republic of Korea', 'g:KOR'],
    ['Seoul', 'g:KOR'],
    ['China', 'g:CHN'],
    ['Chinese', 'g:CHN'],
    ['PRC', 'g:CHN'],
    ["People's Republic of China", 'g:CHN'],
    ['Japanese', 'g:JPN'],
    ['Tokyo', 'g:JPN'],
    ['U.S.', 'g:USA'],
    ['Americans', 'g:USA'],
    ['United States', 'g:USA'],
    ['UN', 'g:UN'],
    ['United Nations', 'g:UN'],
    ['European Union', 'g:EU'],
    ['EU', 'g:EU'],
    ['artificial intelligence', 'g:AI'],
    ['AI', 'g:AI'],
  ])('%s → %s', (name, key) => {
    expect(keys(name)).toEqual([key]);
  });

  it('reads a compound and a possessive (China-Japan-ROK, South Korea’s)', () => {
    expect(keys('China-Japan-ROK')).toEqual(['g:CHN', 'g:JPN', 'g:KOR']);
    expect(keys("South Korea's minister", false)).toEqual(['g:KOR', `w:${wordKey('minister')}`]);
  });

  it('matches codes only in capitals and capitalised names only capitalised in article text', () => {
    expect(keys('tell us more')).not.toContain('g:USA');
    expect(keys('fine china and a male')).toEqual([`w:${wordKey('fine')}`, `w:${wordKey('china')}`, `w:${wordKey('male')}`]);
    // Questions are typed in lower case: there a name counts however written.
    expect(keys('who met south korea', false)).toContain('g:KOR');
  });

  it('gives inflections and British/American spellings one key', () => {
    expect(wordKey('negotiations')).toBe(wordKey('negotiating'));
    expect(wordKey('organisation')).toBe(wordKey('organization'));
    expect(wordKey('neighbours')).toBe(wordKey('neighbor'));
    expect(wordKey('hosted')).toBe(wordKey('hosts'));
  });

  it('every name of every group reads back as that group (or one sharing the name), whatever its case in a question', () => {
    const groups = aliasGroups();
    // Names whose case does not change their letters (`Kıbrıs` in capitals is `KIBRIS`, another word once folded).
    const pairs = groups
      .flatMap((g) => g.names.map((name) => [g.id, name] as const))
      .filter(([, name]) => foldWord(name.toUpperCase()) === foldWord(name) && foldWord(name.toLowerCase()) === foldWord(name));
    const owners = new Map<string, string[]>();
    for (const [id, name] of pairs) owners.set(wordKeysOf(name), [...(owners.get(wordKeysOf(name)) ?? []), `g:${id}`]);
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.boolean(), ([id, name], upper) => {
        const read = conceptsOf(upper ? name.toUpperCase() : name.toLowerCase(), { caseSensitive: false });
        // Some names hold another group's name (`Guinea-Bissau`); the whole name must read as one group.
        if (read.length === 1) {
          expect(owners.get(wordKeysOf(name)) ?? [`g:${id}`]).toContain(read[0]?.key);
          expect(read[0]?.group).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the text’s words: joining a concept’s words finds them in the text, in order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        let at = 0;
        for (const concept of conceptsOf(text, { caseSensitive: true })) {
          for (const word of concept.words) {
            const found = text.indexOf(word, at);
            expect(found).toBeGreaterThanOrEqual(0);
            at = found + word.length;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

function wordKeysOf(name: string): string {
  return conceptsOf(name, { caseSensitive: false })
    .map((c) => c.key)
    .join(' ');
}

describe('americanSpelling', () => {
  it('leaves short words alone', () => {
    for (const word of ['wise', 'rise', 'four', 'hour']) expect(americanSpelling(word)).toBe(word);
  });
});

describe('query-time expansion finds articles written with another name or form', () => {
  const index = CorpusIndex.build([
    makeArticle({ id: 'zz-rok', body: 'The ROK delegation signed the accord on data flows.' }),
    makeArticle({ id: 'zz-un', body: 'The United Nations adopted a text on negotiating rules.' }),
    makeArticle({ id: 'zz-other', body: 'An unrelated note about fishing quotas.' }),
  ]);
  const rank = (question: string) =>
    index.rankExpanded(questionQuery(readQuestion(question, '2025-01-01', noDates))).articles.map((r) => r.article.id);

  it.each([
    ['what did the South Korean delegation sign?', 'zz-rok'],
    ['what did the Republic of Korea sign?', 'zz-rok'],
    ['what did the UN adopt on negotiations?', 'zz-un'],
  ])('%s → %s', (question, id) => {
    expect(rank(question)[0]).toBe(id);
  });

  it('finds nothing for words no article holds in any form', () => {
    expect(rank('what about penguins?')).toEqual([]);
  });
});
