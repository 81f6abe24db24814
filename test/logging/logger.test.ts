import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, toSlackLogger } from '../../src/logging/logger.ts';
import { maskTokens } from '../../src/logging/mask-tokens.ts';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

describe('logger', () => {
  it('writes JSON lines with secrets redacted by key and by shape', () => {
    const { stream, lines } = capture();
    const logger = createLogger('info', stream);
    logger.info({ token: 'xoxb-111-222-abc', config: { signingSecret: 'shh', appToken: 'xapp-1-A-2' } }, 'sent with xoxb-111-222-abc');
    logger.error({ err: new Error('auth failed for xoxp-999-888') }, 'boom');
    const text = lines().map((l) => JSON.stringify(l)).join('\n');
    expect(text).not.toMatch(/xoxb-111|xoxp-999|shh|xapp-1-A-2/);
    expect(lines()[0]).toMatchObject({ level: 30, msg: 'sent with xoxb-[REDACTED]', token: '[REDACTED]' });
  });

  it('lets Bolt log through pino at LOG_LEVEL, masking tokens in its messages', () => {
    const { stream, lines } = capture();
    const slackLogger = toSlackLogger(createLogger('warn', stream));
    slackLogger.info('not shown at warn');
    slackLogger.warn('token xoxb-123-456-def was rejected', { attempt: 2 });
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ level: 40, component: 'slack-sdk', msg: 'token xoxb-[REDACTED] was rejected {"attempt":2}' });
  });

  it('does not even format a Bolt line below LOG_LEVEL (Bolt logs its ack bodies at debug, per request)', () => {
    let formatted = 0;
    const part = { toJSON: () => (formatted += 1, { body: 'token=xoxb-1-2-abc' }) };
    const quiet = capture();
    toSlackLogger(createLogger('warn', quiet.stream)).debug('ack() call begins', part);
    expect(formatted).toBe(0);
    expect(quiet.lines()).toEqual([]);
    const verbose = capture();
    toSlackLogger(createLogger('debug', verbose.stream)).debug('ack() call begins', part);
    expect(formatted).toBe(1);
    expect(verbose.lines()[0]).toMatchObject({ level: 20, msg: 'ack() call begins {"body":"token=xoxb-[REDACTED]"}' });
  });

  it('masks every Slack token shape', () => {
    expect(maskTokens('a xoxb-1-2-x b xoxp-3 c xapp-1-A1-zz d xoxe.xoxp-1')).not.toMatch(/xoxb-1|xoxp-3|xapp-1-A1/);
  });
});
