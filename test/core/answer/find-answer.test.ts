import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyQuestion, findAnswer, questionTerms } from '../../../src/core/answer/find-answer.ts';
import { CorpusIndex } from '../../../src/core/search/corpus-index.ts';
import { splitSentences } from '../../../src/core/text.ts';
import type { Answer } from '../../../src/core/types.ts';
import { bySeed, makeArticle, seedArticles, seedNumber } from '../search/articles.ts';

const articles = seedArticles();
const index = CorpusIndex.build(articles);

function answer(question: string): Answer {
  const found = findAnswer(index, question);
  if (found === null) throw new Error(`no answer to '${question}'`);
  return found;
}

describe('classifyQuestion', () => {
  it.each([
    ['when was the 2025 World AI Conference held?', 'when'],
    ['What year did the talks start?', 'when'],
    ['On what date was the action plan released?', 'when'],
    ['how many actions does the action plan have?', 'how-many'],
    ['How much did they invest?', 'how-many'],
    ['who co-hosted the high-level meeting on AI capacity-building?', 'who'],
    ['Which countries attended?', 'who'],
    ['where was the 10th China-Japan-ROK Foreign Ministers\' Meeting held?', 'where'],
    ['In which city is the headquarters?', 'where'],
    ['what did Wang Yi say about AI?', 'other'],
    ['tell me about sanctions', 'other'],
  ] as const)('%s → %s', (question, kind) => {
    expect(classifyQuestion(question)).toBe(kind);
  });

  it('goes by the first question phrase', () => {
    expect(classifyQuestion('Who said when the meeting would be held?')).toBe('who');
    expect(classifyQuestion('When did the minister say who would attend?')).toBe('when');
  });
});

describe('questionTerms', () => {
  it('drops question words, stop words and Slack mention markup', () => {
    expect(questionTerms('<@U024BE7LH> how many actions does the action plan have?')).toEqual(['actions', 'action', 'plan']);
    expect(questionTerms('What year was it?')).toEqual([]);
  });
});

