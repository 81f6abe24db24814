/**
 * Delivers `@aigov` answers so that none that was acknowledged is lost.
 *
 * - **Durable.** The answer is owed from the moment the event is claimed
 *   (answer-ledger.ts); a post that fails stays owed, is retried here in the
 *   background, and what is still owed when the bot starts is posted then.
 * - **Per channel.** A 429 holds back only the channel it was for: the
 *   answers' client rejects rate-limited calls instead of pausing its whole
 *   queue (what @slack/web-api does by default: every channel waited), and
 *   this module waits out `Retry-After` for that channel alone.
 * - **Bounded.** At most {@link ANSWER_DELIVERY_RETRY}.maxAttempts posts per
 *   answer; then it is marked abandoned, with an error in the log.
 * - **Outcome unknown → post again (a possible duplicate, never a loss).** A
 *   timeout or a connection dropped after the request left may or may not
 *   have posted. `chat.postMessage` has no idempotency key, and reading the
 *   thread back needs a scope the bot does not ask for, so one of the two
 *   must be risked. The bot reposts: a second copy of the same answer in the
 *   thread is visible and harmless; a lost answer is silence that nobody can
 *   tell from "still thinking". (The digest chooses the other way, because a
 *   digest posted twice to a whole channel costs more, and a missed day is
 *   made up by the next digest.)
 */
import { INSTANCE_ID } from '../runtime/instance-id.ts';
import type { Logger } from '../logging/logger.ts';
import { InFlight } from '../runtime/in-flight.ts';
import type { AnswerLedger, AnswerRequest } from '../store/answer-ledger.ts';
import type { SlackMessage } from '../slack/render/types.ts';
import { classifyAnswerPostFailure } from './post-failure.ts';

/** How answer posts are retried; a rate limit waits `Retry-After` instead of the backoff. */
export const ANSWER_DELIVERY_RETRY: AnswerRetry = {
  /** Posts per answer, the first included: 8 spans about two minutes of Slack failing. */
  maxAttempts: 8,
  initialMs: 1_000,
  factor: 2,
  maxMs: 60_000,
};

/** See {@link ANSWER_DELIVERY_RETRY}. */
export interface AnswerRetry {
  readonly maxAttempts: number;
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

/**
 * How long this instance holds an answer it is delivering, beyond the wait
 * before its next attempt (store: holdAnswer). Another instance on the same
 * database takes the answer up only once the lease has run out: this one died.
 */
export const ANSWER_LEASE_MS = 30_000;

/** How often an instance looks for answers owed by an instance that died (their lease run out). */
export const ANSWER_ADOPT_INTERVAL_MS = 15_000;

/** Owed answers older than this are not posted at start (a day-old reply would surprise more than help). */
export const ANSWER_OWED_FOR_MS = 24 * 60 * 60 * 1000;

/** What `chat.postMessage` is called with. */
export type AnswerPost = { readonly channel: string; readonly thread_ts: string; readonly unfurl_links: false; readonly unfurl_media: false } & SlackMessage;

export interface AnswerDeliveryDeps {
  readonly ledger: Pick<AnswerLedger, 'recordAnswerAttempt' | 'completeAnswer' | 'abandonAnswer' | 'holdAnswer' | 'adoptOwedAnswers' | 'releaseAnswers'>;
  /** This instance's name in the answer leases (default runtime/instance-id.ts). */
  readonly owner?: string;
  /** `chat.postMessage` on a client that rejects rate-limited calls and does not retry (see createAnswerClient). */
  readonly post: (args: AnswerPost) => Promise<{ ts?: string }>;
  /** The answer to a question, for answers owed from before a restart. */
  readonly compose: (question: string) => Promise<SlackMessage>;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly retry?: AnswerRetry;
}

/** How one delivery ended for now; `elsewhere`: another instance holds the answer (it took it up). */
export type DeliveryOutcome = 'posted' | 'retrying' | 'abandoned' | 'elsewhere';

export class AnswerDelivery {
  readonly #deps: AnswerDeliveryDeps;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #retry: AnswerRetry;
  /** Channel id → epoch ms before which nothing is posted there (Slack's Retry-After). */
  readonly #holds = new Map<string, number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Posts under way; the shutdown waits for them (scheduled retries are durable and resume at the next start). */
  readonly inFlight = new InFlight();
  readonly #owner: string;
  #adopting: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(deps: AnswerDeliveryDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ component: 'answer-delivery' });
    this.#now = deps.now ?? (() => new Date());
    this.#retry = deps.retry ?? ANSWER_DELIVERY_RETRY;
    this.#owner = deps.owner ?? INSTANCE_ID;
  }

