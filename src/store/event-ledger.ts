/**
 * The Events API event ids already being answered, as a port: claimed once,
 * so a retried or replayed event is never answered twice.
 */
export interface EventLedger {
  /**
   * Records that an Events API `event_id` is being answered. True the first
   * time an id is claimed, false ever after (across processes and restarts),
   * so Slack's retries are refused.
   */
  claimEvent(eventId: string, at: Date): Promise<boolean>;
  /** Forgets event ids claimed before `at` (Slack retries stop after minutes); returns how many were removed. */
  pruneEventsBefore(at: Date): Promise<number>;
}
