import { describe, expect, it } from 'vitest';
import { findAnswer } from '../../../src/core/answer/find-answer.ts';
import { conceptsOf } from '../../../src/core/answer/concepts.ts';
import { newAnswerStrength } from '../../../src/core/answer/question-kind.ts';
import { CorpusIndex } from '../../../src/core/search/corpus-index.ts';
import { makeArticle } from '../search/articles.ts';

/** The kind bonus for a question that names nothing the sentence holds. */
const NOTHING_ASKED = { concepts: new Map<string, number>(), numbers: new Set<string>(), dateExpressions: [] };
const keysOf = (words: string) => conceptsOf(words, { caseSensitive: true }).map((c) => c.key);
const kindCueStrength = (kind: Parameters<typeof newAnswerStrength>[0], text: string) => newAnswerStrength(kind, { text, dates: [] }, NOTHING_ASKED, keysOf);

describe('newAnswerStrength: the shape of an answer of each kind', () => {
  it.each([
    ['when', 'The conference was held in Shanghai from July 26 to 28.', true],
    ['when', 'The ministry spoke on Tuesday.', true],
    ['when', 'In September 2024 China proposed the plan.', true],
    ['when', 'The plan proposes feasible actions.', false],
    ['how-many', 'The plan proposes 13 feasible actions.', true],
    ['how-many', 'It outlines ten actions.', true],
    ['how-many', 'It was held on May 6 in 2025.', false],
    ['who', 'The meeting, co-hosted by China and Zambia, aims high.', true],
    ['who', 'Foreign Minister Wang Yi attended.', true],
    ['who', 'the plan was released.', false],
    ['where', 'The meeting was held in Busan, South Korea.', true],
    ['where', 'The meeting was held in September.', false],
    ['where', 'The organization’s headquarters will be chosen later.', true],
    ['other', 'Anything at all, in Busan on July 26.', false],
  ] as const)('%s: %s → %s', (kind, sentence, expected) => {
    expect(kindCueStrength(kind, sentence) > 0).toBe(expected);
  });
});

describe('newAnswerStrength for counts', () => {
  it('trusts a count in digits more than a spelled-out number', () => {
    const digits = kindCueStrength('how-many', 'The plan proposes 13 feasible actions.');
    const words = kindCueStrength('how-many', 'The plan outlines ten actions.');
    expect(digits).toBe(1);
    expect(words).toBeGreaterThan(0);
    expect(words).toBeLessThan(digits);
  });
});

describe('the kind of question decides between sentences that match equally', () => {
  // Every sentence shares the same question words; only the kind of fact differs.
  const index = CorpusIndex.build([
    makeArticle({
      id: 'zz-summit',
      body: [
        'The robotics summit opened with long speeches.',
        'The robotics summit opened on March 3, 2025.',
        'The robotics summit opened with 40 delegations.',
        'The robotics summit opened in Nairobi.',
        'The robotics summit opened with remarks by Foreign Minister Jane Doe.',
      ].join(' '),
    }),
  ]);

  it.each([
    ['When did the robotics summit open?', /March 3, 2025/],
    ['How many people did the robotics summit open with?', /40 delegations/],
    ['Where did the robotics summit open?', /Nairobi/],
    ['Who opened the robotics summit?', /Jane Doe/],
  ])('%s', (question, expected) => {
    expect(findAnswer(index, question)?.best.excerpt.text).toMatch(expected);
  });
});
