import { describe, expect, it } from 'vitest';
import { tenseAt } from '../../../src/core/dates/tense.ts';

function tenseOf(sentence: string, expression: string) {
  return tenseAt(sentence, sentence.indexOf(expression), expression.length);
}

describe('tenseAt', () => {
  it.each([
    ['The forum will take place on Tuesday.', 'on Tuesday', 'future'],
    ['The talks will be held on Tuesday.', 'on Tuesday', 'future'],
    ['Delegates are expected to arrive on Monday.', 'on Monday', 'future'],
    ['The talks, scheduled for Thursday, will be held in Geneva.', 'Thursday', 'future'],
    ['Ahead of the summit on Friday, ministers spoke.', 'on Friday', 'future'],
    ['The ministers met on Tuesday.', 'on Tuesday', 'past'],
    ['The ministry said on Tuesday that China will continue.', 'on Tuesday', 'past'],
    ['China will continue to share dividends as it opened the workshop on Monday.', 'on Monday', 'past'],
    ['On Friday, the ministers agreed a plan.', 'On Friday', 'past'],
    ['The consultation runs until 31 July.', '31 July', 'present'],
    ['The United Nations assembly on Monday.', 'on Monday', 'present'],
  ] as const)('%s → %s is %s', (sentence, expression, tense) => {
    expect(tenseOf(sentence, expression)).toBe(tense);
  });
});
