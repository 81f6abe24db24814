/** The digest ledger's rules on input and on state, the same for every engine. */
import type { DigestState, SubscriptionInput } from './digest-store.ts';
import { StoreError } from './store-error.ts';

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkLocalDate(localDate: string): void {
  if (!LOCAL_DATE.test(localDate)) {
    throw new StoreError('INVALID_INPUT', `store: local date '${localDate}' is not YYYY-MM-DD`);
  }
}

/** A subscription's time is `HH:MM` and its zone an IANA name. */
export function checkSubscriptionInput({ channelId, time, timeZone }: SubscriptionInput): void {
  if (!TIME_OF_DAY.test(time)) {
    throw new StoreError('INVALID_INPUT', `store: subscription time '${time}' for channel ${channelId} is not HH:MM`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new StoreError('INVALID_INPUT', `store: subscription time zone '${timeZone}' for channel ${channelId} is not an IANA time zone`);
  }
}

/** Throws `DIGEST_LEDGER_STATE` unless the day's row (`state`, undefined when none) is in one of the `allowed` states. */
export function checkLedgerState(
  state: DigestState | undefined,
  { channelId, localDate, allowed, action }: { channelId: string; localDate: string; allowed: readonly DigestState[]; action: string },
): void {
  if (state === undefined) {
    throw new StoreError('DIGEST_LEDGER_STATE', `store: cannot ${action} the digest of channel ${channelId} for ${localDate}: it was never reserved`);
  }
  if (!allowed.includes(state)) {
    throw new StoreError(
      'DIGEST_LEDGER_STATE',
      `store: cannot ${action} the digest of channel ${channelId} for ${localDate}: it is '${state}', ` +
        `expected ${allowed.map((s) => `'${s}'`).join(' or ')}`,
    );
  }
}
