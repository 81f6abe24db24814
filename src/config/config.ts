import path from 'node:path';
import { ConfigError } from './config-error.ts';
import { parseHttpUrl } from '../core/http-url.ts';
import { isValidTimeZone, parseDigestTime } from '../core/digest/schedule.ts';
import { AllowListEntryError, parseAllowList, type AddressRange } from '../ingest/fetch/address-guard.ts';

/** Log levels pino understands; `silent` turns logging off. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** The bot's settings, read once from the environment by {@link loadConfig}. */
export interface Config {
  /** `socket` when `SLACK_APP_TOKEN` is set (Socket Mode), `http` otherwise (Events API over HTTP). */
  readonly mode: 'socket' | 'http';
  /** Bot token, `xoxb-…`. */
  readonly botToken: string;
  /** Signing secret; required and non-empty in HTTP mode, unused in Socket Mode. */
  readonly signingSecret: string | null;
  /** App-level token, `xapp-…`; set means Socket Mode. */
  readonly appToken: string | null;
  /** Port for `POST /slack/events` (HTTP mode) and `GET /healthz` (both modes). */
  readonly port: number;
  /** Web API base URL ending in `/`, e.g. `https://slack.com/api/`; null means Slack's default. */
  readonly slackApiUrl: string | null;
  /** Absolute path of the corpus directory. */
  readonly corpusDir: string;
  /** Absolute path of the directory the bot writes to (database, persisted index). */
  readonly dataDir: string;
  /**
   * `DATABASE_URL` (`postgres://user:password@host:5432/aigov`): the bot's
   * state in PostgreSQL, shared by every instance that names it. Null: the
   * embedded SQLite file in DATA_DIR.
   */
  readonly databaseUrl: string | null;
  readonly logLevel: LogLevelName;
  /** Optional config-as-code digest subscription: channel id and `HH:MM`. */
  readonly digestChannel: string | null;
  readonly digestTime: string | null;
  /** Time zone for `DIGEST_CHANNEL` (IANA); null means UTC. */
  readonly digestTimeZone: string | null;
  /**
   * `AIGOV_FRESH_START=1`: start even though the database is missing or empty
   * in a DATA_DIR that was used before (data-dir-guard.ts). For one start only.
   */
  readonly freshStart: boolean;
  /**
   * `ADMIN_USER_IDS`: Slack user ids allowed to manage feeds and remove
   * articles. Empty: the workspace's admins and owners (users.info).
   */
  readonly adminUserIds: readonly string[];
  /**
   * `FETCH_ALLOW_PRIVATE`: addresses and CIDR ranges the ingestion fetcher may
   * reach although they are private, loopback… (an intranet, a test server).
   * Empty by default: only public addresses are fetched.
   */
  readonly fetchAllowPrivate: readonly AddressRange[];
}

/** Defaults for every optional setting, in one place. */
export const CONFIG_DEFAULTS = {
  port: 3000,
  corpusDir: './corpus',
  dataDir: './data',
  logLevel: 'info' as LogLevelName,
} as const;

type Env = Readonly<Record<string, string | undefined>>;

function optional(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function requireToken(env: Env, name: string, prefix: string): string {
  const value = optional(env, name);
  if (value === null) throw new ConfigError(name, 'is missing (see .env.example)');
  // Never echo the value: it is a secret.
  if (!value.startsWith(prefix)) throw new ConfigError(name, `must start with "${prefix}"`);
  return value;
}

function parsePort(env: Env): number {
  const raw = optional(env, 'PORT');
  if (raw === null) return CONFIG_DEFAULTS.port;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 1 to 65535, not '${raw}'`);
  }
  return port;
}

function parseApiUrl(env: Env): string | null {
  const raw = optional(env, 'SLACK_API_URL');
  if (raw === null) return null;
  const parsed = parseHttpUrl(raw);
  if (!parsed.ok) {
    throw new ConfigError('SLACK_API_URL', parsed.problem === 'not-a-url' ? `is not a URL: '${raw}'` : `must be an http(s) URL, not '${raw}'`);
  }
  const { url } = parsed;
  // @slack/web-api appends the method name to this base, so it must end in a slash.
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function parseDatabaseUrl(env: Env): string | null {
  const raw = optional(env, 'DATABASE_URL');
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value may hold a password: it is not repeated.
    throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must be a postgres:// or postgresql:// URL, not ${url.protocol}//…`);
  }
  return raw;
}

