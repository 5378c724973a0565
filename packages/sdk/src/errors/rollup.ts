import { BaseError } from "./BaseError.ts";

/** Two testimonies come from the same witness enclave; nothing was sent. */
export class DuplicateWitnessError extends BaseError {
  readonly code = "DUPLICATE_WITNESS";
}

/** RollupManagement does not know the rollup (it was never included). */
export class RollupNotFoundError extends BaseError {
  readonly code = "ROLLUP_NOT_FOUND";
}
