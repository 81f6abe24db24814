import { describe, expect, it } from 'vitest';
import { groupReReports, type Digest } from '../../../src/core/digest/build-digest.ts';
import type { DuplicateGroup } from '../../../src/core/near-duplicates/near-duplicate-index.ts';
import type { ArticleMeta } from '../../../src/core/types.ts';

const meta = (id: string, source: string, date: string): ArticleMeta => ({ id, file: `${id}.md`, title: `Title ${id}`, date, dateKind: 'stated', source, url: null, tags: [] });
const wire = meta('wire', 'Xinhua', '2025-05-12');
const gt = meta('gt', 'Global Times', '2025-05-13');
const cd = meta('cd', 'China Daily', '2025-05-14');
const other = meta('other', 'Reuters', '2025-05-14');
const seen = (m: ArticleMeta, minute: number) => ({ article: m, keySentence: null, firstSeen: new Date(Date.UTC(2025, 4, 14, 9, minute)) });

describe('groupReReports', () => {
  it('lists a story once, as its earliest report among the new ones, naming every other outlet, and keeps the folded ids', () => {
    const digest: Digest = {
      channelId: 'C1',
      localDate: '2025-05-14',
      since: new Date('2025-05-13T00:00:00Z'),
      items: [seen(cd, 30), seen(other, 20), seen(gt, 10)],
      deferred: 0,
      isFirst: false,
      coveredUntil: new Date(Date.UTC(2025, 4, 14, 9, 30)),
    };
    // The wire itself was in an earlier digest: it is named, not listed.
    const group: DuplicateGroup = { earliest: wire, others: [gt, cd] };
    const grouped = groupReReports(digest, new Map([['gt', group], ['cd', group], ['wire', group]]));
    expect(grouped.items.map((i) => i.article.id)).toEqual(['gt', 'other']);
    expect(grouped.items[0]?.alsoReportedBy?.map((m) => m.id)).toEqual(['wire', 'cd']);
    expect(grouped.items[0]?.grouped).toEqual(['cd']);
    expect(grouped.items[0]?.firstSeen).toEqual(digest.items[0]?.firstSeen); // placed where the story's newest report was
    expect(grouped.items[1]?.alsoReportedBy).toBeUndefined();
    expect(grouped.coveredUntil).toEqual(digest.coveredUntil);
    expect(groupReReports(digest, new Map())).toEqual(digest);
  });
});
