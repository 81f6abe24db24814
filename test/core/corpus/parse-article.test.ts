import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isArticleFileName,
  isCalendarDate,
  MAX_ARTICLE_BYTES,
  parseArticleBody,
  parseArticleFile,
  type ParseResult,
  TITLE_MAX_CHARS,
} from '../../../src/core/corpus/parse-article.ts';
import type { Article } from '../../../src/core/types.ts';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function article(result: ParseResult): Article {
  if (!result.ok) throw new Error(`expected an article, got warning: ${result.warning.reason}`);
  return result.article;
}

function reason(result: ParseResult): string {
  if (result.ok) throw new Error(`expected a warning, got article ${result.article.id}`);
  return result.warning.reason;
}

const md = (frontMatter: string, body = 'Some article text about AI governance.'): string =>
  `---\n${frontMatter}\n---\n\n${body}\n`;

describe('parseArticleFile, .md', () => {
  it('reads every front matter field', () => {
    const text = md(
      [
        'title: "Talks on AI: a first round"',
        'date: 2024-04-26',
        'date_editorial: true',
        'source: Fixture Wire',
        'url: https://fixture-wire.example/a?b=1',
        'tags: [ai-safety, " trade ", ai-safety]',
        'source_note: only for people reading the file',
      ].join('\n'),
      'First line.\n\nSecond paragraph.',
    );
    expect(article(parseArticleFile('talks.md', utf8(text)))).toEqual({
      id: 'talks',
      file: 'talks.md',
      title: 'Talks on AI: a first round',
      date: '2024-04-26',
      dateKind: 'editorial',
      source: 'Fixture Wire',
      url: 'https://fixture-wire.example/a?b=1',
      tags: ['ai-safety', 'trade'],
      dateBasis: null,
      body: 'First line.\n\nSecond paragraph.',
    });
  });

  it('reads the fields an ingested article carries: date_basis, retrieved_at, via', () => {
    const fields = 'title: A\ndate: 2025-08-01\ndate_basis: retrieved\nretrieved_at: "2025-08-01T12:00:00.000Z"\nvia: "feed: Policy Wire"\nurl: https://x.example/a';
    const ingested = article(parseArticleFile('a.md', utf8(md(fields))));
    expect(ingested).toMatchObject({ date: '2025-08-01', dateKind: 'retrieved', dateBasis: 'retrieved' });
    expect(article(parseArticleFile('a.md', utf8(md('title: A\ndate: 2025-07-01\ndate_basis: page'))))).toMatchObject({ dateKind: 'stated', dateBasis: 'page' });
    for (const [bad, reason] of [
      ['title: A\ndate: 2025-07-01\ndate_basis: guessed', 'date_basis must be one of'],
      ['title: A\ndate_basis: page', 'date_basis without a date'],
      ['title: A\nretrieved_at: yesterday', 'bad retrieved_at'],
    ] as const) {
      const result = parseArticleFile('a.md', utf8(md(bad)));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.warning.reason).toContain(reason);
    }
  });

  it('marks a date stated unless date_editorial is true, and has no kind without a date', () => {
    expect(article(parseArticleFile('a.md', utf8(md('title: A\ndate: 2024-01-02')))).dateKind).toBe('stated');
    expect(article(parseArticleFile('a.md', utf8(md('title: A\ndate: 2024-01-02\ndate_editorial: false')))).dateKind).toBe(
      'stated',
    );
    const undated = article(parseArticleFile('a.md', utf8(md('title: A\ndate_editorial: true'))));
    expect(undated).toMatchObject({ date: null, dateKind: null, source: null, url: null, tags: [] });
  });

  it('keeps a quoted date and treats blank source as unknown', () => {
    const a = article(parseArticleFile('a.md', utf8(md("title: A\ndate: '2024-02-29'\nsource: '  '"))));
    expect(a.date).toBe('2024-02-29');
    expect(a.source).toBeNull();
  });

  it.each([
    ['date: not-a-date', "bad date 'not-a-date' (expected YYYY-MM-DD)"],
    ['date: 2024-02-30', "bad date '2024-02-30' (no such day)"],
    ['date: 2023-02-29', "bad date '2023-02-29' (no such day)"],
    ['date: 2024-13-01', "bad date '2024-13-01' (no such day)"],
    ['date: 2024-1-5', "bad date '2024-1-5' (expected YYYY-MM-DD)"],
    ['date: 20240105', 'bad date number 20240105 (expected YYYY-MM-DD)'],
    ['date: 2024-01-05T10:00:00Z', "bad date '2024-01-05T10:00:00Z' (expected YYYY-MM-DD)"],
    ['date_editorial: yes', "date_editorial must be true or false, got 'yes'"],
    ['url: javascript:alert(1)', "bad url 'javascript:alert(1)' (must be http or https)"],
    ['url: ftp://files.example/a', "bad url 'ftp://files.example/a' (must be http or https)"],
    ['url: fixture-wire.example/a', "bad url 'fixture-wire.example/a' (not a URL)"],
    ['tags: ai, trade', "tags must be a list of text, got 'ai, trade'"],
    ['tags: [ai, 2024]', 'tags must be a list of text, got number 2024 in the list'],
    ['source: [a, b]', 'source must be text, got a list'],
  ])('refuses %s', (line, expected) => {
    const result = parseArticleFile('x.md', utf8(md(`title: A\n${line}`)));
    expect(result).toEqual({ ok: false, warning: { file: 'x.md', reason: expected } });
  });

  it.each([
    ['date: 2024-05-01', 'missing title'],
    ['title: ""', 'empty title'],
    ['title:', 'missing title'],
    ['title: 1984', 'title must be text, got number 1984 (quote it)'],
    ['title: [a, b]', 'title must be text, got a list (quote it)'],
  ])('refuses a bad title: %s', (frontMatter, expected) => {
    expect(reason(parseArticleFile('x.md', utf8(md(frontMatter))))).toBe(expected);
  });

  it('refuses broken front matter with the line where YAML fails', () => {
    expect(reason(parseArticleFile('x.md', utf8(md('title: A\ntitle: B'))))).toBe(
      'front matter is not valid YAML (line 3: Map keys must be unique)',
    );
    expect(reason(parseArticleFile('x.md', utf8(md('date: 2024-01-01\ntitle: Talks: day one'))))).toMatch(
      /^front matter is not valid YAML \(line 3: /,
    );
  });

  it('refuses YAML tags that would build objects instead of plain data', () => {
    expect(reason(parseArticleFile('x.md', utf8(md('title: !!js/function "function () {}"'))))).toBe(
      'front matter is not valid YAML (line 2: Unresolved tag: tag:yaml.org,2002:js/function)',
    );
  });

  it('refuses front matter that is not a mapping', () => {
    expect(reason(parseArticleFile('x.md', utf8(md('- title\n- date'))))).toBe(
      'front matter must be a mapping of fields (title: ...), got a list',
    );
    expect(reason(parseArticleFile('x.md', utf8(md('just a sentence'))))).toBe(
      "front matter must be a mapping of fields (title: ...), got 'just a sentence'",
    );
  });

  it('does not read fields through __proto__', () => {
    expect(reason(parseArticleFile('x.md', utf8(md('__proto__: {title: Injected}'))))).toBe('missing title');
  });

  it('refuses a missing, unclosed or empty-bodied front matter', () => {
    expect(reason(parseArticleFile('x.md', utf8('Just text, no front matter.\n')))).toMatch(/^no front matter/);
    expect(reason(parseArticleFile('x.md', utf8('---\ntitle: A\n\nText.\n')))).toBe(
      "front matter opened with '---' on line 1 is never closed",
    );
    expect(reason(parseArticleFile('x.md', utf8('---')))).toBe("front matter opened with '---' on line 1 is never closed");
    expect(reason(parseArticleFile('x.md', utf8('---\ntitle: A\n---\n\n  \n')))).toBe(
      'no article text after the front matter',
    );
  });

  it('ends the front matter at the first closing line only', () => {
    const a = article(parseArticleFile('x.md', utf8('---\ntitle: A\n---\nText.\n\n---\n\nMore text.\n')));
    expect(a.body).toBe('Text.\n\n---\n\nMore text.');
  });

  it('accepts a UTF-8 BOM and CRLF or CR line endings, giving the same article', () => {
    const plain = article(parseArticleFile('a.md', utf8(md('title: Vučić in Belgrade\ndate: 2024-09-25', 'One.\n\nTwo.'))));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(md('title: Vučić in Belgrade\ndate: 2024-09-25', 'One.\n\nTwo.'))]);
    const crlf = utf8(md('title: Vučić in Belgrade\ndate: 2024-09-25', 'One.\n\nTwo.').replace(/\n/g, '\r\n'));
    const cr = utf8(md('title: Vučić in Belgrade\ndate: 2024-09-25', 'One.\n\nTwo.').replace(/\n/g, '\r'));
    expect(plain.title).toBe('Vučić in Belgrade');
    expect(plain.body).toBe('One.\n\nTwo.');
    expect(article(parseArticleFile('a.md', bom))).toEqual(plain);
    expect(article(parseArticleFile('a.md', crlf))).toEqual(plain);
    expect(article(parseArticleFile('a.md', cr))).toEqual(plain);
  });

  it('cuts a very long title', () => {
    const a = article(parseArticleFile('a.md', utf8(md(`title: ${'word '.repeat(100)}`))));
    expect(a.title.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
    expect(a.title.endsWith('…')).toBe(true);
  });
});

