import type { Address, Hash } from "viem";
import {
  checkEncryptedSecret,
  sendNetworkTransaction,
  type NetworkTransactionOptions,
  type NetworkWallet,
} from "./internal.ts";
import type { PrepareNetworkInitializationReturnType } from "./prepareNetworkInitialization.ts";

export type InitializeNetworkParameters = NetworkTransactionOptions &
  PrepareNetworkInitializationReturnType & {
    /** The genesis node's operator. */
    walletClient: NetworkWallet;
    networkManagement: Address;
  };

/**
 * Founds the network, once: stores the genesis enclave's encrypted master secret and the network
 * key. Takes what `prepareNetworkInitialization` built inside the enclave.
 * @throws {InvalidEncryptedSecretError} when the ciphertext is not 129 bytes (nothing is sent).
 * @throws {NetworkCallRevertedError} when the contract would refuse
 *   (`NetworkManagement_NetworkAlreadyInitialized`, `NetworkManagement_NotAwaitingSecret`, …).
 */
export async function initializeNetwork(parameters: InitializeNetworkParameters): Promise<Hash> {
  checkEncryptedSecret(parameters.encryptedSecret);
  return sendNetworkTransaction(parameters.walletClient, {
    networkManagement: parameters.networkManagement,
    functionName: "initializeNetwork",
    args: [
      parameters.enclaveId,
      parameters.encryptedSecret,
      parameters.networkKey,
      parameters.enclaveSignature,
      parameters.networkSignature,
    ],
    gas: parameters.gas,
  });
}
