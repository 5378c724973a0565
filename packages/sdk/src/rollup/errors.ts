import { BaseError, ContractRevertError } from "../errors/BaseError.ts";

/**
 * Blob transactions must be signed locally (a private-key or HD account): a JSON-RPC account
 * signs on the node, and the blobs would be dropped from the request without an error.
 */
export class BlobsNeedLocalAccountError extends BaseError {
  readonly code = "BLOBS_NEED_LOCAL_ACCOUNT";
}

/** Two testimonies come from the same witness enclave; nothing was sent. */
export class DuplicateWitnessError extends BaseError {
  readonly code = "DUPLICATE_WITNESS";
}

/**
 * A RollupSlashing call would revert (found by simulating it before sending). `errorName` is the
 * Solidity custom error, e.g. `RollupSlashing_NotEnoughWitnesses`, or a `RollupManagement_…` or
 * `NetworkManagement_…` error that RollupSlashing let bubble up (`RollupManagement_FinalRollup`,
 * `RollupManagement_AlreadyInvalid`, …); `args` are its decoded arguments. Match on `code` and
 * `errorName`, never on the message.
 */
export class SlashingCallRevertedError extends ContractRevertError {
  readonly code = "SLASHING_CALL_REVERTED";
}

/**
 * A `RollupManagement.submitRollup` call would revert (found by simulating it against the pending
 * block before sending). `errorName` is the Solidity custom error, e.g.
 * `RollupManagement_UnknownParent`, or one that bubbled up from the modules a submission passes
 * through (`NetworkManagement_NotOperator`, `BridgeManagement_DepositMismatch`, …); `args` are
 * its decoded arguments. Match on `code` and `errorName`, never on the message.
 */
export class RollupCallRevertedError extends ContractRevertError {
  readonly code = "ROLLUP_CALL_REVERTED";
}
