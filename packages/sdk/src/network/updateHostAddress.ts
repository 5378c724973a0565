import type { Address, Hash } from "viem";
import {
  checkHostAddress,
  sendNetworkTransaction,
  type NetworkTransactionOptions,
  type NetworkWallet,
} from "./internal.ts";

export interface UpdateHostAddressParameters extends NetworkTransactionOptions {
  /** The aggregator's operator. */
  walletClient: NetworkWallet;
  networkManagement: Address;
  /** A libp2p multiaddr or URL, 1 to 256 bytes. */
  hostAddress: string;
}

/**
 * Replaces the operator's published host address.
 * @throws {InvalidHostAddressError} when the host address is empty or over 256 bytes (nothing is sent).
 * @throws {NetworkCallRevertedError} (`NetworkManagement_NotAggregator`).
 */
export async function updateHostAddress(parameters: UpdateHostAddressParameters): Promise<Hash> {
  checkHostAddress(parameters.hostAddress);
  return sendNetworkTransaction(parameters.walletClient, {
    networkManagement: parameters.networkManagement,
    functionName: "updateHostAddress",
    args: [parameters.hostAddress],
    gas: parameters.gas,
  });
}
