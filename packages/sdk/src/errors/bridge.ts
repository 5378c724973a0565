import { BaseError } from "./BaseError.ts";

/** No `DepositCheckpointed` log covers the L1 block (the logs are pruned, or the bridge address is wrong). */
export class DepositCheckpointNotFoundError extends BaseError {
  readonly code = "DEPOSIT_CHECKPOINT_NOT_FOUND";
}

/** A deposit parameter is invalid (zero amount, zero recipient, zero token); nothing was sent. */
export class InvalidDepositError extends BaseError {
  readonly code = "INVALID_DEPOSIT";
}

/** Refund points cannot be planned: the bridge is not frozen, or the chunk size is not positive. */
export class InvalidRefundPlanError extends BaseError {
  readonly code = "INVALID_REFUND_PLAN";
}

/** A leaf asked for a proof is not in the tree. */
export class LeafNotInTreeError extends BaseError {
  readonly code = "LEAF_NOT_IN_TREE";
}

/** A withdrawal the ledger cannot make: more than the balance, or an ERC721 the account does not own. */
export class InsufficientL2BalanceError extends BaseError {
  readonly code = "INSUFFICIENT_L2_BALANCE";
}

/** A deposit out of order: deposits must be applied exactly once, by increasing index. */
export class DepositOutOfOrderError extends BaseError {
  readonly code = "DEPOSIT_OUT_OF_ORDER";
}
