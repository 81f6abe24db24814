/**
 * This process's name in the leases it takes in a shared database (feed
 * polls, answers owed): unique among the instances on one database, and new
 * at each start, so a restarted instance never mistakes a dead one's lease
 * for its own.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
