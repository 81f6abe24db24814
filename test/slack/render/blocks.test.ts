import { describe, expect, it } from 'vitest';
import { actions, blockTextLength, button, context, mrkdwn, section } from '../../../src/slack/render/blocks.ts';
import {
  ACTION_ID_MAX,
  ACTIONS_ELEMENTS_MAX,
  BUTTON_LABEL_MAX,
  BUTTON_VALUE_MAX,
  CONTEXT_ELEMENTS_MAX,
  FALLBACK_TEXT_MAX,
  HEADER_TEXT_MAX,
  MAX_BLOCKS,
  MESSAGE_BLOCK_TEXT_BUDGET,
  SECTION_TEXT_MAX,
} from '../../../src/slack/render/limits.ts';

describe('limits', () => {
  it("match Slack's documented numbers and keep a margin below the observed msg_blocks_too_long", () => {
    expect({ MAX_BLOCKS, SECTION_TEXT_MAX, BUTTON_LABEL_MAX, BUTTON_VALUE_MAX, ACTION_ID_MAX, CONTEXT_ELEMENTS_MAX }).toEqual({
      MAX_BLOCKS: 50,
      SECTION_TEXT_MAX: 3000,
      BUTTON_LABEL_MAX: 75,
      BUTTON_VALUE_MAX: 2000,
      ACTION_ID_MAX: 255,
      CONTEXT_ELEMENTS_MAX: 10,
    });
    expect(HEADER_TEXT_MAX).toBe(150);
    expect(ACTIONS_ELEMENTS_MAX).toBe(25);
    expect(FALLBACK_TEXT_MAX).toBeLessThanOrEqual(300);
    expect(MESSAGE_BLOCK_TEXT_BUDGET).toBeLessThan(12_000);
  });
});

describe('block builders enforce the limits', () => {
  it('mrkdwn text: 1 to 3,000 characters, verbatim', () => {
    expect(mrkdwn('x'.repeat(SECTION_TEXT_MAX))).toEqual({ type: 'mrkdwn', text: 'x'.repeat(SECTION_TEXT_MAX), verbatim: true });
    expect(() => mrkdwn('x'.repeat(SECTION_TEXT_MAX + 1))).toThrow(/3001 characters/);
    expect(() => section('')).toThrow(/0 characters/);
  });

  it('context: 1 to 10 elements', () => {
    expect(context(Array(CONTEXT_ELEMENTS_MAX).fill('a')).elements).toHaveLength(CONTEXT_ELEMENTS_MAX);
    expect(() => context(Array(CONTEXT_ELEMENTS_MAX + 1).fill('a'))).toThrow(/11 elements/);
    expect(() => context([])).toThrow(/0 elements/);
  });

  it('button: label up to 75, action_id up to 255, value up to 2,000', () => {
    expect(button('x'.repeat(BUTTON_LABEL_MAX), 'a'.repeat(ACTION_ID_MAX), 'v'.repeat(BUTTON_VALUE_MAX)).type).toBe('button');
    expect(() => button('x'.repeat(BUTTON_LABEL_MAX + 1), 'a', 'v')).toThrow(/label/);
    expect(() => button('x', 'a'.repeat(ACTION_ID_MAX + 1), 'v')).toThrow(/action_id/);
    expect(() => button('x', 'a', 'v'.repeat(BUTTON_VALUE_MAX + 1))).toThrow(/value: 2001/);
  });

  it('actions: 1 to 25 elements', () => {
    const b = button('x', 'a', 'v');
    expect(() => actions(Array(ACTIONS_ELEMENTS_MAX + 1).fill(b))).toThrow(/26 elements/);
    expect(() => actions([])).toThrow(/0 elements/);
  });
});

describe('blockTextLength', () => {
  it('counts every text and button value, at any depth', () => {
    const blocks = [section('12345'), context(['ab', 'cd']), actions([button('Go', 'aigov_x', '{"q":"a","o":0}')])];
    expect(blockTextLength(blocks)).toBe(5 + 2 + 2 + 2 + '{"q":"a","o":0}'.length);
  });
});
