import { bytesToHex, getAddress, isAddress, type Address, type Hex } from "viem";
import type { BytesLike } from "./bytes.ts";
import { MASTER_SECRET_LENGTH } from "./constants.ts";
import { deriveNetworkKey, type DeriveNetworkKeyReturnType } from "./deriveNetworkKey.ts";
import { eciesDecrypt } from "./eciesDecrypt.ts";
import { EciesDecryptionError, NetworkKeyMismatchError } from "./errors.ts";

export interface DecryptMasterSecretParameters {
  /** The `encryptedSecret` read from L1 for this enclave. */
  ciphertext: BytesLike;
  /** This enclave's private key. */
  privateKey: BytesLike;
  /**
   * The `networkKey` address registered on L1. When given, the derived network key must equal
   * it; a node must pass it before using the secret (DESIGN.md, step 5).
   */
  expectedNetworkKey?: Address | undefined;
}

export interface DecryptMasterSecretReturnType {
  /** The 32-byte master secret. */
  masterSecret: Hex;
  /** The network key derived from it. */
  networkKey: DeriveNetworkKeyReturnType;
}

/**
 * What a node does with the secret it receives (or recovers) from L1: decrypts it with its
 * enclave key, derives the network key, and checks it against the one registered on L1.
 * @throws {EciesDecryptionError} when the ciphertext is not for this key, altered, or does not hold 32 bytes.
 * @throws {NetworkKeyMismatchError} when the derived network key is not `expectedNetworkKey`.
 */
export function decryptMasterSecret({
  ciphertext,
  privateKey,
  expectedNetworkKey,
}: DecryptMasterSecretParameters): DecryptMasterSecretReturnType {
  const plaintext = eciesDecrypt({ ciphertext, privateKey });
  if (plaintext.length !== MASTER_SECRET_LENGTH)
    throw new EciesDecryptionError("The decrypted master secret is not 32 bytes.", {
      details: `got ${plaintext.length} bytes`,
    });
  const masterSecret = bytesToHex(plaintext);
  const networkKey = deriveNetworkKey({ masterSecret });
  if (expectedNetworkKey !== undefined) {
    if (!isAddress(expectedNetworkKey, { strict: false }) || getAddress(expectedNetworkKey) !== networkKey.address)
      throw new NetworkKeyMismatchError("The received secret does not give the network key registered on L1.", {
        details: `derived ${networkKey.address}, L1 has ${expectedNetworkKey}`,
      });
  }
  return { masterSecret, networkKey };
}
