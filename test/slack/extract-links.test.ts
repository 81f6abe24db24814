import { describe, expect, it } from 'vitest';
import { extractHttpLinks } from '../../src/slack/extract-links.ts';

describe('links in Slack text', () => {
  it('reads wrapped links with and without labels, bare links, and decodes entities', () => {
    expect(
      extractHttpLinks('see <https://a.example/x?a=1&amp;b=2|the story>, <http://b.example/y> and https://c.example/z. Also <@U1> <#C1|general> <mailto:x@y.z|mail>'),
    ).toEqual(['https://a.example/x?a=1&b=2', 'http://b.example/y', 'https://c.example/z']);
  });

  it('drops duplicates and anything that is not http(s)', () => {
    expect(extractHttpLinks('<https://a.example/x> https://a.example/x javascript:alert(1) ftp://f.example/ <!channel>')).toEqual([
      'https://a.example/x',
    ]);
    expect(extractHttpLinks('no links here')).toEqual([]);
  });
});
