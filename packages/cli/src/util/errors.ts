import { BaseError, type BaseErrorParameters } from "@obscuro/sdk";

/** How the `obscuro` process exits when a command fails. */
export const ExitCode = {
  /** The protocol or the chain refused, or something failed on the way. */
  Failed: 1,
  /** The command line or an input file is wrong: nothing was sent. */
  Usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What a {@link CliError} carries besides the usual parameters. */
export interface CliErrorParameters extends BaseErrorParameters {
  /** Default {@link ExitCode.Failed}. */
  exitCode?: ExitCode | undefined;
}

/**
 * An error a command reports to a person: its `shortMessage` is one sentence that names the cause,
 * `code` is stable (tests and scripts match on it), `exitCode` is the process's.
 */
export class CliError extends BaseError {
  readonly code: string;
  readonly exitCode: ExitCode;

  constructor(code: string, shortMessage: string, parameters: CliErrorParameters = {}) {
    super(shortMessage, parameters);
    this.code = code;
    this.exitCode = parameters.exitCode ?? ExitCode.Failed;
  }
}

/** A command-line input that cannot be used (a missing option, an unreadable file, a malformed value); nothing was sent. */
export function usageError(code: string, message: string, parameters: BaseErrorParameters = {}): CliError {
  return new CliError(code, message, { ...parameters, exitCode: ExitCode.Usage });
}
