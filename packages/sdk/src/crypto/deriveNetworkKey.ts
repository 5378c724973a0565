import { bytesToHex, concatBytes, type Address, type Hex } from "viem";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToNumberBE } from "@noble/curves/utils.js";
import type { BytesLike } from "./bytes.ts";
import { computeEnclaveId } from "./computeEnclaveId.ts";
import { NETWORK_KEY_INFO, NETWORK_KEY_MAX_TRIES, PRIVATE_KEY_LENGTH } from "./constants.ts";
import { KeyDerivationError } from "./errors.ts";
import { getEnclavePublicKey } from "./getEnclavePublicKey.ts";
import { masterSecretBytes } from "./masterSecret.ts";
import { SECP256K1_ORDER } from "./secp256k1.ts";

export interface DeriveNetworkKeyParameters {
  /** The network's 32-byte master secret. */
  masterSecret: BytesLike;
}

/** The network key: the secp256k1 key whose signature (`networkSig`) proves knowledge of the secret. */
export interface DeriveNetworkKeyReturnType {
  /** 32-byte private key. Lives only inside enclaves. */
  privateKey: Hex;
  /** 64-byte public key `x || y`. */
  publicKey: Hex;
  /** `networkKey` as L1 stores it: the address of the key. */
  address: Address;
}

const encoder = new TextEncoder();

/**
 * Derives the network key from the master secret:
 *
 * ```
 * for c = 0, 1, …, 255:
 *   info = "obscuro/network-key"            (c = 0)
 *        | "obscuro/network-key" || byte(c)  (c ≥ 1)
 *   k = HKDF-SHA256(ikm = masterSecret, salt = none, info, L = 32), read big-endian
 *   if 1 ≤ k < n: return k
 * ```
 *
 * An output outside `[1, n - 1]` has probability about 2^-128, so in practice the first try
 * (plain `info = "obscuro/network-key"`, as DESIGN.md states) is always the key; the retry only
 * makes the rule total and deterministic, without the bias of reducing modulo `n`.
 * @throws {InvalidMasterSecretError} when the secret is not 32 bytes.
 */
export function deriveNetworkKey({ masterSecret }: DeriveNetworkKeyParameters): DeriveNetworkKeyReturnType {
  const ikm = masterSecretBytes(masterSecret);
  const scalar = firstValidScalar((attempt) =>
    hkdf(sha256, ikm, undefined, networkKeyInfo(attempt), PRIVATE_KEY_LENGTH),
  );
  const privateKey = bytesToHex(scalar);
  const publicKey = getEnclavePublicKey(privateKey);
  return { privateKey, publicKey, address: computeEnclaveId(publicKey) };
}

/**
 * The HKDF `info` of try `attempt` of the network-key derivation.
 * @internal
 */
export function networkKeyInfo(attempt: number): Uint8Array {
  const label = encoder.encode(NETWORK_KEY_INFO);
  return attempt === 0 ? label : concatBytes([label, Uint8Array.of(attempt)]);
}

/**
 * Returns the first output of `candidate(0)`, `candidate(1)`, … that is a secp256k1 private
 * key in `[1, n - 1]`.
 * @throws {KeyDerivationError} after {@link NETWORK_KEY_MAX_TRIES} invalid outputs.
 * @internal
 */
export function firstValidScalar(candidate: (attempt: number) => Uint8Array): Uint8Array {
  for (let attempt = 0; attempt < NETWORK_KEY_MAX_TRIES; attempt++) {
    const bytes = candidate(attempt);
    const k = bytesToNumberBE(bytes);
    if (k >= 1n && k < SECP256K1_ORDER) return bytes;
  }
  throw new KeyDerivationError("No valid secp256k1 scalar within the retry budget.", {
    details: `${NETWORK_KEY_MAX_TRIES} HKDF outputs were all outside [1, n-1]`,
  });
}