function parseLogLevel(env: Env): LogLevelName {
  const raw = optional(env, 'LOG_LEVEL');
  if (raw === null) return CONFIG_DEFAULTS.logLevel;
  const level = raw.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, not '${raw}'`);
  }
  return level as LogLevelName;
}

function parseFlag(env: Env, name: string): boolean {
  const raw = optional(env, name);
  if (raw === null || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (raw === '1' || raw.toLowerCase() === 'true') return true;
  throw new ConfigError(name, `must be 1 or 0 (true or false), not '${raw}'`);
}

function parseDigestSettings(env: Env): Pick<Config, 'digestChannel' | 'digestTime' | 'digestTimeZone'> {
  const digestChannel = optional(env, 'DIGEST_CHANNEL');
  const digestTime = optional(env, 'DIGEST_TIME');
  const digestTimeZone = optional(env, 'DIGEST_TIME_ZONE');
  if (digestChannel !== null && !/^[CG][A-Z0-9]{2,}$/.test(digestChannel)) {
    throw new ConfigError('DIGEST_CHANNEL', `must be a channel id such as C0123ABCD, not '${digestChannel}'`);
  }
  if (digestChannel === null && (digestTime !== null || digestTimeZone !== null)) {
    throw new ConfigError('DIGEST_CHANNEL', 'is missing: DIGEST_TIME and DIGEST_TIME_ZONE need it');
  }
  const time = digestTime === null ? null : parseDigestTime(digestTime);
  if (time !== null && !time.ok) throw new ConfigError('DIGEST_TIME', time.reason);
  if (digestTimeZone !== null && !isValidTimeZone(digestTimeZone)) {
    throw new ConfigError('DIGEST_TIME_ZONE', `is not an IANA time zone: '${digestTimeZone}'`);
  }
  return { digestChannel, digestTime: time === null ? null : time.time, digestTimeZone };
}

function parseAdminUserIds(env: Env): readonly string[] {
  const raw = optional(env, 'ADMIN_USER_IDS');
  if (raw === null) return [];
  const ids = raw.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
  const bad = ids.find((id) => !/^[UW][A-Z0-9]{2,}$/.test(id));
  if (bad !== undefined) throw new ConfigError('ADMIN_USER_IDS', `must be Slack user ids such as U0123ABCD, separated by commas, not '${bad}'`);
  return ids;
}

function parseFetchAllowPrivate(env: Env): readonly AddressRange[] {
  const raw = optional(env, 'FETCH_ALLOW_PRIVATE');
  if (raw === null) return [];
  try {
    return parseAllowList(raw);
  } catch (err) {
    if (err instanceof AllowListEntryError) throw new ConfigError('FETCH_ALLOW_PRIVATE', err.message);
    throw err;
  }
}

/** Where the bot keeps things: what the CLIs that only read (search, ask, digest, feedback) need. */
export type Storage = Pick<Config, 'corpusDir' | 'dataDir' | 'databaseUrl'>;

/** CORPUS_DIR and DATA_DIR, resolved against `cwd`, with their defaults, and DATABASE_URL. */
export function loadStorage(env: Env, cwd: string = process.cwd()): Storage {
  return {
    corpusDir: path.resolve(cwd, optional(env, 'CORPUS_DIR') ?? CONFIG_DEFAULTS.corpusDir),
    dataDir: path.resolve(cwd, optional(env, 'DATA_DIR') ?? CONFIG_DEFAULTS.dataDir),
    databaseUrl: parseDatabaseUrl(env),
  };
}

/** What `npm run cli -- add|feeds` needs: the bot's directories and fetch allow list, no Slack tokens. */
export type NewsCliConfig = Storage & Pick<Config, 'fetchAllowPrivate'>;

/**
 * Reads the settings the terminal's news commands share with the bot (same
 * CORPUS_DIR, DATA_DIR and FETCH_ALLOW_PRIVATE), so they can run beside it.
 * Throws {@link ConfigError} naming a malformed one.
 */
export function loadNewsCliConfig(env: Env, cwd: string = process.cwd()): NewsCliConfig {
  return { ...loadStorage(env, cwd), fetchAllowPrivate: parseFetchAllowPrivate(env) };
}

/**
 * Reads and validates the bot's settings. Throws {@link ConfigError} naming the
 * first variable that is missing or malformed.
 *
 * @param env the environment, normally `process.env` after dotenv has run
 * @param cwd directory that relative paths are resolved against
 */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const botToken = requireToken(env, 'SLACK_BOT_TOKEN', 'xoxb-');
  const appToken = optional(env, 'SLACK_APP_TOKEN') === null ? null : requireToken(env, 'SLACK_APP_TOKEN', 'xapp-');
  const mode = appToken === null ? 'http' : 'socket';
  const signingSecret = optional(env, 'SLACK_SIGNING_SECRET');
  if (mode === 'http' && signingSecret === null) {
    // Bolt before 4.7.3 accepted an empty secret and so any forged request (bolt-js #2946).
    throw new ConfigError('SLACK_SIGNING_SECRET', 'is missing or empty; it is required unless SLACK_APP_TOKEN (Socket Mode) is set');
  }
  return {
    mode,
    botToken,
    signingSecret,
    appToken,
    port: parsePort(env),
    slackApiUrl: parseApiUrl(env),
    ...loadNewsCliConfig(env, cwd),
    logLevel: parseLogLevel(env),
    ...parseDigestSettings(env),
    freshStart: parseFlag(env, 'AIGOV_FRESH_START'),
    adminUserIds: parseAdminUserIds(env),
  };
}
