/**
 * `/aigov digest …`: subscribe a channel to the daily digest, unsubscribe it,
 * show its status, or post a digest now. Every answer is private (ephemeral)
 * except the digest itself.
 */
import { canonicalTimeZone, DEFAULT_TIME_ZONE, isValidTimeZone, localDateAt, parseDigestTime } from '../../../core/digest/schedule.ts';
import { DIGEST_HISTORY_DAYS, digestHistory, nextDigestAt, type DigestDay } from '../../../core/digest/digest-history.ts';
import { DateTime } from 'luxon';
import { DEFAULT_DIGEST_TIME } from '../../../digest/configured-subscription.ts';
import type { DigestDelivery, DigestDeliveryResult } from '../../../digest/deliver-digest.ts';
import { section } from '../../render/blocks.ts';
import { describeInstant, describeLocalDate, nothingNewText } from '../../render/digest.ts';
import { escapeMrkdwn } from '../../render/escape.ts';
import { fallback } from '../../render/fallback.ts';
import type { SlackMessage } from '../../render/types.ts';
import { DIGEST_EXAMPLES } from '../../render/usage.ts';
import type { Store } from '../../../store/store.ts';
import type { Subscription } from '../../../store/digest-store.ts';
import type { SubcommandHandler } from './command-context.ts';

/** Words the digest command says; tests check them. */
export const DIGEST_TEXT = {
  usageTitle: 'Daily digest commands',
  zoneFallback:
    `I couldn't read your Slack time zone, so I used ${DEFAULT_TIME_ZONE}. To choose one, add it: \`/aigov digest subscribe 09:00 Europe/Brussels\`.`,
  timeExamples: 'Write the time as HH:MM (24-hour) or with am/pm, e.g. `09:00`, `17:30`, `9am`.',
  zoneExamples: 'Write the zone as an IANA name, e.g. `Europe/Brussels`, `America/New_York`, `Asia/Shanghai` or `UTC`.',
  notSubscribed: 'This channel has no digest subscription. Start one with `/aigov digest subscribe 09:00 Europe/Brussels`.',
  unsubscribed: 'This channel will no longer get the aigov digest.',
  alreadyPosted: "Today's digest for this channel was already posted; new articles will be in the next one.",
  inProgress:
    "Today's digest for this channel is already being posted, or an earlier attempt was interrupted; to avoid posting it twice, I won't post it again today.",
  neverPosted: 'No digest has been posted here yet.',
  noneConfirmed: 'No digest post has been confirmed here yet (see the days below: one may be in the channel).',
  outcomeUnknown:
    "Slack did not confirm the digest post. It may or may not be in the channel; to avoid posting it twice, I won't retry it today. Its articles will be in the next digest.",
} as const;

export interface DigestCommandDeps {
  readonly store: Store;
  readonly delivery: DigestDelivery;
  /** The user's IANA time zone from Slack (`users.info` → `user.tz`), or null when it cannot be read. */
  readonly lookUpUserTimeZone: (userId: string) => Promise<string | null>;
  readonly now: () => Date;
}

function reply(lines: readonly string[]): SlackMessage {
  const text = lines.join('\n');
  return { text: fallback(lines[0] ?? text), blocks: [section(text)] };
}

