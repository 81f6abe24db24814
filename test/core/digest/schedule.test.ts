import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  isDue,
  isValidTimeZone,
  localDateAt,
  nextRunAfter,
  parseDigestTime,
  scheduledInstant,
  type DigestSchedule,
} from '../../../src/core/digest/schedule.ts';

const utc = (iso: string): Date => new Date(iso);

/** The wall-clock reading of an instant in a zone, as `YYYY-MM-DDTHH:mm` (sorts like time). */
const wallClock = (instant: Date, zone: string): string =>
  DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('parseDigestTime', () => {
  it.each([
    ['9:30', '09:30'],
    ['09:30', '09:30'],
    ['21:05', '21:05'],
    ['0:00', '00:00'],
    ['23:59', '23:59'],
    [' 7:05 ', '07:05'],
    ['9am', '09:00'],
    ['9:30 PM', '21:30'],
    ['12am', '00:00'],
    ['12:15pm', '12:15'],
  ])('reads %j as %s', (input, time) => {
    expect(parseDigestTime(input)).toEqual({ ok: true, time });
  });

  it.each([
    ['25:00', /hours go from 0 to 23/],
    ['9:60', /minutes go from 00 to 59/],
    ['9', /no minutes.*09:00/],
    ['13pm', /with am\/pm, hours go from 1 to 12/],
    ['noon', /'noon' is not a time of day/],
    ['9:5', /not a time of day/],
    ['', /not a time of day/],
  ])('refuses %j, saying why', (input, reason) => {
    const parsed = parseDigestTime(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('time zones', () => {
  it('accepts IANA names and refuses the rest', () => {
    for (const zone of ['Europe/Brussels', 'America/New_York', 'UTC', 'Asia/Kolkata']) expect(isValidTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', '+01:00', 'UTC+1', '', ' Europe/Brussels', 'local']) expect(isValidTimeZone(zone), zone).toBe(false);
  });

  it('canonicalises the spelling', () => {
    expect(canonicalTimeZone('europe/brussels')).toBe('Europe/Brussels');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });

  it('refuses an unknown zone by name when scheduling', () => {
    expect(() => localDateAt(new Date(), 'Mars/Olympus')).toThrow(/unknown time zone 'Mars\/Olympus'/);
  });
});

describe('localDateAt', () => {
  it('gives the calendar date in the zone, not in UTC', () => {
    const lateEvening = utc('2026-03-01T23:30:00Z');
    expect(localDateAt(lateEvening, 'Europe/Brussels')).toBe('2026-03-02');
    expect(localDateAt(lateEvening, 'America/New_York')).toBe('2026-03-01');
    expect(localDateAt(lateEvening, 'UTC')).toBe('2026-03-01');
  });
});

describe('scheduledInstant', () => {
  it('converts an ordinary local time', () => {
    expect(scheduledInstant('2026-03-01', '09:30', 'Europe/Brussels')).toEqual(utc('2026-03-01T08:30:00Z'));
    expect(scheduledInstant('2026-07-01', '09:30', 'Europe/Brussels')).toEqual(utc('2026-07-01T07:30:00Z'));
    expect(scheduledInstant('2026-07-01', '21:05', 'Asia/Kolkata')).toEqual(utc('2026-07-01T15:35:00Z'));
  });

  it('moves a time skipped by spring-forward to the first minute that exists (Brussels 2026-03-29 02:30 → 03:00)', () => {
    const instant = scheduledInstant('2026-03-29', '02:30', 'Europe/Brussels');
    expect(instant).toEqual(utc('2026-03-29T01:00:00Z'));
    expect(wallClock(instant, 'Europe/Brussels')).toBe('2026-03-29T03:00');
    // Just before the gap and at its end are untouched.
    expect(scheduledInstant('2026-03-29', '01:59', 'Europe/Brussels')).toEqual(utc('2026-03-29T00:59:00Z'));
    expect(scheduledInstant('2026-03-29', '03:00', 'Europe/Brussels')).toEqual(utc('2026-03-29T01:00:00Z'));
    expect(scheduledInstant('2026-03-08', '02:30', 'America/New_York')).toEqual(utc('2026-03-08T07:00:00Z'));
  });

  it('handles a half-hour daylight-saving gap (Lord Howe Island)', () => {
    const instant = scheduledInstant('2026-10-04', '02:15', 'Australia/Lord_Howe');
    expect(wallClock(instant, 'Australia/Lord_Howe')).toBe('2026-10-04T02:30');
  });

  it('takes the first occurrence of a time repeated by fall-back (New York 2026-11-01 01:30 EDT)', () => {
    const instant = scheduledInstant('2026-11-01', '01:30', 'America/New_York');
    expect(instant).toEqual(utc('2026-11-01T05:30:00Z'));
    expect(DateTime.fromJSDate(instant, { zone: 'America/New_York' }).offsetNameShort).toBe('EDT');
    expect(scheduledInstant('2026-10-25', '02:30', 'Europe/Brussels')).toEqual(utc('2026-10-25T00:30:00Z'));
  });

  it('refuses a malformed date or time, naming it', () => {
    expect(() => scheduledInstant('2026-02-30', '09:00', 'UTC')).toThrow(/'2026-02-30' does not exist/);
    expect(() => scheduledInstant('1 March', '09:00', 'UTC')).toThrow(/'1 March'/);
    expect(() => scheduledInstant('2026-03-01', '9:00', 'UTC')).toThrow(/'9:00'/);
    expect(() => scheduledInstant('2026-03-01', '24:00', 'UTC')).toThrow(/'24:00'/);
  });

  /** Local dates on which the zone's offset changes, 2020-2030: where the edge cases are. */
  function transitionDates(zone: string): string[] {
    const dates = new Set<string>();
    const day = 24 * 60 * 60_000;
    const offset = (ms: number): number => DateTime.fromMillis(ms, { zone }).offset;
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2031, 0, 1); ms += day) {
      if (offset(ms) !== offset(ms + day)) {
        dates.add(localDateAt(new Date(ms), zone));
        dates.add(localDateAt(new Date(ms + day), zone));
      }
    }
    return [...dates];
  }

  it('always lands on the asked time, or on the first minute after a skipped one, and on its first occurrence', () => {
    const zones = ['Europe/Brussels', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham'];
    const cases = zones.flatMap((zone) => transitionDates(zone).map((localDate) => ({ zone, localDate })));
    expect(cases.length).toBeGreaterThan(100);
    let skipped = 0;
    let repeated = 0;
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), ({ zone, localDate }, hour, minute) => {
        const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const asked = `${localDate}T${time}`;
        const instant = scheduledInstant(localDate, time, zone);
        const reading = wallClock(instant, zone);
        if (reading === asked) {
          // First occurrence: no earlier instant within three hours reads the same (offsets move in quarter hours).
          const later = new Date(instant.getTime() + 60 * 60_000);
          if (wallClock(later, zone) === asked || wallClock(new Date(instant.getTime() + 30 * 60_000), zone) === asked) repeated++;
          for (let back = 15; back <= 180; back += 15) {
            expect(wallClock(new Date(instant.getTime() - back * 60_000), zone)).not.toBe(asked);
          }
        } else {
          // Skipped: the result is later than asked and the minute before it reads earlier than asked.
          skipped++;
          expect(reading > asked).toBe(true);
          expect(wallClock(new Date(instant.getTime() - 60_000), zone) < asked).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    // The run must have met both edges, or it proved nothing about them.
    expect(skipped).toBeGreaterThan(0);
    expect(repeated).toBeGreaterThan(0);
  });
});

describe('nextRunAfter', () => {
  it("gives today's time while it is ahead, tomorrow's once it has come", () => {
    expect(nextRunAfter(utc('2026-03-01T08:00:00Z'), '09:30', 'Europe/Brussels')).toEqual(utc('2026-03-01T08:30:00Z'));
    expect(nextRunAfter(utc('2026-03-01T08:30:00Z'), '09:30', 'Europe/Brussels')).toEqual(utc('2026-03-02T08:30:00Z'));
  });

  it('follows the local clock across a daylight-saving change (23 hours later)', () => {
    expect(nextRunAfter(utc('2026-03-28T09:00:00Z'), '09:30', 'Europe/Brussels')).toEqual(utc('2026-03-29T07:30:00Z'));
  });

  it('uses the local date, which may differ from the UTC one', () => {
    // 23:30 UTC on 1 March is already 2 March in Tokyo.
    expect(nextRunAfter(utc('2026-03-01T23:30:00Z'), '09:00', 'Asia/Tokyo')).toEqual(utc('2026-03-02T00:00:00Z'));
  });
});

describe('isDue', () => {
  const sub: DigestSchedule = {
    time: '09:00',
    timeZone: 'Europe/Brussels',
    updatedAt: utc('2026-02-01T12:00:00Z'),
    paused: null,
  };

  it("is not due before today's time and due from it on", () => {
    expect(isDue(utc('2026-03-01T07:59:00Z'), sub, '2026-02-28')).toEqual({
      due: false,
      localDate: '2026-03-01',
      scheduledAt: utc('2026-03-01T08:00:00Z'),
    });
    expect(isDue(utc('2026-03-01T08:00:00Z'), sub, '2026-02-28').due).toBe(true);
  });

  it('catches up a digest missed the same day once, and not a second time', () => {
    // The bot was down from before 09:00 until 15:00, and also all of 28 February.
    const back = utc('2026-03-01T14:00:00Z');
    expect(isDue(back, sub, '2026-02-27')).toMatchObject({ due: true, localDate: '2026-03-01' });
    // Once the ledger shows today's digest, it is not due again today.
    expect(isDue(utc('2026-03-01T14:01:00Z'), sub, '2026-03-01').due).toBe(false);
    expect(isDue(utc('2026-03-01T22:59:00Z'), sub, '2026-03-01').due).toBe(false);
    // And tomorrow it is due again, at its time.
    expect(isDue(utc('2026-03-02T07:59:00Z'), sub, '2026-03-01').due).toBe(false);
    expect(isDue(utc('2026-03-02T08:00:00Z'), sub, '2026-03-01')).toMatchObject({ due: true, localDate: '2026-03-02' });
  });

  it('is due for a channel that never had a digest', () => {
    expect(isDue(utc('2026-03-01T08:00:00Z'), sub, null).due).toBe(true);
  });

  it('is not due while paused', () => {
    const paused = { ...sub, paused: { reason: 'not_in_channel', at: utc('2026-02-20T00:00:00Z') } };
    expect(isDue(utc('2026-03-01T10:00:00Z'), paused, '2026-02-19').due).toBe(false);
  });

  it('does not fire at once for a time already past when the channel subscribed', () => {
    const justSubscribed = { ...sub, updatedAt: utc('2026-03-01T09:00:00Z') }; // 10:00 in Brussels, time 09:00
    expect(isDue(utc('2026-03-01T09:00:01Z'), justSubscribed, null).due).toBe(false);
    expect(isDue(utc('2026-03-02T08:00:00Z'), justSubscribed, null).due).toBe(true);
    expect(nextRunAfter(justSubscribed.updatedAt, justSubscribed.time, justSubscribed.timeZone)).toEqual(utc('2026-03-02T08:00:00Z'));
  });

  it('does not post again for a day already covered under an eastern zone', () => {
    // Posted for 2 March while in Tokyo; the channel then moved to New York, where it is still 1 March.
    const moved = { ...sub, timeZone: 'America/New_York' };
    expect(isDue(utc('2026-03-01T20:00:00Z'), moved, '2026-03-02')).toMatchObject({ due: false, localDate: '2026-03-01' });
  });
});
