/**
 * Which sentences could state a date, so the date resolver (chrono-node plus
 * the news rules: the costly step, BENCHMARKS.md "Event dates: resolver cost
 * per sentence") runs only on those when an article is
 * indexed. A cheap regular expression over the sentence: it may let through
 * sentences with no date ("the second meeting", "may consider"), it must never
 * stop one the resolver would date (test/core/sentences/date-cues.test.ts
 * checks both a table of date expressions and chrono-node itself).
 *
 * What lets a sentence through (case ignored, as whole words):
 * - any digit (years, days, ISO and slashed dates, times, "Q3", "2nd");
 * - month and weekday names and their abbreviations ("Sept.", "Tues");
 * - casual days and times: today, tonight, tomorrow, yesterday, now, noon,
 *   midday, midnight, morning, afternoon, evening, night, weekend, dawn, dusk;
 * - time units, which every relative date needs ("last week", "two years
 *   ago", "next month", "within a fortnight", "this quarter", "a decade"),
 *   and the one-letter units chrono-node reads after a number or relative
 *   word ("a few d later", "this w");
 * - seasons, the news qualifiers early, mid, late, ago, later, and the
 *   named periods the resolver places ("the first half", Christmas, Easter,
 *   Thanksgiving, Halloween, Valentine's Day).
 */

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = 'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';
const CASUAL = 'today|tonight|tomorrow|overmorrow|tmrw?|yesterday|now|noon|midday|midnight|morning|afternoon|evening|night|weekend|dawn|dusk';
const UNITS = 'secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|fortnights?|mos?|months?|quarters?|qtrs?|years?|yrs?|decades?|century|centuries';
/** chrono-node also reads one-letter units after a number word or a relative word ("a few d later", "this w"). */
const ONE_LETTER_UNIT = '(?:this|last|past|next|after|an?|the|few|several|half|couple|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s{0,3}[smhdwy]';
const SEASONS = 'spring|summer|autumn|fall|winter';
const QUALIFIERS = 'early|mid|late|ago|later';
const NAMED_PERIODS = 'half|christmas|easter|thanksgiving|halloween|valentine';

/** A digit, or one of the words above standing alone (`mid-May` counts, `mayor` and `secretary` do not). */
const DATE_CUE = new RegExp(`\\d|(?<![\\p{L}\\p{N}])(?:${[MONTHS, WEEKDAYS, CASUAL, UNITS, ONE_LETTER_UNIT, SEASONS, QUALIFIERS, NAMED_PERIODS].join('|')})s?(?![\\p{L}\\p{N}])`, 'iu');

/** True when `sentence` could hold a date expression, so it is worth giving to the date resolver. */
export function mayStateDate(sentence: string): boolean {
  return DATE_CUE.test(sentence);
}
