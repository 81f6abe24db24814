import { describe, expect, it } from 'vitest';
import { DIGEST_EXAMPLES, MENTION_EXAMPLE, renderUsage, SEARCH_EXAMPLES, USAGE_TITLE } from '../../../src/slack/render/usage.ts';
import { allText } from './fixtures.ts';
import { messageProblems } from './message-checks.ts';

describe('renderUsage', () => {
  const message = renderUsage();
  const text = allText(message);

  it('shows every example command as code', () => {
    const commands = [
      '/aigov search capacity-building',
      '/aigov search sanctions after:2024-01-01',
      '/aigov search source:"Global Times" AI',
      '/aigov help',
      '/aigov digest subscribe 09:00 Europe/Brussels',
      '/aigov digest status',
      '/aigov digest unsubscribe',
      '/aigov digest now',
    ];
    expect([...SEARCH_EXAMPLES, ...DIGEST_EXAMPLES].map((e) => e.command)).toEqual(commands);
    for (const command of commands) expect(text).toContain(`\`${command}\``);
  });

  it('shows the @-mention form', () => {
    expect(MENTION_EXAMPLE.command).toMatch(/^@aigov .+\?$/);
    expect(text).toContain(`\`${MENTION_EXAMPLE.command}\``);
  });

  it('has a fallback and keeps within every limit', () => {
    expect(message.text).toBe(USAGE_TITLE);
    expect(messageProblems(message)).toEqual([]);
  });
});
