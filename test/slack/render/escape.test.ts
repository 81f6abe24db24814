import { describe, expect, it } from 'vitest';
import {
  boldMrkdwn,
  canBold,
  cleanChars,
  cleanInlineText,
  escapeMrkdwn,
  inlineMrkdwn,
} from '../../../src/slack/render/escape.ts';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here>', '&lt;!here&gt;'],
    ['<!everyone>', '&lt;!everyone&gt;'],
    ['<!subteam^S123>', '&lt;!subteam^S123&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['<#C123|general>', '&lt;#C123|general&gt;'],
    ['<https://x|y>', '&lt;https://x|y&gt;'],
    ['AT&T', 'AT&amp;T'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['&amp; already', '&amp;amp; already'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('leaves every other character alone, formatting and quotes included', () => {
    const text = `*bold* _it_ ~s~ \`c\` "q" 'a' | ! @here #general é 😀 \n`;
    expect(escapeMrkdwn(text)).toBe(text);
  });
});

describe('cleanChars', () => {
  it('turns control characters and line breaks into spaces, keeping the length', () => {
    const text = 'a\u0000b\nc\td\u007Fe\u0085f\u2028g';
    const cleaned = cleanChars(text);
    expect(cleaned).toBe('a b c d e f g');
  });

  it('replaces lone surrogates with U+FFFD but keeps pairs', () => {
    expect(cleanChars('x\uD800y')).toBe('x\uFFFDy');
    expect(cleanChars('x\uDC00y')).toBe('x\uFFFDy');
    expect(cleanChars('end\uD83D')).toBe('end\uFFFD');
    expect(cleanChars('emoji 😀')).toBe('emoji 😀');
  });

  it('drops bidi overrides that would reorder the rest of the line', () => {
    expect(cleanChars('abc\u202Edef\u2066g')).toBe('abcdefg');
  });
});

describe('cleanInlineText and inlineMrkdwn', () => {
  it('collapse white space to one line and trim', () => {
    expect(cleanInlineText('  Title\n\nwith   breaks\t ')).toBe('Title with breaks');
  });

  it('cannot start a new line, so corpus text cannot make a quote of its own', () => {
    expect(inlineMrkdwn('first\n> quoted <!here>')).toBe('first &gt; quoted &lt;!here&gt;');
  });
});

describe('canBold / boldMrkdwn', () => {
  it('bolds a word between spaces or at the ends of a line', () => {
    expect(boldMrkdwn('treaty', 'the ', ' was')).toBe('*treaty*');
    expect(boldMrkdwn('Treaty')).toBe('*Treaty*');
    expect(boldMrkdwn('treaty', '(', ').')).toBe('*treaty*');
  });

  it('escapes what it bolds', () => {
    expect(boldMrkdwn('AT&T <b>')).toBe('*AT&amp;T &lt;b&gt;*');
  });

  it('does not bold text containing a formatting character', () => {
    for (const text of ['a*b', 'snake_case', '~x', 'co`de']) {
      expect(canBold(text)).toBe(false);
      expect(boldMrkdwn(text)).toBe(text);
    }
  });

  it('does not bold part of a word, where Slack would show the asterisks', () => {
    expect(canBold('govern', '', 'ance')).toBe(false);
    expect(canBold('ance', 'govern', '')).toBe(false);
    expect(canBold('2024', 'year', ' ')).toBe(false);
    expect(canBold('word', 'é', ' ')).toBe(false);
  });

  it('does not bold next to a formatting character or with space on the inside', () => {
    expect(canBold('word', '_', ' ')).toBe(false);
    expect(canBold('word', ' ', '*')).toBe(false);
    expect(canBold(' word')).toBe(false);
    expect(canBold('word ')).toBe(false);
    expect(canBold('')).toBe(false);
  });

  it('looks at whole characters next to the text, not surrogate halves', () => {
    expect(canBold('word', '😀', '…')).toBe(true);
    expect(canBold('word', '𝐀', ' ')).toBe(false); // a mathematical bold letter is still a letter
  });
});
