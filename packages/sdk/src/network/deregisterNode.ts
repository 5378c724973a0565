import type { Address, Hash } from "viem";
import { sendNetworkTransaction, type NetworkTransactionOptions, type NetworkWallet } from "./internal.ts";

export interface DeregisterNodeParameters extends NetworkTransactionOptions {
  /** The node's operator. */
  walletClient: NetworkWallet;
  networkManagement: Address;
  enclaveId: Address;
}

/**
 * Retires an Active node for ever (its key can never be used or registered again).
 * @throws {NetworkCallRevertedError} (`NetworkManagement_NodeNotActive`, `…_NotOperator`).
 */
export async function deregisterNode(parameters: DeregisterNodeParameters): Promise<Hash> {
  return sendNetworkTransaction(parameters.walletClient, {
    networkManagement: parameters.networkManagement,
    functionName: "deregisterNode",
    args: [parameters.enclaveId],
    gas: parameters.gas,
  });
}
