/**
 * Who may manage feeds and remove articles: the users in `ADMIN_USER_IDS`,
 * or, when that setting is empty, the workspace's admins and owners
 * (`users.info` → `is_admin` / `is_owner`; needs `users:read`).
 * https://docs.slack.dev/reference/methods/users.info
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger.ts';

/** How long a users.info answer is trusted: a demoted admin loses the right within this. */
export const ADMIN_LOOKUP_TTL_MS = 5 * 60_000;

export type AdminCheck = (userId: string) => Promise<boolean>;

export function createAdminCheck(deps: {
  readonly adminUserIds: readonly string[];
  readonly client: WebClient;
  readonly logger: Logger;
  readonly now?: () => number;
}): AdminCheck {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { admin: boolean; at: number }>();
  return async (userId) => {
    if (deps.adminUserIds.length > 0) return deps.adminUserIds.includes(userId);
    const cached = cache.get(userId);
    if (cached !== undefined && now() - cached.at < ADMIN_LOOKUP_TTL_MS) return cached.admin;
    try {
      const answer = await deps.client.users.info({ user: userId });
      const user = answer.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
      const admin = user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
      cache.set(userId, { admin, at: now() });
      return admin;
    } catch (err) {
      // Refuse when Slack cannot say: a right is not granted on an error.
      deps.logger.warn({ err, userId }, 'could not read whether the user is a workspace admin');
      return false;
    }
  };
}
