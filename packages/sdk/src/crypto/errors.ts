import { BaseError } from "../errors/BaseError.ts";

/** A public key that is not a point of secp256k1 (wrong length, wrong prefix, off the curve, infinity). */
export class InvalidPublicKeyError extends BaseError {
  readonly code = "INVALID_PUBLIC_KEY";
}

/** A private key that is not a secp256k1 scalar in `[1, n - 1]`, or not 32 bytes. */
export class InvalidPrivateKeyError extends BaseError {
  readonly code = "INVALID_PRIVATE_KEY";
}

/**
 * An ECIES ciphertext that cannot be decrypted: truncated, not addressed to this key, or altered.
 * The causes are deliberately not distinguished beyond `details` (an authentication failure looks
 * the same whichever byte was changed).
 */
export class EciesDecryptionError extends BaseError {
  readonly code = "ECIES_DECRYPTION_FAILED";
}

/** A master secret that is not exactly {@link MASTER_SECRET_LENGTH} bytes. */
export class InvalidMasterSecretError extends BaseError {
  readonly code = "INVALID_MASTER_SECRET";
}

/** The network key derived from a received secret is not the one registered on L1. */
export class NetworkKeyMismatchError extends BaseError {
  readonly code = "NETWORK_KEY_MISMATCH";
}

/** A key epoch that is not an integer in `[0, 2^64 - 1]`. */
export class InvalidKeyEpochError extends BaseError {
  readonly code = "INVALID_KEY_EPOCH";
}

/** A rollup epoch key that is not exactly 32 bytes. */
export class InvalidEpochKeyError extends BaseError {
  readonly code = "INVALID_EPOCH_KEY";
}

/**
 * HKDF produced no valid secp256k1 scalar within the retry budget. Each try fails with
 * probability about 2^-128, so this never happens in practice; it exists so that the derivation
 * is total and never loops.
 */
export class KeyDerivationError extends BaseError {
  readonly code = "KEY_DERIVATION_FAILED";
}
