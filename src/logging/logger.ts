import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { LogLevelName } from '../config/config.ts';
import { maskTokens } from './mask-tokens.ts';

export type Logger = PinoLogger;

/** Object paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
];

/**
 * Creates the JSON logger. Secrets are removed by path (`redact`) and by shape
 * (strings that look like tokens).
 */
export function createLogger(level: LogLevelName, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'aigov' },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? maskTokens(arg) : arg));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          // Error messages and stacks are free text: mask token shapes in them too.
          const err = object['err'];
          if (err instanceof Error) {
            return { ...object, err: { type: err.name, message: maskTokens(err.message), stack: maskTokens(err.stack ?? '') } };
          }
          return object;
        },
      },
    },
    destination,
  );
}

const SLACK_TO_PINO: Record<LogLevel, LogLevelName> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

function describe(parts: unknown[]): { msg: string; err?: Error } {
  const err = parts.find((p): p is Error => p instanceof Error);
  const msg = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === 'string' ? p : safeStringify(p)))
    .join(' ');
  return err ? { msg, err } : { msg };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Adapts pino to the logger interface Bolt and the Slack SDKs expect, so
 * their lines are JSON, redacted, and follow LOG_LEVEL.
 */
export function toSlackLogger(logger: Logger): SlackLogger {
  let current = logger.child({ component: 'slack-sdk' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]): void => {
    // Bolt logs several debug lines per request (some carry the whole ack body); below LOG_LEVEL they are
    // dropped before being joined and masked, a visible share of the thread that acks during a burst
    // (BENCHMARKS.md, "Acks during an import").
    if (!current.isLevelEnabled(level)) return;
    const { msg, err } = describe(parts);
    if (err) current[level]({ err }, maskTokens(msg));
    else current[level](maskTokens(msg));
  };
  return {
    debug: (...parts: unknown[]) => write('debug', parts),
    info: (...parts: unknown[]) => write('info', parts),
    warn: (...parts: unknown[]) => write('warn', parts),
    error: (...parts: unknown[]) => write('error', parts),
    // Bolt calls setLevel with its own default; LOG_LEVEL stays in charge, so this is ignored on purpose.
    setLevel: () => undefined,
    getLevel: () => {
      const level = current.level;
      return (Object.keys(SLACK_TO_PINO) as LogLevel[]).find((l) => SLACK_TO_PINO[l] === level) ?? LogLevel.ERROR;
    },
    setName: (name: string) => {
      current = logger.child({ component: name });
    },
  };
}
