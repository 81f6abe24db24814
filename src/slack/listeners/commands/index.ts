import type { App } from '@slack/bolt';
import type { ServedCorpus } from '../../../corpus/served-corpus.ts';
import type { Logger } from '../../../logging/logger.ts';
import { runAndReport } from '../../run-and-report.ts';
import type { CommandContext, SubcommandHandler } from './command-context.ts';
import { createHelpCommand } from './help.ts';
import { createSearchCommand } from './search.ts';
import type { AnswerRecorder } from '../../../feedback/answer-recorder.ts';
import type { Respond } from '../../response-url.ts';
import { createTimelineCommand } from './timeline.ts';

/** The slash command this app owns (declared in manifest.yml). */
export const SLASH_COMMAND = '/aigov';

export interface CommandDeps {
  readonly corpus: ServedCorpus;
  readonly logger: Logger;
  /** Extra subcommands by name (e.g. `digest`), wired where their dependencies live. */
  readonly extra?: Readonly<Record<string, SubcommandHandler>>;
  /** Records search pages for their 👍 / 👎 buttons (feedback/); absent: no buttons. */
  readonly feedback?: AnswerRecorder;
  /**
   * How an answer reaches the command's response URL (ResponseUrlPoster.respondTo: node's HTTP
   * client, lighter than the fetch behind Bolt's `respond`); absent: Bolt's `respond`.
   */
  readonly respondTo?: (responseUrl: string) => Respond;
}

/** Splits `search capacity building` into the subcommand and the rest. */
export function splitSubcommand(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { name: '', args: '' };
  return { name: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() };
}

/**
 * Registers `/aigov`. It acks at once (Slack allows 3 seconds and never
 * retries a command), then runs the subcommand and answers via `respond`.
 * Text that does not start with a known subcommand is searched for, so
 * `/aigov capacity building` does what the user meant.
 */
export function registerCommands(app: App, deps: CommandDeps): void {
  const help = createHelpCommand();
  const search = createSearchCommand(deps);
  // A Map, not an object: `/aigov constructor` must not find Object.prototype.constructor.
  const timeline = createTimelineCommand(deps);
  const subcommands = new Map<string, SubcommandHandler>([
    ['help', help],
    ['search', search],
    ['timeline', timeline],
    ...Object.entries(deps.extra ?? {}),
  ]);
  const log = deps.logger.child({ handler: 'command' });

  app.command(SLASH_COMMAND, async ({ command, ack, respond: boltRespond }) => {
    await ack();
    const respond = deps.respondTo?.(command.response_url) ?? boltRespond;
    const { name, args } = splitSubcommand(command.text);
    const handler = name === '' ? help : subcommands.get(name);
    const context: CommandContext = {
      args: handler === undefined ? command.text.trim() : args,
      userId: command.user_id,
      channelId: command.channel_id,
      respond,
    };
    const subcommand = handler === undefined ? 'search' : name;
    const started = performance.now();
    await runAndReport(log.child({ subcommand }), respond, () => (handler ?? search)(context));
    log.info({ subcommand, ms: Math.round(performance.now() - started) }, 'command handled');
  });
}
