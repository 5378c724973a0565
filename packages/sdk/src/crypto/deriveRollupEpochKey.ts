import { bytesToHex, concatBytes, type Hex } from "viem";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { uint64BigEndian, type BytesLike } from "./bytes.ts";
import { EPOCH_KEY_LENGTH, MAX_KEY_EPOCH, ROLLUP_KEY_INFO } from "./constants.ts";
import { InvalidKeyEpochError } from "./errors.ts";
import { masterSecretBytes } from "./masterSecret.ts";

export interface DeriveRollupEpochKeyParameters {
  /** The network's 32-byte master secret. */
  masterSecret: BytesLike;
  /** The key epoch (`keyEpoch` of the rollup header), an integer in `[0, 2^64 - 1]`. */
  keyEpoch: bigint | number;
}

/** The 32-byte AES-256-GCM key that encrypts every rollup payload of the epoch. */
export type DeriveRollupEpochKeyReturnType = Hex;

const label = new TextEncoder().encode(ROLLUP_KEY_INFO);

/**
 * Derives the rollup key of an epoch:
 * `HKDF-SHA256(ikm = masterSecret, salt = none, info = "obscuro/rollup-key" || uint64be(keyEpoch), L = 32)`.
 * Keys of different epochs are independent: disclosing one reveals nothing about the others or
 * about the master secret.
 * @throws {InvalidMasterSecretError} when the secret is not 32 bytes.
 * @throws {InvalidKeyEpochError} when the epoch is not an integer in `[0, 2^64 - 1]`.
 */
export function deriveRollupEpochKey({
  masterSecret,
  keyEpoch,
}: DeriveRollupEpochKeyParameters): DeriveRollupEpochKeyReturnType {
  const ikm = masterSecretBytes(masterSecret);
  const info = concatBytes([label, uint64BigEndian(keyEpochValue(keyEpoch))]);
  return bytesToHex(hkdf(sha256, ikm, undefined, info, EPOCH_KEY_LENGTH));
}

/**
 * Checks a key epoch and returns it as a bigint.
 * @throws {InvalidKeyEpochError}
 * @internal
 */
export function keyEpochValue(keyEpoch: unknown): bigint {
  let value: bigint | undefined;
  if (typeof keyEpoch === "bigint") value = keyEpoch;
  else if (typeof keyEpoch === "number" && Number.isSafeInteger(keyEpoch)) value = BigInt(keyEpoch);
  if (value === undefined || value < 0n || value > MAX_KEY_EPOCH)
    throw new InvalidKeyEpochError("The key epoch is not an integer in [0, 2^64 - 1].", {
      details: `got ${String(keyEpoch)}`,
    });
  return value;
}
