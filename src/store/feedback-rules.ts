/** Feedback's rules on input, the same for every engine. */
import type { VoteValue } from './feedback-store.ts';
import { StoreError } from './store-error.ts';

/** Answer ids: 16 random bytes, base64url (22 characters). Unguessable, so a vote cannot be cast on an answer never shown to anyone. */
export const ANSWER_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function checkVote(vote: VoteValue): void {
  if (vote !== 'up' && vote !== 'down') throw new StoreError('INVALID_INPUT', `store: vote must be 'up' or 'down', got '${String(vote)}'`);
}
