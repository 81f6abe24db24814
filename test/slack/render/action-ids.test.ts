import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeSearchButtonValue,
  encodeSearchButtonValue,
  MORE_RESULTS,
  SHARE_RESULTS,
} from '../../../src/slack/render/action-ids.ts';
import { ACTION_ID_MAX, BUTTON_VALUE_MAX } from '../../../src/slack/render/limits.ts';

describe('action ids', () => {
  it('are distinct and within the action_id limit', () => {
    expect(MORE_RESULTS).not.toBe(SHARE_RESULTS);
    expect(MORE_RESULTS.length).toBeLessThanOrEqual(ACTION_ID_MAX);
    expect(SHARE_RESULTS.length).toBeLessThanOrEqual(ACTION_ID_MAX);
  });
});

describe('search button values', () => {
  it('round-trip any query up to 500 characters and any offset', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500, unit: 'binary' }), fc.nat(), (q, o) => {
        const value = encodeSearchButtonValue({ q, o });
        expect(value.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
        expect(decodeSearchButtonValue(value)).toEqual({ q, o });
      }),
    );
  });

  it('encode refuses a value over the limit, naming the length', () => {
    const q = '\u0001'.repeat(500); // six characters each in JSON
    expect(() => encodeSearchButtonValue({ q, o: 0 })).toThrow(/3\d{3} characters .* 2000/);
    expect(() => encodeSearchButtonValue({ q: 'x'.repeat(BUTTON_VALUE_MAX), o: 0 })).toThrow(RangeError);
  });

  it('encode refuses a negative, fractional or unsafe offset', () => {
    for (const o of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => encodeSearchButtonValue({ q: 'ai', o })).toThrow(/offset/);
    }
  });

  it.each([
    ['not json', '{q:'],
    ['empty', ''],
    ['null', 'null'],
    ['an array', '["ai",0]'],
    ['a string', '"ai"'],
    ['a missing offset', '{"q":"ai"}'],
    ['a missing query', '{"o":0}'],
    ['an extra key', '{"q":"ai","o":0,"x":1}'],
    ['a numeric query', '{"q":1,"o":0}'],
    ['a negative offset', '{"q":"ai","o":-5}'],
    ['a fractional offset', '{"q":"ai","o":0.5}'],
    ['a string offset', '{"q":"ai","o":"5"}'],
    ['an unsafe offset', '{"q":"ai","o":9007199254740993}'],
    ['a __proto__ key', '{"q":"ai","__proto__":{"o":1}}'],
    ['an over-long value', JSON.stringify({ q: 'x'.repeat(BUTTON_VALUE_MAX), o: 0 })],
  ])('decode rejects %s', (_name, value) => {
    expect(decodeSearchButtonValue(value)).toBeNull();
  });

  it('decode never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (value) => {
        const decoded = decodeSearchButtonValue(value);
        if (decoded !== null) {
          expect(typeof decoded.q).toBe('string');
          expect(Number.isSafeInteger(decoded.o) && decoded.o >= 0).toBe(true);
        }
      }),
    );
  });
});
