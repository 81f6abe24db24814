/**
 * Turns text as Slack sends it (mrkdwn with `<@U…>`, `<#C…|name>`,
 * `<https://…|label>` and `&amp;`-escapes) back into plain words, dropping the
 * mentions of `dropUserId` (the bot itself in an @-mention).
 */
export function decodeSlackText(text: string, dropUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return target.slice(1) === dropUserId ? '' : (label ?? '');
      if (target.startsWith('!') || target.startsWith('#')) return label ?? '';
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
