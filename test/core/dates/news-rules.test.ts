import { describe, expect, it } from 'vitest';
import { formatPartial, lastDayOf, parseIsoDay } from '../../../src/core/dates/calendar.ts';
import { resolveWeekday, weekOf, yearForMonth } from '../../../src/core/dates/news-rules.ts';

const TUESDAY = parseIsoDay('2025-05-13')!;
const day = (d: ReturnType<typeof parseIsoDay>) => formatPartial(d!, 'day');

describe('resolveWeekday', () => {
  it('takes the article day itself for its own weekday in the past, the week after in the future', () => {
    expect(day(resolveWeekday(2, TUESDAY, 'past', null))).toBe('2025-05-13');
    expect(day(resolveWeekday(2, TUESDAY, 'future', null))).toBe('2025-05-20');
  });

  it('reads last and next strictly before and after', () => {
    expect(day(resolveWeekday(2, TUESDAY, 'past', 'last'))).toBe('2025-05-06');
    expect(day(resolveWeekday(1, TUESDAY, 'past', 'next'))).toBe('2025-05-19');
    expect(day(resolveWeekday(3, TUESDAY, 'present', null))).toBe('2025-05-07');
  });
});

describe('yearForMonth', () => {
  it('follows the tense for a month without a year', () => {
    expect(yearForMonth(11, TUESDAY, 'past')).toBe(2024);
    expect(yearForMonth(11, TUESDAY, 'future')).toBe(2025);
    expect(yearForMonth(2, TUESDAY, 'future')).toBe(2026);
    expect(yearForMonth(2, TUESDAY, 'past')).toBe(2025);
    expect(yearForMonth(11, TUESDAY, 'present')).toBe(2025);
  });

  it('reads last, next and this', () => {
    expect(yearForMonth(5, TUESDAY, 'past', 'last')).toBe(2024);
    expect(yearForMonth(5, TUESDAY, 'past', 'next')).toBe(2026);
    expect(yearForMonth(4, TUESDAY, 'future', 'last')).toBe(2025);
    expect(yearForMonth(11, TUESDAY, 'past', 'this')).toBe(2025);
  });
});

describe('weekOf', () => {
  it('is Monday to Sunday, across a year end', () => {
    const week = weekOf(parseIsoDay('2025-01-03')!, 'last');
    expect([day(week.start), day(week.end)]).toEqual(['2024-12-23', '2024-12-29']);
  });
});

describe('calendar', () => {
  it('refuses days that do not exist and knows month ends', () => {
    expect(parseIsoDay('2025-02-29')).toBeNull();
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2025')).toBe('2025-12-31');
  });
});
