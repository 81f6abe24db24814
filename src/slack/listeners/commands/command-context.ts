import type { Respond } from '../../response-url.ts';

/** What a `/aigov` subcommand gets: the text after its name, who asked where, and how to answer. */
export interface CommandContext {
  /** The arguments after the subcommand name, trimmed. */
  readonly args: string;
  readonly userId: string;
  readonly channelId: string;
  readonly respond: Respond;
}

export type SubcommandHandler = (context: CommandContext) => Promise<void>;
