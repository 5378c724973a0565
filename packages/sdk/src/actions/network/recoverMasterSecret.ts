import {
  size,
  zeroAddress,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { readContract } from "viem/actions";
import { computeEnclaveId } from "../../crypto/computeEnclaveId.ts";
import { decryptMasterSecret, type DecryptMasterSecretReturnType } from "../../crypto/decryptMasterSecret.ts";
import type { EciesDecryptionError, NetworkKeyMismatchError } from "../../crypto/errors.ts";
import { getEnclavePublicKey } from "../../crypto/getEnclavePublicKey.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { NetworkNotInitializedError, NoEncryptedSecretError } from "../../errors/network.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface RecoverMasterSecretParameters {
  /** The enclave's private key (its id is the key's address). */
  enclavePrivateKey: Hex;
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type RecoverMasterSecretReturnType = DecryptMasterSecretReturnType & {
  enclaveId: Address;
};

export type RecoverMasterSecretErrorType =
  | NetworkNotInitializedError
  | NoEncryptedSecretError
  | EciesDecryptionError
  | NetworkKeyMismatchError
  | ProtocolContractNotFoundError
  | ReadContractErrorType;

/**
 * Recovers the master secret from L1 state alone (docs/network.md, steps 5 and 6): reads the
 * enclave's `encryptedSecretOf` and the `networkKey`, decrypts with the enclave key, derives the
 * network key and checks it is the one on L1. What a new node does once a response landed, and
 * what any node whose enclave key survived does after losing everything else.
 * @throws {NetworkNotInitializedError} when the network has no network key yet.
 * @throws {NoEncryptedSecretError} when L1 holds no ciphertext for this enclave.
 * @throws {EciesDecryptionError} when the ciphertext is not for this key or was altered.
 * @throws {NetworkKeyMismatchError} when the secret does not derive the network key on L1.
 * @example
 * const { masterSecret } = await recoverMasterSecret(publicClient, { enclavePrivateKey });
 */
export async function recoverMasterSecret(
  client: Client<Transport, Chain | undefined>,
  parameters: RecoverMasterSecretParameters,
): Promise<RecoverMasterSecretReturnType> {
  const { enclavePrivateKey } = parameters;
  const enclaveId = computeEnclaveId(getEnclavePublicKey(enclavePrivateKey));
  const read = {
    ...protocolContract(client, "networkManagement", parameters.networkManagementAddress),
    blockNumber: parameters.blockNumber,
  };
  const [networkKey, ciphertext] = await Promise.all([
    readContract(client, { ...read, functionName: "networkKey" }),
    readContract(client, { ...read, functionName: "encryptedSecretOf", args: [enclaveId] }),
  ]);
  if (networkKey === zeroAddress) {
    throw new NetworkNotInitializedError("The network has no network key yet.", {
      details: `NetworkManagement ${read.address}`,
    });
  }
  if (size(ciphertext) === 0) {
    throw new NoEncryptedSecretError("L1 holds no encrypted secret for this enclave.", {
      details: `enclave ${enclaveId} is unknown or still awaiting the secret`,
    });
  }
  return {
    enclaveId,
    ...decryptMasterSecret({ ciphertext, privateKey: enclavePrivateKey, expectedNetworkKey: networkKey }),
  };
}
