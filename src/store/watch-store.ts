/**
 * The watch port of the {@link Store}: saved queries that alert a channel,
 * and the durable record of which article alerted which watch (an article
 * alerts a watch once, across restarts). Plain data and Promises, like the
 * rest of the Store.
 */

/** A saved query that alerts a channel (or a DM) of new matching articles. */
export interface Watch {
  /** Stable number shown to users (`/aigov unwatch 12`); never reused. */
  readonly id: number;
  /** Where alerts go: a channel id, or the id of the DM with the bot. */
  readonly channelId: string;
  /** The query as the user typed it (search syntax, filters included). */
  readonly query: string;
  /** Slack user id of whoever made it. */
  readonly createdBy: string;
  /** Articles first seen before this instant never alert this watch. */
  readonly createdAt: Date;
  /** When it last alerted (its latest recorded alert), or null. */
  readonly lastFiredAt: Date | null;
  /** Set when alerts cannot be posted until a person acts (`/aigov watch resume` clears it). */
  readonly paused: { readonly reason: string; readonly at: Date } | null;
}

export interface WatchInput {
  readonly channelId: string;
  readonly query: string;
  readonly createdBy: string;
  readonly at: Date;
}

export interface WatchStore {
  createWatch(input: WatchInput): Promise<Watch>;
  /** Every watch of the workspace, by id. */
  listWatches(): Promise<Watch[]>;
  getWatch(id: number): Promise<Watch | null>;
  /** True when a watch was deleted (its alert record goes with it). */
  deleteWatch(id: number): Promise<boolean>;
  /** Pauses every watch of the channel with the reason; returns how many. */
  pauseChannelWatches(channelId: string, reason: string, at: Date): Promise<number>;
  /** Resumes every paused watch of the channel; returns how many. */
  resumeChannelWatches(channelId: string): Promise<number>;
  /**
   * Claims the alert of `articleId` for `watchId`: true the first time
   * (across processes and restarts), false ever after. Claimed before
   * posting: an alert lost to a crash is preferred to one posted twice.
   */
  claimWatchAlert(watchId: number, articleId: string, at: Date): Promise<boolean>;
  /** Alerts claimed for the watch at or after `since`. */
  countWatchAlertsSince(watchId: number, since: Date): Promise<number>;
  /**
   * Records that the watch's "too many matches" notice was sent for the
   * UTC day `day` (`YYYY-MM-DD`); true the first time for that day.
   */
  noteWatchOverLimit(watchId: number, day: string): Promise<boolean>;
}
