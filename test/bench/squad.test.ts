/**
 * The SQuAD bench (bench/squad.ts) on a small file of the same format: the
 * pool (one article per paragraph), the split by article, and the three
 * figures counted on the same questions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSquadReport, holdsAnswer, loadSquadPool, runSquad, squadSplit } from '../../bench/squad.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-squad-'));
const file = path.join(dir, 'squad.json');
fs.writeFileSync(
  file,
  JSON.stringify({
    articles: [
      {
        title: 'Lighthouses',
        paragraphs: [
          'The Pharos of Alexandria was built in the third century BC. It stood on the island of Pharos for centuries.',
          'Modern lighthouses use Fresnel lenses. The lens was invented by Augustin-Jean Fresnel in 1822.',
        ],
      },
      { title: 'Glaciers', paragraphs: ['A glacier forms where snow accumulates faster than it melts. The Lambert Glacier is the largest in the world.'] },
    ],
    questions: [
      { article: 'Lighthouses', paragraph: 1, q: 'Who invented the Fresnel lens?', answers: ['Augustin-Jean Fresnel'] },
      { article: 'Lighthouses', paragraph: 0, q: 'On which island did the Pharos of Alexandria stand?', answers: ['Pharos'] },
      { article: 'Glaciers', paragraph: 0, q: 'Which glacier is the largest in the world?', answers: ['Lambert Glacier'] },
      { article: 'Not in the file', paragraph: 0, q: 'Ignored?', answers: ['x'] },
    ],
  }),
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SQuAD bench', () => {
  it('loads every paragraph as an article and splits the questions by article', () => {
    const pool = loadSquadPool(file);
    expect(pool.articles.map((a) => [a.id, a.title])).toEqual([
      ['sq00_000', 'Lighthouses (part 1)'],
      ['sq00_001', 'Lighthouses (part 2)'],
      ['sq01_000', 'Glaciers (part 1)'],
    ]);
    expect([squadSplit(0), squadSplit(1), squadSplit(2)]).toEqual(['fit', 'report', 'fit']);
    expect(pool.questions.map((q) => [q.articleId, q.half])).toEqual([
      ['sq00_001', 'fit'],
      ['sq00_000', 'fit'],
      ['sq01_000', 'report'],
    ]);
  });

  it('counts a quote right when it holds a gold span', () => {
    expect(holdsAnswer('It was invented by Augustin-Jean Fresnel in 1822.', ['Augustin-Jean Fresnel'])).toBe(true);
    expect(holdsAnswer('Modern lighthouses use Fresnel lenses.', ['Augustin-Jean Fresnel'])).toBe(false);
    expect(holdsAnswer(null, ['x'])).toBe(false);
  });

  it('asks each half against the whole pool, beside BM25 and IDF overlap', () => {
    const report = runSquad(loadSquadPool(file));
    expect(report.paragraphs).toBe(3);
    expect(report.sentences).toBe(6);
    expect(report.rows.map((r) => [r.half, r.questions])).toEqual([
      ['fit', 2],
      ['report', 1],
    ]);
    const report1 = report.rows[1]!;
    // "Which glacier is the largest…": every method finds the one sentence naming the largest glacier.
    expect([report1.bot, report1.bm25, report1.overlap]).toEqual([1, 1, 1]);
    const text = formatSquadReport(report, 5);
    expect(text).toContain('| report | 1 | 100.0% |');
    expect(text).not.toContain('Misses (report half)');
  });
});
