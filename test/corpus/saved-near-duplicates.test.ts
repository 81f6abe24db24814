/**
 * Re-reports through the corpus service over real files: grouped when
 * indexed, kept in step as files are added, changed and removed, and
 * restored from the saved snapshot (or recomputed when its signatures are
 * missing); search lists a group once and answers cite its earliest article.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EDITS, editedCopy } from '../../bench/edited-copies.ts';
import { CorpusService } from '../../src/corpus/corpus-service.ts';
import { parseSearchQuery } from '../../src/core/search/parse-query.ts';
import { SIGNATURES_FILE, readSavedGroups, restoreGroups } from '../../src/corpus/saved-near-duplicates.ts';
import { FIXTURE_CORPUS_DIR } from '../core/search/articles.ts';

const WIRE = '004_83826e1afd84aa67'; // Global Times, 2025-05-13: the capacity-building workshop
let corpusDir: string;
let snapshotDir: string;

function writeCopy(id: string, source: string, date: string, editIndex = 3): void {
  const original = fs.readFileSync(path.join(FIXTURE_CORPUS_DIR, `${WIRE}.md`), 'utf8');
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(original) ?? [];
  const meta = front.replace(/^date: .*$/m, `date: ${date}`).replace(/^source: .*$/m, `source: ${source}`);
  fs.writeFileSync(path.join(corpusDir, `${id}.md`), `---\n${meta}\n---\n${editedCopy(body, EDITS[editIndex]!, 5)}`);
}

const query = (text: string) => {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.query;
};

beforeEach(() => {
  corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-groups-corpus-'));
  snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-groups-snap-'));
  for (const file of fs.readdirSync(FIXTURE_CORPUS_DIR)) fs.copyFileSync(path.join(FIXTURE_CORPUS_DIR, file), path.join(corpusDir, file));
  writeCopy('960_china-daily', 'China Daily', '2025-05-14');
});
afterEach(() => {
  fs.rmSync(corpusDir, { recursive: true, force: true });
  fs.rmSync(snapshotDir, { recursive: true, force: true });
});

describe('re-reports in the corpus service', () => {
  it('groups a re-publication at indexing, lists it once in search, and cites the earliest', async () => {
    const corpus = new CorpusService(corpusDir);
    await corpus.load();
    const group = corpus.duplicateGroup('960_china-daily');
    expect(group?.earliest.id).toBe(WIRE);
    expect(group?.others.map((o) => [o.source, o.date])).toEqual([['China Daily', '2025-05-14']]);
    expect(corpus.duplicateGroup('001_4a63fa4f0b33a94c')).toBeNull();
    expect([...(await corpus.duplicateGroups(['960_china-daily', '001_4a63fa4f0b33a94c'])).keys()]).toEqual(['960_china-daily']);

    const page = corpus.search(query('second workshop capacity building dividends'), { offset: 0, limit: 10 });
    const ids = page.hits.map((h) => h.article.id);
    expect(ids.filter((id) => id === WIRE || id === '960_china-daily')).toHaveLength(1);
    expect(page.total).toBe(page.hits.length);
    const shown = page.hits.find((h) => h.article.id === WIRE || h.article.id === '960_china-daily');
    expect(shown?.alsoReportedBy).toHaveLength(1);

    // The copy becomes the "earliest" when dated before the wire: answers then cite it.
    writeCopy('960_china-daily', 'China Daily', '2025-05-12');
    const reloaded = new CorpusService(corpusDir);
    await reloaded.load();
    const answer = reloaded.answer('who opened the second workshop on AI capacity building?');
    expect(answer?.best.article.id).toBe('960_china-daily');
    expect(answer?.alsoReportedBy?.map((a) => a.id)).toEqual([WIRE]);
  });

  it('follows articles added, changed and removed while serving', async () => {
    const corpus = new CorpusService(corpusDir);
    await corpus.load();
    const wire = (await corpus.articles([WIRE])).get(WIRE)!;
    corpus.upsert({ ...wire, id: '961_xinhua', file: '961_xinhua.md', source: 'Xinhua', date: '2025-05-15' });
    expect(corpus.duplicateGroup(WIRE)?.others.map((o) => o.id)).toEqual(['960_china-daily', '961_xinhua']);
    corpus.upsert({ ...wire, id: '961_xinhua', file: '961_xinhua.md', body: 'An unrelated note on the weather in Lisbon, which was mild and sunny all week long.' });
    expect(corpus.duplicateGroup(WIRE)?.others.map((o) => o.id)).toEqual(['960_china-daily']);
    corpus.remove('960_china-daily');
    expect(corpus.duplicateGroup(WIRE)).toBeNull();
  });

  it('restores the groups with the saved index, recomputing only what the saved signatures lack', async () => {
    const first = new CorpusService(corpusDir, () => new Date(), { snapshotDir });
    expect((await first.load()).from).toBe('built');
    expect(fs.existsSync(path.join(snapshotDir, SIGNATURES_FILE))).toBe(true);

    const second = new CorpusService(corpusDir, () => new Date(), { snapshotDir });
    expect((await second.load()).from).toBe('snapshot');
    expect(second.duplicateGroup('960_china-daily')?.earliest.id).toBe(WIRE);

    // What the restore itself does: nothing recomputed when the signatures match; all when they are for another snapshot.
    const metas = second.index.metas();
    const read = (meta: { file: string }) => fs.readFileSync(path.join(corpusDir, meta.file), 'utf8');
    const saved = (await readSavedGroups(snapshotDir))!.identity;
    expect(restoreGroups(await readSavedGroups(snapshotDir), saved, metas, read).recomputed).toBe(0);
    expect(restoreGroups(await readSavedGroups(snapshotDir), { ...saved, savedAt: 'another' }, metas, read).recomputed).toBe(metas.length);
    expect(restoreGroups(null, saved, metas, read).recomputed).toBe(metas.length);
    // Signatures of articles the snapshot no longer holds are dropped.
    const fewer = restoreGroups(await readSavedGroups(snapshotDir), saved, metas.slice(1), read);
    expect(fewer.recomputed).toBe(0);
    expect(fewer.groups.has(metas[0]!.id)).toBe(false);
    expect(fewer.groups.size).toBe(metas.length - 1);

    // A file changed between runs is signed again; signatures gone are recomputed.
    fs.writeFileSync(path.join(corpusDir, '960_china-daily.md'), '---\ntitle: Weather\ndate: 2025-05-14\nsource: China Daily\n---\nMild and sunny all week in Lisbon, with no rain expected before the weekend.\n');
    fs.rmSync(path.join(snapshotDir, SIGNATURES_FILE));
    const third = new CorpusService(corpusDir, () => new Date(), { snapshotDir });
    expect((await third.load()).from).toBe('snapshot');
    expect(third.duplicateGroup(WIRE)).toBeNull();
  });

  it('reads a damaged signatures file as none (recomputed), and removes the JSON file of earlier versions when it saves', async () => {
    fs.mkdirSync(snapshotDir, { recursive: true });
    fs.writeFileSync(path.join(snapshotDir, 'near-duplicates.json'), '{"version":"minhash-v2"}');
    const first = new CorpusService(corpusDir, () => new Date(), { snapshotDir });
    await first.load();
    expect(fs.existsSync(path.join(snapshotDir, 'near-duplicates.json'))).toBe(false);
    const file = path.join(snapshotDir, SIGNATURES_FILE);
    const whole = fs.readFileSync(file);
    expect((await readSavedGroups(snapshotDir))?.groups.size).toBe(first.index.size);
    const damaged = [
      whole.subarray(0, whole.length - 4), // a signature cut short
      Buffer.concat([whole, Buffer.alloc(4)]), // bytes beyond the signatures
      Buffer.concat([Buffer.from('XXXX'), whole.subarray(4)]), // not this file
      whole.subarray(0, 20), // the header cut short
      Buffer.concat([whole.subarray(0, 8), Buffer.from('{'.padEnd(whole.readUInt32LE(4))), whole.subarray(8 + whole.readUInt32LE(4))]), // a header that is not JSON
    ];
    for (const bytes of damaged) {
      fs.writeFileSync(file, bytes);
      expect(await readSavedGroups(snapshotDir)).toBeNull();
    }
    const again = new CorpusService(corpusDir, () => new Date(), { snapshotDir });
    expect((await again.load()).from).toBe('snapshot');
    expect(again.duplicateGroup('960_china-daily')?.earliest.id).toBe(WIRE);
  });
});
