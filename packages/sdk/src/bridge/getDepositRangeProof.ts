import type { Address, Hex, PublicClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { AssetKind } from "./depositAccumulator.ts";
import { DepositCheckpointNotFoundError } from "./errors.ts";

/** A known point of the deposit queue (`IBridgeManagement.QueuePoint`). */
export interface QueuePoint {
  seq: bigint;
  fromBlock: bigint;
  untilBlock: bigint;
  count: bigint;
  acc: Hex;
}

/** `IBridgeManagement.DepositRangeProof`: the deposits between two known points of the queue. */
export interface DepositRangeProof {
  start: QueuePoint;
  endIsLatest: boolean;
  end: QueuePoint;
  deposits: { kind: AssetKind; from: Address; to: Address; token: Address; amountOrId: bigint }[];
}

export interface GetDepositRangeProofParameters {
  publicClient: PublicClient;
  bridge: Address;
  /** The deposit to prove. */
  index: bigint;
  /** Where to start reading logs: the bridge's deploy block (deployment manifest). */
  fromBlock: bigint;
}

/**
 * Builds the proof `refundDeposit` needs for deposit `index`: the deposits of its L1 block, from
 * the checkpoint before them to the next checkpoint (or the queue's latest state).
 * @throws {DepositCheckpointNotFoundError} when the logs have no such deposit.
 */
export async function getDepositRangeProof({
  publicClient,
  bridge,
  index,
  fromBlock,
}: GetDepositRangeProofParameters): Promise<DepositRangeProof> {
  const [checkpointLogs, depositLogs, queue] = await Promise.all([
    publicClient.getContractEvents({
      address: bridge,
      abi: bridgeManagementAbi,
      eventName: "DepositCheckpointed",
      fromBlock,
      strict: true,
    }),
    publicClient.getContractEvents({
      address: bridge,
      abi: bridgeManagementAbi,
      eventName: "DepositQueued",
      fromBlock,
      strict: true,
    }),
    publicClient.readContract({ address: bridge, abi: bridgeManagementAbi, functionName: "depositQueue" }),
  ]);
  const points: QueuePoint[] = checkpointLogs
    .map(({ args }) => ({
      seq: args.seq,
      fromBlock: args.fromBlock,
      untilBlock: args.untilBlock,
      count: args.count,
      acc: args.acc,
    }))
    .sort((a, b) => (a.seq < b.seq ? -1 : 1));
  const [count, acc] = queue;
  if (index >= count) {
    throw new DepositCheckpointNotFoundError("The bridge has no such deposit.", {
      details: `index ${index}, ${count} deposits`,
    });
  }
  let k = points.length - 1;
  while (k >= 0 && points[k]!.count > index) k--;
  const start = points[k];
  if (!start)
    throw new DepositCheckpointNotFoundError("No checkpoint precedes the deposit.", { details: `index ${index}` });
  const next = points[k + 1];
  const end: QueuePoint = next ?? { seq: 0n, fromBlock: 0n, untilBlock: 0n, count, acc };
  const byIndex = new Map(depositLogs.map(({ args }) => [args.index, args]));
  const deposits: DepositRangeProof["deposits"] = [];
  for (let i = start.count; i < end.count; i++) {
    const d = byIndex.get(i);
    if (!d) throw new DepositCheckpointNotFoundError("A deposit log is missing.", { details: `index ${i}` });
    deposits.push({ kind: d.kind as AssetKind, from: d.from, to: d.to, token: d.token, amountOrId: d.amountOrId });
  }
  return { start, endIsLatest: next === undefined, end, deposits };
}
