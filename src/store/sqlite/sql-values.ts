/** Values as the SQLite engine stores them, checked on the way in. */
import { StoreError } from '../store-error.ts';

/** Milliseconds since the epoch of a valid Date; an Invalid Date would be stored as NULL or NaN. */
export function millis(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new StoreError('INVALID_INPUT', `store: ${what} is not a valid date: ${String(date)}`);
  return ms;
}

/** A stored instant, or null. */
export const dateOrNull = (value: number | null): Date | null => (value === null ? null : new Date(value));
