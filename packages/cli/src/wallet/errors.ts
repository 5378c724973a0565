import { BaseError, isErrorWithCode } from "@obscuro/sdk";

/**
 * A mistake the user can fix (wrong network, not enough balance, unapproved token, not final yet,
 * already claimed, gateway not authorised…): printed as one sentence naming the cause, exit code 1.
 * `reason` is stable, for `--json` and tests.
 */
export class UserError extends BaseError {
  readonly code = "USER_ERROR";
  readonly reason: string;
  constructor(sentence: string, reason = "USER_ERROR") {
    super(sentence);
    this.reason = reason;
  }
}

/** The Solidity error of a refused L1 call, if the error is the SDK's `ContractCallRevertedError`. */
export function revertName(error: unknown): string | undefined {
  return isErrorWithCode(error, "CONTRACT_CALL_REVERTED") ? error.errorName : undefined;
}
