/** A setting is missing or malformed. The message names the variable, never its value when it is a secret. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'AIGOV_CONFIG';

  constructor(
    /** The environment variable at fault, e.g. `SLACK_BOT_TOKEN`. */
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}
