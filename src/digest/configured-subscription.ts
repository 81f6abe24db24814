/**
 * The digest subscription set in the environment (`DIGEST_CHANNEL`,
 * `DIGEST_TIME`, `DIGEST_TIME_ZONE`): configuration as code, applied at start.
 */
import { canonicalTimeZone, DEFAULT_TIME_ZONE, parseDigestTime } from '../core/digest/schedule.ts';
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/digest-store.ts';

/** Time of a configured digest when `DIGEST_TIME` is not set. */
export const DEFAULT_DIGEST_TIME = '09:00';

export interface DigestSettings {
  readonly digestChannel: string | null;
  readonly digestTime: string | null;
  readonly digestTimeZone: string | null;
}

/**
 * Creates the configured subscription, or changes its time or zone when the
 * settings changed. An unchanged subscription is left alone: re-writing it
 * would move its `updatedAt` to now, and a restart after 09:00 would then
 * skip that day's 09:00 digest. A paused one stays paused (someone must fix
 * the channel; `/aigov digest subscribe` then resumes it).
 *
 * @returns the subscription, or null when none is configured.
 * @throws RangeError naming the setting when the time or zone is unreadable.
 */
export async function applyConfiguredSubscription(store: Store, settings: DigestSettings, at: Date): Promise<Subscription | null> {
  if (settings.digestChannel === null) return null;
  const parsed = parseDigestTime(settings.digestTime ?? DEFAULT_DIGEST_TIME);
  if (!parsed.ok) throw new RangeError(`DIGEST_TIME: ${parsed.reason}`);
  const zone = canonicalTimeZone(settings.digestTimeZone ?? DEFAULT_TIME_ZONE);
  if (zone === null) throw new RangeError(`DIGEST_TIME_ZONE: '${settings.digestTimeZone}' is not an IANA time zone`);

  const existing = await store.digests.getSubscription(settings.digestChannel);
  if (existing !== null && existing.time === parsed.time && existing.timeZone === zone) return existing;
  return store.digests.upsertSubscription({ channelId: settings.digestChannel, time: parsed.time, timeZone: zone, createdBy: null, at });
}
