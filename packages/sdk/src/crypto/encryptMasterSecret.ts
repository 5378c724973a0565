import type { BytesLike } from "./bytes.ts";
import { eciesEncrypt } from "./eciesEncrypt.ts";
import { masterSecretBytes } from "./masterSecret.ts";

export interface EncryptMasterSecretParameters {
  /** The network's 32-byte master secret. */
  masterSecret: BytesLike;
  /** The recipient enclave's public key (its own key at genesis, a requester's key on response). */
  publicKey: BytesLike;
}

/** The ECIES ciphertext stored on L1 (`encryptedSecret`): 97 + 32 = 129 bytes. */
export type EncryptMasterSecretReturnType = Uint8Array;

/**
 * Encrypts the master secret to an enclave key with {@link eciesEncrypt}: what
 * `initializeNetwork` (to the genesis enclave's own key) and `respondSecret` (to the requester's
 * key) store on L1.
 * @throws {InvalidMasterSecretError} when the secret is not 32 bytes.
 * @throws {InvalidPublicKeyError} when the recipient key is not a point of the curve.
 */
export function encryptMasterSecret({
  masterSecret,
  publicKey,
}: EncryptMasterSecretParameters): EncryptMasterSecretReturnType {
  return eciesEncrypt({ publicKey, plaintext: masterSecretBytes(masterSecret) });
}
