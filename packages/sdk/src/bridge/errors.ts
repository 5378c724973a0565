import { BaseError } from "../errors/BaseError.ts";

/** No `DepositCheckpointed` log covers the L1 block (the logs are pruned, or the bridge address is wrong). */
export class DepositCheckpointNotFoundError extends BaseError {
  readonly code = "DEPOSIT_CHECKPOINT_NOT_FOUND";
}

/** A deposit parameter is invalid (zero amount, zero recipient); nothing was sent. */
export class InvalidDepositError extends BaseError {
  readonly code = "INVALID_DEPOSIT";
}

/** Refund points cannot be planned: the bridge is not frozen, or the chunk size is not positive. */
export class InvalidRefundPlanError extends BaseError {
  readonly code = "INVALID_REFUND_PLAN";
}
