import { BaseError } from "./BaseError.ts";

/** A council made of no owners, duplicate owners, or a threshold outside [1, owners]. */
export class InvalidCouncilError extends BaseError {
  readonly code = "INVALID_COUNCIL";
}

/** The signers of a council action are fewer than the Safe's threshold, or not all its owners; nothing was sent. */
export class CouncilSignersError extends BaseError {
  readonly code = "COUNCIL_SIGNERS";
}
