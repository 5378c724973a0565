import type { DeploymentPlanMismatchError, DeploymentSettingRequiredError } from "./deploy.ts";

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

/** The errors that carry more than a code, by their code: what {@link isErrorWithCode} narrows to. */
interface ErrorsWithFields {
  CONTRACT_CALL_REVERTED: ContractCallRevertedError;
  DEPLOYMENT_SETTING_REQUIRED: DeploymentSettingRequiredError;
  DEPLOYMENT_PLAN_MISMATCH: DeploymentPlanMismatchError;
}

/** The SDK error with code `T`: its class when it carries fields (`errorName`, `setting`, …), else `BaseError`. */
export type ErrorWithCode<T extends string> = T extends keyof ErrorsWithFields
  ? ErrorsWithFields[T]
  : BaseError & { code: T };

/**
 * Narrows an unknown thrown value to an SDK error with the given code:
 * `isErrorWithCode(error, "CONTRACT_CALL_REVERTED") && error.errorName === "BridgeManagement_DepositsClosed"`.
 */
export function isErrorWithCode<T extends string>(error: unknown, code: T): error is ErrorWithCode<T> {
  return error instanceof BaseError && error.code === code;
}

/** What a {@link ContractCallRevertedError} carries besides the usual parameters. */
export interface ContractCallRevertedErrorParameters extends BaseErrorParameters {
  /** The protocol contract called, e.g. `NetworkManagement`. */
  contractName: string;
  /** The function called, e.g. `registerNode`. */
  functionName: string;
  /** The Solidity custom error, e.g. `RollupManagement_UnknownParent`; undefined if not decoded. */
  errorName?: string | undefined;
  /** Its decoded arguments. */
  args?: readonly unknown[] | undefined;
}

/**
 * A protocol call would revert: found by simulating it against the pending block before sending,
 * so nothing was sent. `errorName` is the Solidity custom error, wherever in the call it was raised
 * (`NetworkManagement_WrongFee`, or `EnclavePolicy_ReportTooOld` bubbling up through
 * `registerNode`, `DcapAttestationVerifier_InvalidQuoteSignature` from the verifier, …), `Error`
 * for a `require` with a message (its text in `args[0]`), `Panic` for a panic; `args` are its
 * decoded arguments. Match on `code` and `errorName`, never on the message.
 */
export class ContractCallRevertedError extends BaseError {
  readonly code = "CONTRACT_CALL_REVERTED";
  readonly contractName: string;
  readonly functionName: string;
  readonly errorName: string | undefined;
  readonly args: readonly unknown[];

  constructor(shortMessage: string, parameters: ContractCallRevertedErrorParameters) {
    super(shortMessage, parameters);
    this.contractName = parameters.contractName;
    this.functionName = parameters.functionName;
    this.errorName = parameters.errorName;
    this.args = parameters.args ?? [];
  }
}

/** A protocol contract's address is neither given nor on the client's chain. */
export class ProtocolContractNotFoundError extends BaseError {
  readonly code = "PROTOCOL_CONTRACT_NOT_FOUND";
}

/** A transaction needs an account: none was given and the client has none. */
export class AccountRequiredError extends BaseError {
  readonly code = "ACCOUNT_REQUIRED";
}

/** Blob transactions must be signed locally: a JSON-RPC account signs on the node and would drop the blobs silently. */
export class BlobsNeedLocalAccountError extends BaseError {
  readonly code = "BLOBS_NEED_LOCAL_ACCOUNT";
}

/** A transaction was mined but reverted (a race lost between simulation and inclusion). */
export class TransactionRevertedError extends BaseError {
  readonly code = "TRANSACTION_REVERTED";
}
