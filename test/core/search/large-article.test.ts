/**
 * A 5 MB article written as one paragraph, among the fixture articles: search,
 * answers and digests still work, quote bounded excerpts, and no request
 * splits a sentence or resolves a date (the analyser is counted through the
 * index's injected hook). Its cost is a benchmark figure (BENCHMARKS.md), not
 * asserted here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAnswer } from '../../../src/core/answer/find-answer.ts';
import { TextsFromFiles } from '../../../src/corpus/texts-from-files.ts';
import { loadCorpus } from '../../../src/corpus/load-corpus.ts';
import type { DateContext } from '../../../src/core/dates/resolve-dates.ts';
import { CorpusIndex } from '../../../src/core/search/corpus-index.ts';
import { MAX_EXCERPT_CHARS } from '../../../src/core/search/excerpt.ts';
import { loadSnapshot, saveSnapshot } from '../../../src/corpus/index-snapshot/persisted-index.ts';
import { MAX_ANALYSED_CHARS, analyseSentences } from '../../../src/core/sentences/sentence-table.ts';
import { MAX_SENTENCE_CHARS } from '../../../src/core/text.ts';
import { FIXTURE_CORPUS_DIR } from './articles.ts';

const BIG_FILE = 'zz-one-paragraph.md';
const BIG_BODY_CHARS = 5_000_000;

/** Half news sentences, half a run-on with no sentence end, all on one line. */
function oneParagraph(): string {
  const sentence = 'Delegates discussed the quokka governance charter in Geneva on Monday and agreed on nothing further. ';
  const runOn = 'quokka charter negotiators kept talking without ever ending a sentence ';
  const half = BIG_BODY_CHARS / 2;
  return (sentence.repeat(Math.ceil(half / sentence.length)) + runOn.repeat(Math.ceil(half / runOn.length))).slice(0, BIG_BODY_CHARS).trim();
}

function corpusWithBigArticle(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-large-'));
  fs.cpSync(FIXTURE_CORPUS_DIR, dir, { recursive: true });
  const front = '---\ntitle: A very long page about the quokka charter\ndate: 2025-05-13\nsource: Test Wire\n---\n\n';
  fs.writeFileSync(path.join(dir, BIG_FILE), front + oneParagraph());
  return dir;
}

/** analyseSentences, counted. */
function countingAnalyser(): { analyse: typeof analyseSentences; calls: () => number } {
  let calls = 0;
  return {
    analyse: (text: string, context: DateContext) => {
      calls += 1;
      return analyseSentences(text, context);
    },
    calls: () => calls,
  };
}

const query = (terms: string) => ({ raw: terms, terms, filters: {}, capped: false });

describe('a 5 MB one-paragraph article in the corpus', async () => {
  const dir = corpusWithBigArticle();
  const loaded = await loadCorpus(dir);
  const counter = countingAnalyser();
  const index = CorpusIndex.build(loaded.articles, new TextsFromFiles(dir), { analyse: counter.analyse });
  const big = index.all().find((meta) => meta.file === BIG_FILE)!;

  it('is indexed, its sentences worked out once, bounded in number and length', () => {
    expect(loaded.warnings).toEqual([]);
    expect(big).toBeDefined();
    expect(counter.calls()).toBe(loaded.articles.length);
    const sentences = index.sentencesOf(big)!;
    expect(sentences.length).toBeGreaterThan(100);
    expect(sentences.reduce((n, s) => n + s.text.length, 0)).toBeLessThanOrEqual(MAX_ANALYSED_CHARS + MAX_SENTENCE_CHARS);
    for (const s of sentences) expect(s.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
  });

  it('is found and quoted in bounded excerpts, and searches split nothing', () => {
    const before = counter.calls();
    const page = index.search(query('quokka charter'), { offset: 0, limit: 10 });
    const hit = page.hits.find((h) => h.article.id === big.id);
    expect(hit).toBeDefined();
    expect(hit!.excerpts.length).toBeGreaterThan(0);
    for (const excerpt of hit!.excerpts) expect(excerpt.text.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(hit!.excerpts[0]!.text).toContain('quokka');
    // Unrelated searches still find the seed articles as before.
    expect(index.search(query('capacity-building'), { offset: 0, limit: 10 }).hits.length).toBeGreaterThan(0);
    expect(index.search(query('Geneva'), { offset: 0, limit: 10 }).total).toBeGreaterThan(0);
    expect(counter.calls()).toBe(before);
  });

  it('answers questions from it and from the other articles, splitting nothing', () => {
    const before = counter.calls();
    const answer = findAnswer(index, 'where did delegates discuss the quokka governance charter?');
    expect(answer?.best.article.id).toBe(big.id);
    expect(answer!.best.excerpt.text.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(findAnswer(index, 'when was the 2025 World AI Conference held?')?.best.excerpt.text).toContain('July 26 to 28');
    expect(counter.calls()).toBe(before);
  });

  it('is saved with its sentences and restored without splitting anything', async () => {
    const snapshots = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-large-index-'));
    await saveSnapshot(snapshots, { stamps: [], warnings: [], index });
    const restoring = countingAnalyser();
    const result = await loadSnapshot(snapshots, new TextsFromFiles(dir), { analyse: restoring.analyse });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const restored = result.saved.index;
    for (const meta of index.all()) expect(restored.sentencesOf(meta)).toEqual(index.sentencesOf(meta));
    expect(restored.search(query('quokka charter'), { offset: 0, limit: 10 })).toEqual(
      index.search(query('quokka charter'), { offset: 0, limit: 10 }),
    );
    expect(restoring.calls()).toBe(0);
  });

  it('when its file changed since it was indexed, analyses that one article afresh and quotes the new text', () => {
    const counted = countingAnalyser();
    const articles = loaded.articles.filter((a) => a.file !== BIG_FILE);
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-changed-'));
    fs.cpSync(FIXTURE_CORPUS_DIR, own, { recursive: true });
    const small = CorpusIndex.build(articles, new TextsFromFiles(own), { analyse: counted.analyse });
    const meta = small.all().find((m) => m.id.startsWith('002'))!;
    const before = small.sentencesOf(meta)!;
    const calls = counted.calls();

    const file = path.join(own, meta.file);
    const text = fs.readFileSync(file, 'utf8');
    // Same length, different words: the hash tells it apart.
    const at = text.lastIndexOf(' the ');
    fs.writeFileSync(file, `${text.slice(0, at)} thx ${text.slice(at + 5)}`);
    const after = small.sentencesOf(meta)!;
    expect(counted.calls()).toBe(calls + 1);
    expect(after.map((s) => s.text).join(' ')).toContain(' thx ');
    expect(after.length).toBe(before.length);

    // An article whose file did not change is read from its stored table.
    const other = small.all().find((m) => m.id.startsWith('001'))!;
    small.sentencesOf(other);
    expect(counted.calls()).toBe(calls + 1);
  });
});
