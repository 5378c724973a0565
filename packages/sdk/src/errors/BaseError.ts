/** What every Obscuro SDK error carries besides its message. */
export interface BaseErrorParameters {
  /** Why it happened, or what the caller can do about it. */
  details?: string | undefined;
  /** The error that caused this one. */
  cause?: unknown;
  /** Extra lines appended to the message. */
  metaMessages?: readonly string[] | undefined;
}

/**
 * The root of every error the SDK, node and CLI throw on purpose. Each error has a short
 * message, a stable `code` that tests and callers match on (never the text), and optional
 * details and cause.
 */
export abstract class BaseError extends Error {
  /** A stable, machine-readable identifier, e.g. `ANVIL_START_FAILED`. */
  abstract readonly code: string;
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: readonly string[];

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const lines = [shortMessage];
    if (parameters.metaMessages?.length) lines.push("", ...parameters.metaMessages);
    if (parameters.details) lines.push("", `Details: ${parameters.details}`);
    super(lines.join("\n"), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = parameters.details;
    this.metaMessages = parameters.metaMessages ?? [];
  }

  override get name(): string {
    return this.constructor.name;
  }
}

/** Narrows an unknown thrown value to an SDK error with the given code. */
export function isErrorWithCode<T extends string>(error: unknown, code: T): error is BaseError & { code: T } {
  return error instanceof BaseError && error.code === code;
}