describe('parseArticleFile, .txt', () => {
  it('reads the date line: the date is stated, the words after it are the title and the first line', () => {
    const a = article(parseArticleFile('seed.txt', utf8(' date 2023-12-04 China and Japan Talk AI\n\nBody text here.\n')));
    expect(a).toEqual({
      id: 'seed',
      file: 'seed.txt',
      title: 'China and Japan Talk AI',
      date: '2023-12-04',
      dateKind: 'stated',
      source: null,
      url: null,
      tags: [],
      dateBasis: null,
      body: 'China and Japan Talk AI\n\nBody text here.',
    });
  });

  it('takes the first sentence as the title when there is no date line', () => {
    const a = article(parseArticleFile('n.txt', utf8('The U.S. and China will talk. More follows.\nSecond line.')));
    expect(a).toMatchObject({ title: 'The U.S. and China will talk.', date: null, dateKind: null });
    expect(a.body).toBe('The U.S. and China will talk. More follows.\nSecond line.');
  });

  it('takes the first sentence after a bare date line as the title', () => {
    const a = article(parseArticleFile('n.txt', utf8('date 2024-01-02\nFirst sentence. Second.\n')));
    expect(a).toMatchObject({ title: 'First sentence.', date: '2024-01-02', body: 'First sentence. Second.' });
  });

  it('does not take a sentence that starts with the word "date" for a date line', () => {
    const a = article(parseArticleFile('palms.txt', utf8('date palms grow in Oman.\n')));
    expect(a).toMatchObject({ title: 'date palms grow in Oman.', date: null });
  });

  it('cuts a first sentence used as a title', () => {
    const long = `date 2025-07-30 ${'Spokesperson words '.repeat(20)}end.`;
    const a = article(parseArticleFile('l.txt', utf8(long)));
    expect(a.title.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
    expect(a.title.endsWith('…')).toBe(true);
    expect(a.body.endsWith('end.')).toBe(true);
  });

  it('refuses a bad date line and a file with no text', () => {
    expect(reason(parseArticleFile('b.txt', utf8(' date 2024-02-30 Title\nText.')))).toBe("bad date '2024-02-30' (no such day)");
    expect(reason(parseArticleFile('b.txt', utf8(' date 2024-2-3 Title\nText.')))).toBe(
      "bad date '2024-2-3' (expected YYYY-MM-DD)",
    );
    expect(reason(parseArticleFile('b.txt', utf8(' \n\n\t\n')))).toBe('no article text');
  });

  it('accepts BOM and CRLF', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(' date 2024-01-02 Title\r\n\r\nText.\r\n')]);
    expect(article(parseArticleFile('c.txt', bytes))).toMatchObject({
      title: 'Title',
      date: '2024-01-02',
      body: 'Title\n\nText.',
    });
  });
});