describe('findAnswer over the seed articles', () => {
  it('answers "when" with the sentence that dates the conference', () => {
    const found = answer('when was the 2025 World AI Conference held?');
    expect(found.kind).toBe('when');
    expect(seedNumber(found.best.article.id)).toBe('002');
    expect(found.best.excerpt.text).toMatch(/successfully held in Shanghai from July 26 to 28/);
    expect(splitSentences(bySeed(articles, '002').body)).toContain(found.best.excerpt.text);
  });

  it('answers "who" with the sentence naming the co-hosts', () => {
    const found = answer('who co-hosted the high-level meeting on AI capacity-building?');
    expect(found.kind).toBe('who');
    expect(seedNumber(found.best.article.id)).toBe('001');
    expect(found.best.excerpt.text).toMatch(/co-hosted by China and Zambia/);
  });

  // Two seed articles each count the actions of an action plan ("outlines ten actions", "proposes 13 feasible
  // actions"): the question names the plan, and the count of that plan is the answer.
  it('answers "how many" with the sentence that counts the actions of the plan asked about', () => {
    const global = answer('how many actions does the global AI governance action plan propose?');
    expect(global.kind).toBe('how-many');
    expect(seedNumber(global.best.article.id)).toBe('002');
    expect(global.best.excerpt.text).toMatch(/\b13\b.*actions/);
    const capacity = answer('how many actions does the capacity-building action plan outline?');
    expect(seedNumber(capacity.best.article.id)).toBe('001');
    expect(capacity.best.excerpt.text).toMatch(/ten actions/);
  });

  it('answers "where" with the sentence that places the meeting in Busan', () => {
    const found = answer("where was the 10th China-Japan-ROK Foreign Ministers' Meeting held?");
    expect(found.kind).toBe('where');
    expect(seedNumber(found.best.article.id)).toBe('000');
    expect(found.best.excerpt.text).toMatch(/held in Busan/);
  });

  it('quotes the article that has the words asked about, not a typo-distance near miss', () => {
    // 001 has "bilateral meetings" (two edits from "trilateral"); 000 is the trilateral meeting.
    const found = answer('where was the trilateral meeting?');
    expect(seedNumber(found.best.article.id)).toBe('000');
    expect(found.best.excerpt.text).not.toMatch(/bilateral/);
  });

  it('marks the question’s words in the answer and keeps segments whole', () => {
    const found = answer('who co-hosted the high-level meeting on AI capacity-building?');
    const marked = found.best.excerpt.segments.filter((s) => s.match).map((s) => s.text.toLowerCase());
    expect(marked).toContain('co-hosted');
    expect(found.best.excerpt.segments.map((s) => s.text).join('')).toBe(found.best.excerpt.text);
  });

  it('returns null when nothing in the corpus answers', () => {
    expect(findAnswer(index, 'what is the capital of Peru?')).toBeNull();
    expect(findAnswer(index, 'who won the 1998 football world cup in Paris?')).toBeNull();
    expect(findAnswer(index, 'what is it?')).toBeNull();
    expect(findAnswer(index, '')).toBeNull();
  });

  it('supports with sentences from other articles only, at most two', () => {
    for (const question of [
      'how many actions does the action plan have?',
      'how many countries attended?',
      'what is the AI Capacity-Building Action Plan for Good and for All?',
    ]) {
      const found = answer(question);
      expect(found.supporting.length).toBeLessThanOrEqual(2);
      const ids = [found.best.article.id, ...found.supporting.map((s) => s.article.id)];
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('gives no support when only one article is about the question', () => {
    expect(answer('where was the 10th China-Japan-ROK Foreign Ministers\' Meeting held?').supporting).toEqual([]);
  });

  it('quotes support from another article that says the same thing', () => {
    const echo = makeArticle({
      id: 'zz-echo',
      date: '2025-08-02',
      dateKind: 'stated',
      body: 'Officials confirmed that the 2025 World AI Conference was held in Shanghai from July 26 to 28.',
    });
    const withEcho = CorpusIndex.build([...seedArticles(), echo]);
    const found = findAnswer(withEcho, 'when was the 2025 World AI Conference held?');
    const all = [found?.best, ...(found?.supporting ?? [])].map((q) => q?.article.id);
    expect(all).toContain('zz-echo');
    expect(all.filter((id) => id !== undefined && seedNumber(id) === '002')).toHaveLength(1);
  });

  it('caps a huge question (a Slack message may hold 40,000 characters) instead of running out of memory', () => {
    // Uncapped, one 100,000-letter word made fuzzy matching allocate a 10^10-cell table and throw.
    expect(() => findAnswer(index, `when was ${'x'.repeat(100_000)}?`)).not.toThrow();
    expect(answer(`when was the 2025 World AI Conference held? ${'padding '.repeat(5_000)}`).best.excerpt.text).toMatch(/July 26 to 28/);
  });

  it('never throws on any question', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (question) => {
        const found = findAnswer(index, question);
        if (found !== null) {
          expect(found.best.excerpt.segments.map((s) => s.text).join('')).toBe(found.best.excerpt.text);
          expect(found.supporting.length).toBeLessThanOrEqual(2);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('findAnswer on short lines', () => {
  it('does not quote a byline or heading, even when it holds the words', () => {
    const index = CorpusIndex.build([
      makeArticle({
        id: 'zz-byline',
        body: 'Ministry of Robotics\nThe ministry of robotics announced a new testing centre for industrial robots.',
      }),
    ]);
    expect(findAnswer(index, 'what did the ministry of robotics announce?')?.best.excerpt.text).toMatch(/testing centre/);
    expect(findAnswer(index, 'Ministry of Robotics?')?.best.excerpt.text).toMatch(/testing centre/);
  });
});

describe('findAnswer weighs a word by its rarity in the whole corpus', () => {
  // The article on jerky says "jerky" in most of its sentences, so among the candidate sentences the word looks
  // common and "made", in one sentence of each other article, looks rare: the question is about jerky.
  const jerky = makeArticle({
    id: 'jerky',
    title: 'Jerky',
    body: [
      'Jerky is lean trimmed meat that has been cut into strips and dried to prevent spoilage.',
      'Normally, jerky drying includes the addition of salt.',
      'The word jerky derives from a Quechua word.',
      'Jerky is ready to eat without preparation.',
      'Modern jerky is marinated in a spice rub.',
      'Home jerky makers often use sugar.',
    ].join(' '),
  });
  const others = ['The panel made its report on warming.', 'Progress was made on the new road.', 'A decision was made by the council.'].map((body, n) =>
    makeArticle({ id: `other-${n}`, body: `${body} Nothing else is said here at all.` }),
  );
  const corpus = CorpusIndex.build([jerky, ...others]);

  it('quotes the article on the rare word, asked in lower case', () => {
    const found = findAnswer(corpus, 'how is jerky made?');
    expect(found?.best.article.id).toBe('jerky');
    expect(found?.strength).toBe('answer');
  });

  it('counts a word in each article that holds it', () => {
    expect(corpus.documentFrequency('jerky')).toBe(1);
    expect(corpus.documentFrequency('made')).toBe(3);
    expect(corpus.documentFrequency('absent')).toBe(0);
  });
});
