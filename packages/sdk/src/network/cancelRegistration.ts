import type { Address, Hash } from "viem";
import { sendNetworkTransaction, type NetworkTransactionOptions, type NetworkWallet } from "./internal.ts";

export interface CancelRegistrationParameters extends NetworkTransactionOptions {
  /** The node's operator. */
  walletClient: NetworkWallet;
  networkManagement: Address;
  enclaveId: Address;
}

/**
 * Cancels a registration nobody answered within `responseTimeout`: the fee comes back and the
 * enclave key may register again.
 * @throws {NetworkCallRevertedError} (`NetworkManagement_ResponseTimeoutNotReached`, `…_NotAwaitingSecret`, `…_NotOperator`).
 */
export async function cancelRegistration(parameters: CancelRegistrationParameters): Promise<Hash> {
  return sendNetworkTransaction(parameters.walletClient, {
    networkManagement: parameters.networkManagement,
    functionName: "cancelRegistration",
    args: [parameters.enclaveId],
    gas: parameters.gas,
  });
}
