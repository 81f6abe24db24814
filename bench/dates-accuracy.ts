/**
 * Part of `npm run bench -- --dates`: the resolver's dates held against news
 * annotated by others, TempEval-3's AQUAINT TimeML documents
 * (../shared/fixtures/timeml/aquaint/, read from there, never copied), beside
 * chrono-node alone on the same documents.
 *
 * The documents are split by sorted file name, alternately: even positions
 * are the dev half (what the rules were developed on), odd positions the
 * held-out half (what is reported as the result). Both are printed.
 *
 * Scoring, after TempEval-3 Task A, on DATE and TIME expressions:
 * - the gold set is every DATE or TIME TIMEX3 whose value is a calendar date
 *   (a day, month, year, week, quarter, half, season, decade or century; a
 *   time of day counts as its day), each turned into the interval of days it
 *   covers (timeml.ts);
 * - a found expression matches a gold one when their spans overlap
 *   (relaxed), one to one, in text order;
 * - a found range over two gold expressions that mark its ends ("between
 *   1994 and 1997": TimeML marks 1994 and 1997, the resolver answers
 *   1994/1997) matches both, and its value is right when its first and last
 *   days are theirs;
 * - found expressions over a DATE or TIME TIMEX3 that is no calendar date
 *   (PRESENT_REF, `XXXX-08-03`) are left out of both counts; any other found
 *   expression that matches no gold one (over a DURATION or SET, or over no
 *   TIMEX3) counts against precision;
 * - a value is right when its interval of days equals the gold one.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as chrono from 'chrono-node';
import { textDates } from '../src/core/sentences/text-dates.ts';
import { type DayInterval, parseTimeml, type TimemlDocument, timexInterval, valueInterval } from './timeml.ts';

export const TIMEML_DIR = path.resolve(import.meta.dirname, '../../shared/fixtures/timeml/aquaint');

/** One expression a system found, with its value (null when it found it but could not place it). */
export interface Found {
  readonly start: number;
  readonly end: number;
  readonly value: string | null;
}

export type DateSystem = (doc: TimemlDocument) => Found[];

export interface Score {
  readonly gold: number;
  readonly found: number;
  readonly matched: number;
  readonly valuesRight: number;
}

export interface Miss {
  readonly doc: string;
  readonly kind: 'missed' | 'wrong value' | 'not a date';
  readonly text: string;
  readonly gold: string | null;
  readonly value: string | null;
  readonly context: string;
}

export function loadTimeml(dir = TIMEML_DIR): { dev: TimemlDocument[]; heldOut: TimemlDocument[] } {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tml')).sort();
  const docs = files.map((f) => parseTimeml(f.replace(/\.tml$/, ''), fs.readFileSync(path.join(dir, f), 'utf8')));
  return { dev: docs.filter((_, i) => i % 2 === 0), heldOut: docs.filter((_, i) => i % 2 === 1) };
}

export const resolverSystem: DateSystem = (doc) =>
  textDates(doc.text, { articleDate: doc.dct, articleDateEditorial: false }).flatMap((s) => s.dates.map((d) => ({ start: d.start, end: d.end, value: d.value })));

function chronoPart(components: chrono.ParsedComponents): string | null {
  const y = String(components.get('year')).padStart(4, '0');
  const m = String(components.get('month')).padStart(2, '0');
  const d = String(components.get('day')).padStart(2, '0');
  if (components.isCertain('day') || components.isCertain('weekday')) return `${y}-${m}-${d}`;
  if (components.isCertain('month')) return `${y}-${m}`;
  if (components.isCertain('year')) return y;
  return null;
}

/** chrono-node alone, every English parser, the document date at noon as reference, at the precision its parse knows. */
export const chronoSystem: DateSystem = (doc) => {
  const reference = new Date(`${doc.dct}T12:00:00Z`);
  return chrono.casual.parse(doc.text, { instant: reference, timezone: 0 }).map((r) => {
    const start = chronoPart(r.start);
    const end = r.end == null ? null : chronoPart(r.end);
    return { start: r.index, end: r.index + r.text.trimEnd().length, value: start === null ? null : end === null || end === start ? start : `${start}/${end}` };
  });
};

const same = (a: DayInterval, b: DayInterval): boolean => a.first === b.first && a.last === b.last;

function contextOf(doc: TimemlDocument, start: number, end: number): string {
  return `${doc.text.slice(Math.max(0, start - 60), start)}[${doc.text.slice(start, end)}]${doc.text.slice(end, end + 40)}`.replace(/\s+/g, ' ');
}

