import type { Address, PublicClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { AssetKind, Deposit } from "./depositAccumulator.ts";

export interface GetDepositsParameters {
  publicClient: PublicClient;
  bridge: Address;
  fromBlock: bigint;
  toBlock?: bigint | undefined;
}

/** A deposit with the L1 block that made it. */
export interface QueuedDepositLog extends Deposit {
  blockNumber: bigint;
}

/** The bridge's deposits in an L1 block range, in queue order, from `DepositQueued` logs. */
export async function getDeposits({
  publicClient,
  bridge,
  fromBlock,
  toBlock,
}: GetDepositsParameters): Promise<QueuedDepositLog[]> {
  const logs = await publicClient.getContractEvents({
    address: bridge,
    abi: bridgeManagementAbi,
    eventName: "DepositQueued",
    fromBlock,
    ...(toBlock === undefined ? {} : { toBlock }),
    strict: true,
  });
  return logs
    .map(({ args, blockNumber }) => ({
      index: args.index,
      kind: args.kind as AssetKind,
      from: args.from,
      to: args.to,
      token: args.token,
      amountOrId: args.amountOrId,
      blockNumber,
    }))
    .sort((a, b) => (a.index < b.index ? -1 : 1));
}