/** Reads `[time] [zone]` in either order; either may be missing. */
export function parseSubscribeArgs(
  args: string,
): { ok: true; time: string | null; zone: string | null } | { ok: false; problems: string[] } {
  const words = args.split(/\s+/).filter((w) => w.length > 0);
  let zone: string | null = null;
  const zoneAt = words.findIndex((w) => w.includes('/') || /^utc$/i.test(w) || /^gmt$/i.test(w));
  const problems: string[] = [];
  if (zoneAt >= 0) {
    const word = words.splice(zoneAt, 1)[0] ?? '';
    const canonical = canonicalTimeZone(word);
    if (canonical === null || !isValidTimeZone(word)) problems.push(`'${word}' is not a time zone I know. ${DIGEST_TEXT.zoneExamples}`);
    else zone = canonical;
  }
  let time: string | null = null;
  if (words.length > 0) {
    const parsed = parseDigestTime(words.join(' '));
    if (parsed.ok) time = parsed.time;
    else {
      // A lone word that is neither a time nor a known zone: say both ways it could be read.
      problems.push(`${parsed.reason}. ${DIGEST_TEXT.timeExamples}`);
      if (zoneAt < 0 && words.length === 1 && /^[a-z_]+$/i.test(words[0] ?? '')) problems.push(DIGEST_TEXT.zoneExamples);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, time, zone };
}

/** "every day at 09:00 (Europe/Brussels). Next: Tue 24 Nov 2025 09:00 (Europe/Brussels)." */
export function subscribedText(sub: Pick<Subscription, 'time' | 'timeZone'>, next: Date): string {
  return `This channel will get the aigov digest every day at ${sub.time} (${sub.timeZone}). Next: ${describeInstant(next, sub.timeZone)}.`;
}

function usage(): SlackMessage {
  return reply([
    `*${DIGEST_TEXT.usageTitle}*`,
    ...DIGEST_EXAMPLES.map((e) => `• \`${escapeMrkdwn(e.command)}\` ${escapeMrkdwn(e.description)}`),
    'Without a time, the digest comes at 09:00; without a zone, in your Slack time zone.',
  ]);
}

/** One line of `digest status`'s history. */
export function describeDigestDay(day: DigestDay, timeZone: string): string {
  const date = describeLocalDate(day.localDate);
  switch (day.kind) {
    case 'posted':
      return `${date}: posted ${describeInstant(day.postedAt, timeZone)} (${day.articles} ${day.articles === 1 ? 'article' : 'articles'})`;
    case 'nothing-new':
      return `${date}: nothing new, no post`;
    case 'unconfirmed':
      return day.interrupted
        ? `${date}: interrupted; Slack never confirmed the post, so it may or may not be in the channel (not retried; its articles go into the next digest)`
        : `${date}: being posted (not confirmed yet)`;
    case 'skipped':
      return day.error === null
        ? `${date}: skipped (no digest was attempted: the bot was not running at that time, or the subscription was paused)`
        : `${date}: skipped (the post failed: ${day.error})`;
  }
}

/** What `digest now` says about a delivery, in words. */
export function describeNowResult(result: DigestDeliveryResult): string {
  switch (result.status) {
    case 'posted': {
      const n = result.articleIds.length;
      return `Posted the digest in this channel (${n} ${n === 1 ? 'article' : 'articles'}). It counts as today's digest.`;
    }
    case 'nothing-new':
      return `${nothingNewText(result.since, result.timeZone)} Nothing was posted.`;
    case 'already-claimed':
      return result.record?.state === 'posted' ? DIGEST_TEXT.alreadyPosted : DIGEST_TEXT.inProgress;
    case 'paused':
      return `I could not post the digest, and paused this channel's subscription: ${result.reason}`;
    case 'failed':
      return `I could not post the digest (${result.error}). Nothing was posted; try again later.`;
    case 'outcome-unknown':
      return DIGEST_TEXT.outcomeUnknown;
  }
}

/** The `digest` subcommand of `/aigov`. */
export function createDigestCommand(deps: DigestCommandDeps): SubcommandHandler {
  const { store, delivery, now } = deps;

  async function subscribe(args: string, userId: string, channelId: string): Promise<SlackMessage> {
    const parsed = parseSubscribeArgs(args);
    if (!parsed.ok) return reply(parsed.problems.map(escapeMrkdwn));
    const notes: string[] = [];
    let zone = parsed.zone;
    if (zone === null) {
      const userZone = await deps.lookUpUserTimeZone(userId).catch(() => null);
      zone = userZone === null ? null : canonicalTimeZone(userZone);
      if (zone === null || !isValidTimeZone(zone)) {
        zone = DEFAULT_TIME_ZONE;
        notes.push(DIGEST_TEXT.zoneFallback);
      }
    }
    const at = now();
    const sub = await store.digests.upsertSubscription({ channelId, time: parsed.time ?? DEFAULT_DIGEST_TIME, timeZone: zone, createdBy: userId, at });
    return reply([escapeMrkdwn(subscribedText(sub, nextDigestAt(at, sub, await recentDays(channelId, sub.timeZone, at)))), ...notes]);
  }

  /** The ledger's recent rows (a few days more than the history shows, so an older taken day still counts). */
  function recentDays(channelId: string, timeZone: string, at: Date) {
    const since = DateTime.fromISO(localDateAt(at, timeZone), { zone: 'UTC' }).minus({ days: DIGEST_HISTORY_DAYS + 1 });
    return store.digests.recentDigests(channelId, since.toISODate() ?? '1970-01-01');
  }

  async function status(channelId: string): Promise<SlackMessage> {
    const sub = await store.digests.getSubscription(channelId);
    if (sub === null) return reply([DIGEST_TEXT.notSubscribed]);
    const at = now();
    const last = await store.digests.lastCompletedDigest(channelId);
    const records = await recentDays(channelId, sub.timeZone, at);
    const lines = [`This channel gets the aigov digest every day at ${sub.time} (${sub.timeZone}).`];
    if (sub.paused !== null) {
      lines.push(`Paused since ${describeInstant(sub.paused.at, sub.timeZone)}: ${sub.paused.reason}`);
    } else {
      lines.push(`Next: ${describeInstant(nextDigestAt(at, sub, records), sub.timeZone)}.`);
    }
    const history = digestHistory(records, sub, at);
    if (last === null && records.length === 0) lines.push(DIGEST_TEXT.neverPosted);
    else if (last === null) lines.push(DIGEST_TEXT.noneConfirmed);
    else if (last.messageTs === null) lines.push(`Last digest: ${last.localDate}, nothing new that day.`);
    else lines.push(`Last digest: posted ${describeInstant(last.postedAt, sub.timeZone)}.`);
    if (history.length > 0) lines.push('Recent days:', ...history.map((day) => `• ${describeDigestDay(day, sub.timeZone)}`));
    return reply(lines.map(escapeMrkdwn));
  }

  return async ({ args, userId, channelId, respond }) => {
    const [action = '', ...rest] = args.split(/\s+/);
    const restText = rest.join(' ');
    let message: SlackMessage;
    switch (action.toLowerCase()) {
      case 'subscribe':
        message = await subscribe(restText, userId, channelId);
        break;
      case 'unsubscribe':
        message = reply([(await store.digests.deleteSubscription(channelId)) ? DIGEST_TEXT.unsubscribed : DIGEST_TEXT.notSubscribed]);
        break;
      case 'status':
        message = await status(channelId);
        break;
      case 'now':
        message = reply([escapeMrkdwn(describeNowResult(await delivery.deliverNow(channelId)))]);
        break;
      default:
        message = usage();
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
  };
}