  /** Holds the answer until `forMs` from now (plus the lease); false when another instance holds it. */
  #hold(eventId: string, forMs: number): Promise<boolean> {
    const at = this.#now();
    return this.#deps.ledger.holdAnswer(eventId, this.#owner, at, new Date(at.getTime() + forMs + ANSWER_LEASE_MS));
  }

  /**
   * Posts `message` as the answer to `request` (already claimed). Resolves
   * after the first attempt: `retrying` means it failed surely or uncertainly
   * and is retried in the background.
   */
  deliver(request: AnswerRequest, message: SlackMessage, attemptsSoFar = 0): Promise<DeliveryOutcome> {
    return this.inFlight.track(() => this.#attempt(request, message, attemptsSoFar));
  }

  async #attempt(request: AnswerRequest, message: SlackMessage, attemptsSoFar: number): Promise<DeliveryOutcome> {
    const { ledger } = this.#deps;
    const heldUntil = this.#holds.get(request.channelId) ?? 0;
    const wait = heldUntil - Date.now();
    if (!(await this.#hold(request.eventId, Math.max(0, wait)))) {
      this.#log.info({ eventId: request.eventId }, 'another instance is delivering this answer');
      return 'elsewhere';
    }
    if (wait > 0) {
      this.#later(request, message, attemptsSoFar, wait);
      return 'retrying';
    }
    let failure;
    try {
      const result = await this.#deps.post({
        channel: request.channelId,
        thread_ts: request.threadTs,
        unfurl_links: false,
        unfurl_media: false,
        ...message,
      });
      await ledger.completeAnswer(request.eventId, result.ts ?? null, this.#now());
      this.#log.info({ eventId: request.eventId, attempts: attemptsSoFar + 1 }, 'mention answered');
      return 'posted';
    } catch (err) {
      failure = classifyAnswerPostFailure(err);
    }
    const { eventId, channelId } = request;
    if (failure.kind === 'refused') {
      await ledger.abandonAnswer(eventId, failure.error, this.#now());
      this.#log.warn({ eventId, channelId, error: failure.error }, 'Slack refused the answer; not retried');
      return 'abandoned';
    }
    const attempts = await ledger.recordAnswerAttempt(eventId, `${failure.kind}: ${'error' in failure ? failure.error : ''}`, this.#now());
    if (attempts >= this.#retry.maxAttempts) {
      await ledger.abandonAnswer(eventId, `gave up after ${attempts} attempts (${failure.kind})`, this.#now());
      this.#log.error({ eventId, channelId, attempts, failure }, 'answer not delivered: retries exhausted');
      return 'abandoned';
    }
    let delay: number;
    if (failure.kind === 'rate-limited') {
      delay = failure.retryAfterMs;
      this.#holds.set(channelId, Date.now() + delay);
    } else {
      delay = Math.min(this.#retry.maxMs, this.#retry.initialMs * this.#retry.factor ** (attempts - 1));
    }
    this.#log.warn({ eventId, channelId, attempts, failure, retryInMs: delay }, 'answer post failed; retrying');
    await this.#hold(eventId, delay);
    this.#later(request, message, attempts, delay);
    return 'retrying';
  }

  #later(request: AnswerRequest, message: SlackMessage, attemptsSoFar: number, delayMs: number): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.deliver(request, message, attemptsSoFar).catch((err: unknown) =>
        this.#log.error({ err, eventId: request.eventId }, 'answer retry failed; it stays owed until the next start'),
      );
    }, delayMs);
    this.#timers.add(timer);
  }

  /**
   * Posts the answers owed and held by nobody: from before this start, or
   * left by an instance that stopped or died (its lease run out). Returns how
   * many were taken up.
   */
  async resumeOwed(): Promise<number> {
    const at = this.#now();
    const owed = await this.#deps.ledger.adoptOwedAnswers(
      this.#owner,
      at,
      new Date(at.getTime() + ANSWER_LEASE_MS),
      new Date(at.getTime() - ANSWER_OWED_FOR_MS),
    );
    for (const request of owed) {
      this.#log.info({ eventId: request.eventId, attempts: request.attempts }, 'answering a mention owed from before the restart');
      const message = await this.#deps.compose(request.question);
      await this.deliver(request, message, request.attempts);
    }
    return owed.length;
  }

  /** From now on, takes up what other instances leave owed, every `intervalMs`. */
  adoptEvery(intervalMs: number = ANSWER_ADOPT_INTERVAL_MS): void {
    if (this.#stopped || this.#adopting !== null) return;
    this.#adopting = setInterval(() => {
      this.resumeOwed().catch((err: unknown) => this.#log.warn({ err }, 'could not look for answers owed by other instances'));
    }, intervalMs);
    this.#adopting.unref();
  }

  /**
   * Stops scheduling retries and gives back this instance's leases: what is
   * still owed stays recorded, and the next start (or another instance)
   * posts it at once.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#adopting !== null) clearInterval(this.#adopting);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.#deps.ledger.releaseAnswers(this.#owner);
  }
}
