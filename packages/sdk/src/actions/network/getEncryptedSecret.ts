import {
  size,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetEncryptedSecretParameters {
  /** The enclave the secret was encrypted to. */
  enclaveId: Address;
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

/** The ciphertext, or undefined while L1 holds none for the enclave. */
export type GetEncryptedSecretReturnType = Hex | undefined;

export type GetEncryptedSecretErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * The network's secret as L1 holds it for one enclave: encrypted to that enclave's key (by the
 * genesis node for itself, or by the node that answered its request). A host passes it to its
 * enclave, which alone can decrypt it, after a response landed or after a restart.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const encryptedSecret = await getEncryptedSecret(publicClient, { enclaveId });
 */
export async function getEncryptedSecret(
  client: Client<Transport, Chain | undefined>,
  parameters: GetEncryptedSecretParameters,
): Promise<GetEncryptedSecretReturnType> {
  const ciphertext = await readContract(client, {
    ...protocolContract(client, "networkManagement", parameters.networkManagementAddress),
    functionName: "encryptedSecretOf",
    args: [parameters.enclaveId],
    ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
  });
  return size(ciphertext) === 0 ? undefined : ciphertext;
}
