import { bytesToHex, type Address, type Hex } from "viem";
import type { BytesLike } from "../crypto/bytes.ts";
import { computeEnclaveId } from "../crypto/computeEnclaveId.ts";
import { deriveNetworkKey } from "../crypto/deriveNetworkKey.ts";
import { encryptMasterSecret } from "../crypto/encryptMasterSecret.ts";
import { getEnclavePublicKey } from "../crypto/getEnclavePublicKey.ts";
import { signInitializeNetwork } from "./signInitializeNetwork.ts";

export interface PrepareNetworkInitializationParameters {
  chainId: number;
  /** The `NetworkManagement` proxy. */
  networkManagement: Address;
  /** The master secret the genesis enclave drew (`generateMasterSecret`). */
  masterSecret: BytesLike;
  /** The genesis enclave's private key. */
  enclavePrivateKey: Hex;
}

/** Everything `initializeNetwork` sends: built inside the genesis enclave, sent by its host. */
export interface PrepareNetworkInitializationReturnType {
  /** The genesis enclave (the address of its key). */
  enclaveId: Address;
  /** The master secret encrypted to the genesis enclave's own key (129 bytes). */
  encryptedSecret: Hex;
  /** The address of the network key. */
  networkKey: Address;
  /** `InitializeNetwork` signed by the enclave key. */
  enclaveSignature: Hex;
  /** `InitializeNetwork` signed by the network key. */
  networkSignature: Hex;
}

/**
 * What the genesis enclave does at step 3 of the protocol (docs/network.md): encrypts the master
 * secret to its own key (ECIES), derives the network key (HKDF), and signs `InitializeNetwork`
 * with both keys.
 * @throws {InvalidMasterSecretError} when the master secret is not 32 bytes.
 * @throws {InvalidPrivateKeyError} when the enclave key is not a secp256k1 key.
 */
export async function prepareNetworkInitialization(
  parameters: PrepareNetworkInitializationParameters,
): Promise<PrepareNetworkInitializationReturnType> {
  const { chainId, networkManagement, masterSecret, enclavePrivateKey } = parameters;
  const publicKey = getEnclavePublicKey(enclavePrivateKey);
  const networkKey = deriveNetworkKey({ masterSecret });
  const encryptedSecret = bytesToHex(encryptMasterSecret({ masterSecret, publicKey }));
  const statement = { chainId, networkManagement, encryptedSecret, networkKey: networkKey.address };
  return {
    enclaveId: computeEnclaveId(publicKey),
    encryptedSecret,
    networkKey: networkKey.address,
    enclaveSignature: await signInitializeNetwork({ ...statement, privateKey: enclavePrivateKey }),
    networkSignature: await signInitializeNetwork({ ...statement, privateKey: networkKey.privateKey }),
  };
}
