import { BaseError } from "./BaseError.ts";

/** A host address that is empty or longer than `MAX_HOST_ADDRESS_LENGTH` bytes; nothing was sent. */
export class InvalidHostAddressError extends BaseError {
  readonly code = "INVALID_HOST_ADDRESS";
}

/** An encrypted secret that is not `ENCRYPTED_SECRET_LENGTH` bytes; nothing was sent. */
export class InvalidEncryptedSecretError extends BaseError {
  readonly code = "INVALID_ENCRYPTED_SECRET";
}

/** L1 holds no encrypted secret for this enclave (unknown, or still awaiting the secret). */
export class NoEncryptedSecretError extends BaseError {
  readonly code = "NO_ENCRYPTED_SECRET";
}

/** The network has no network key yet: the genesis node has not called `initializeNetwork`. */
export class NetworkNotInitializedError extends BaseError {
  readonly code = "NETWORK_NOT_INITIALIZED";
}

/** A stake amount that is zero or negative; nothing was sent. */
export class InvalidStakeAmountError extends BaseError {
  readonly code = "INVALID_STAKE_AMOUNT";
}

/** A secret request whose public key does not give its enclave id (a malformed or forged log). */
export class InvalidSecretRequestError extends BaseError {
  readonly code = "INVALID_SECRET_REQUEST";
}
