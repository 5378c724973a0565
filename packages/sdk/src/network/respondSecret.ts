import type { Address, Hash } from "viem";
import {
  checkEncryptedSecret,
  sendNetworkTransaction,
  type NetworkTransactionOptions,
  type NetworkWallet,
} from "./internal.ts";
import type { PrepareSecretResponseReturnType } from "./prepareSecretResponse.ts";

export type RespondSecretParameters = NetworkTransactionOptions &
  PrepareSecretResponseReturnType & {
    /** Any account: the fee goes to the responder's operator whoever sends it. */
    walletClient: NetworkWallet;
    networkManagement: Address;
  };

/**
 * Delivers the secret to a requester (what `prepareSecretResponse` built inside the responding
 * enclave). The first valid response wins the registration fee; a later one reverts with
 * `NetworkManagement_NotAwaitingSecret` (this is found by simulation before sending, unless the
 * race is lost inside the same block).
 * @throws {InvalidEncryptedSecretError} when the ciphertext is not 129 bytes (nothing is sent).
 * @throws {NetworkCallRevertedError} when the contract would refuse.
 */
export async function respondSecret(parameters: RespondSecretParameters): Promise<Hash> {
  checkEncryptedSecret(parameters.encryptedSecret);
  return sendNetworkTransaction(parameters.walletClient, {
    networkManagement: parameters.networkManagement,
    functionName: "respondSecret",
    args: [
      parameters.requester,
      parameters.responder,
      parameters.encryptedSecret,
      parameters.responderSignature,
      parameters.networkSignature,
    ],
    gas: parameters.gas,
  });
}
