import type { Address, Hash, Hex } from "viem";
import { sendNetworkTransaction, type NetworkTransactionOptions, type NetworkWallet } from "./internal.ts";

export interface ReattestParameters extends NetworkTransactionOptions {
  /** The node's operator (the report binds it). */
  walletClient: NetworkWallet;
  networkManagement: Address;
  /** A fresh report of the same enclave key and measurement. */
  report: Hex;
  /** The recent L1 block the report binds. */
  l1BlockNumber: bigint;
}

/**
 * Attests a registered node again so that its key expires `keyLifetime` from now. No fee.
 * @throws {NetworkCallRevertedError} (`NetworkManagement_MeasurementChanged`, `…_NotOperator`, the policy's errors, …).
 */
export async function reattest(parameters: ReattestParameters): Promise<Hash> {
  return sendNetworkTransaction(parameters.walletClient, {
    networkManagement: parameters.networkManagement,
    functionName: "reattest",
    args: [parameters.report, parameters.l1BlockNumber],
    gas: parameters.gas,
  });
}
