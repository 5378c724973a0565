import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import type { InvalidEncryptedSecretError } from "../../errors/network.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { assertEncryptedSecret } from "../../utils/assertions.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface InitializeNetworkParameters extends TransactionOverrides {
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
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type InitializeNetworkReturnType = Hash;

export type InitializeNetworkErrorType =
  InvalidEncryptedSecretError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Founds the network, once, from the genesis node's operator: stores the genesis enclave's
 * encrypted master secret and the network key. Takes what `prepareNetworkInitialization` built
 * inside the enclave.
 * @throws {InvalidEncryptedSecretError} when the ciphertext is not 129 bytes (nothing is sent).
 * @throws {ContractCallRevertedError} when the contract would refuse
 *   (`NetworkManagement_NetworkAlreadyInitialized`, `NetworkManagement_NotAwaitingSecret`, …).
 * @example
 * await initializeNetwork(operatorClient, await prepareNetworkInitialization({ … }));
 */
export async function initializeNetwork(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: InitializeNetworkParameters,
): Promise<InitializeNetworkReturnType> {
  const {
    enclaveId,
    encryptedSecret,
    networkKey,
    enclaveSignature,
    networkSignature,
    networkManagementAddress,
    ...overrides
  } = parameters;
  assertEncryptedSecret(encryptedSecret);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "networkManagement", networkManagementAddress),
    functionName: "initializeNetwork",
    args: [enclaveId, encryptedSecret, networkKey, enclaveSignature, networkSignature],
  });
}