describe('parseArticleFile, bytes', () => {
  it('refuses empty, binary, non-UTF-8 and oversized files', () => {
    expect(reason(parseArticleFile('e.md', new Uint8Array()))).toBe('empty file');
    expect(reason(parseArticleFile('b.md', new Uint8Array([0x2d, 0x2d, 0x2d, 0x00, 0x0a])))).toBe(
      'binary file (contains NUL bytes)',
    );
    expect(reason(parseArticleFile('l.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])))).toMatch(/^not valid UTF-8 text/);
    // A truncated multi-byte sequence is invalid too, not silently replaced.
    expect(reason(parseArticleFile('t.txt', utf8('Vučić').slice(0, 3)))).toMatch(/^not valid UTF-8 text/);
    expect(reason(parseArticleFile('big.txt', new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61)))).toBe(
      `file too large (${MAX_ARTICLE_BYTES + 1} bytes, limit ${MAX_ARTICLE_BYTES})`,
    );
  });

  it('uses the base name without extension as the id, whatever the case of the extension', () => {
    expect(article(parseArticleFile('sub/Report.2024.MD', utf8(md('title: A')))).id).toBe('Report.2024');
    expect(reason(parseArticleFile('notes.pdf', utf8('text')))).toBe("unsupported file type '.pdf' (expected .md or .txt)");
  });
});

describe('isCalendarDate', () => {
  it('accepts every real day from 1900 to 2100 written as YYYY-MM-DD', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) =>
        isCalendarDate(d.toISOString().slice(0, 10)),
      ),
    );
  });

  it('refuses days that do not exist and other shapes', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2100-02-29', '2024-04-31', '2024-00-10', '2024-12-00', '24-01-01', '2024-01-01 ', '']) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });
});

