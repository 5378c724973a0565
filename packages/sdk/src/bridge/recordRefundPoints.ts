import type { Account, Address, Chain, Hash, Transport, WalletClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { RefundPointsChunk } from "./planRefundPoints.ts";

export interface RecordRefundPointsParameters {
  /** Any account: recording points moves no value. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  bridge: Address;
  /** One chunk from {@link planRefundPoints}; send them in the planned order. */
  chunk: RefundPointsChunk;
}

/**
 * In exit mode, proves the deposit queue's accumulator at a chunk's start and at every multiple of
 * `REFUND_POINT_INTERVAL` inside it, so that refunds of those deposits carry at most one interval.
 */
export async function recordRefundPoints({ walletClient, bridge, chunk }: RecordRefundPointsParameters): Promise<Hash> {
  return walletClient.writeContract({
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "recordRefundPoints",
    args: [chunk.startCount, chunk.startAcc, chunk.deposits, chunk.end],
    chain: walletClient.chain,
    account: walletClient.account,
  });
}