export function score(docs: readonly TimemlDocument[], system: DateSystem, misses?: Miss[]): Score {
  let gold = 0;
  let found = 0;
  let matched = 0;
  let valuesRight = 0;
  for (const doc of docs) {
    const timexes = doc.timexes.filter((t) => t.type === 'DATE' || t.type === 'TIME');
    const calendar = timexes.filter((t) => timexInterval(t.value) !== null);
    const neutral = timexes.filter((t) => timexInterval(t.value) === null);
    const used = new Set<number>();
    gold += calendar.length;
    for (const f of system(doc).sort((a, b) => a.start - b.start)) {
      const over = calendar.flatMap((t, i) => (!used.has(i) && t.start < f.end && f.start < t.end ? [i] : []));
      if (over.length > 1 && f.value !== null && f.value.includes('/')) {
        // A range where TimeML marks its two ends ("between 1994 and 1997": 1994, 1997): right when the ends are.
        const range = valueInterval(f.value);
        const ends = [timexInterval(calendar[over[0]!]!.value)!, timexInterval(calendar[over.at(-1)!]!.value)!];
        over.forEach((i) => used.add(i));
        found += over.length;
        matched += over.length;
        if (ends[0]!.first === range.first && ends[1]!.last === range.last) valuesRight += over.length;
        else misses?.push({ doc: doc.id, kind: 'wrong value', text: doc.text.slice(f.start, f.end), gold: over.map((i) => calendar[i]!.value).join(' + '), value: f.value, context: contextOf(doc, f.start, f.end) });
        continue;
      }
      const g = over[0] ?? -1;
      if (g < 0) {
        if (neutral.some((t) => t.start < f.end && f.start < t.end)) continue;
        found += 1;
        misses?.push({ doc: doc.id, kind: 'not a date', text: doc.text.slice(f.start, f.end), gold: null, value: f.value, context: contextOf(doc, f.start, f.end) });
        continue;
      }
      used.add(g);
      found += 1;
      matched += 1;
      const t = calendar[g]!;
      if (f.value !== null && same(valueInterval(f.value), timexInterval(t.value)!)) valuesRight += 1;
      else misses?.push({ doc: doc.id, kind: 'wrong value', text: t.text, gold: t.value, value: f.value, context: contextOf(doc, t.start, t.end) });
    }
    calendar.forEach((t, i) => {
      if (!used.has(i)) misses?.push({ doc: doc.id, kind: 'missed', text: t.text, gold: t.value, value: null, context: contextOf(doc, t.start, t.end) });
    });
  }
  return { gold, found, matched, valuesRight };
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function measures(s: Score): { p: number; r: number; f1: number; valueP: number; valueR: number; valueF1: number } {
  const p = s.found === 0 ? 0 : s.matched / s.found;
  const r = s.gold === 0 ? 0 : s.matched / s.gold;
  const valueP = s.found === 0 ? 0 : s.valuesRight / s.found;
  const valueR = s.gold === 0 ? 0 : s.valuesRight / s.gold;
  return { p, r, f1: f1(p, r), valueP, valueR, valueF1: f1(valueP, valueR) };
}

export interface AccuracyRow {
  readonly split: string;
  readonly documents: number;
  readonly system: string;
  readonly score: Score;
}

export function runDatesAccuracy(dir = TIMEML_DIR): AccuracyRow[] {
  const { dev, heldOut } = loadTimeml(dir);
  const rows: AccuracyRow[] = [];
  for (const [split, docs] of [['held-out', heldOut], ['dev', dev]] as const) {
    rows.push({ split, documents: docs.length, system: 'resolver (indexing path)', score: score(docs, resolverSystem) });
    rows.push({ split, documents: docs.length, system: 'chrono-node alone', score: score(docs, chronoSystem) });
  }
  return rows;
}

const pct = (x: number): string => (100 * x).toFixed(1);

export function renderAccuracyTable(rows: readonly AccuracyRow[]): string {
  const lines = [
    '| AQUAINT half | docs | system | gold | found | extraction P / R / F1 | value P / R / F1 |',
    '|---|---:|---|---:|---:|---:|---:|',
  ];
  for (const { split, documents, system, score: s } of rows) {
    const m = measures(s);
    lines.push(`| ${split} | ${documents} | ${system} | ${s.gold} | ${s.found} | ${pct(m.p)} / ${pct(m.r)} / ${pct(m.f1)} | ${pct(m.valueP)} / ${pct(m.valueR)} / **${pct(m.valueF1)}** |`);
  }
  return lines.join('\n');
}

/** What the resolver got wrong on the dev half only (`--dates-misses`): what rules are developed from. */
export function devMisses(dir = TIMEML_DIR): Miss[] {
  const misses: Miss[] = [];
  score(loadTimeml(dir).dev, resolverSystem, misses);
  return misses;
}