describe('isArticleFileName', () => {
  it('knows .md and .txt only', () => {
    expect(['a.md', 'a.TXT', 'a.b.md'].map(isArticleFileName)).toEqual([true, true, true]);
    expect(['a.markdown', 'a.md~', 'a.json', 'md', '.md'].map(isArticleFileName)).toEqual([false, false, false, false, false]);
  });
});

describe('parseArticleBody', () => {
  const fixtures = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

  it('gives exactly the body parseArticleFile gives, for every fixture file and for generated edge cases', () => {
    const files = fs.readdirSync(fixtures).map((file) => ({ file, bytes: new Uint8Array(fs.readFileSync(path.join(fixtures, file))) }));
    const made = [
      '---\r\ntitle: CRLF\r\n---\r\n\r\n  Text with CRLF.\r\nSecond line.  \r\n',
      '\uFEFF---\ntitle: BOM\n---\nText right after the fence.',
      '---\ntitle: x\n---   \n\n\n   Indented first line.\n\n',
    ].map((text, i) => ({ file: `made-${i}.md`, bytes: utf8(text) }));
    const txt = [{ file: 'plain.txt', bytes: utf8('date 2024-05-01 Talks open\nThe talks opened.\n') }];
    for (const { file, bytes } of [...files, ...made, ...txt]) {
      expect(parseArticleBody(file, bytes), file).toBe(article(parseArticleFile(file, bytes)).body);
    }
  });

  it('property: any text after a valid front matter comes out as parseArticleFile cuts it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (text) => {
        const bytes = utf8(`---\ntitle: Property\n---\n${text}`);
        const parsed = parseArticleFile('p.md', bytes);
        expect(parseArticleBody('p.md', bytes)).toBe(parsed.ok ? parsed.article.body : null);
      }),
    );
  });

  it('is null where the file would be refused for its bytes, fences or text', () => {
    expect(parseArticleBody('a.md', new Uint8Array())).toBeNull();
    expect(parseArticleBody('a.md', utf8('no front matter'))).toBeNull();
    expect(parseArticleBody('a.md', utf8('---\ntitle: never closed\n'))).toBeNull();
    expect(parseArticleBody('a.md', utf8('---\ntitle: empty\n---\n   \n'))).toBeNull();
    expect(parseArticleBody('a.md', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe]))).toBeNull();
    expect(parseArticleBody('a.pdf', utf8('---\ntitle: x\n---\ntext'))).toBeNull();
  });
});
