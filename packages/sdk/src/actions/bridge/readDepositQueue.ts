import {
  zeroHash,
  type Address,
  type Chain,
  type Client,
  type GetContractEventsErrorType,
  type Hex,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { DEPOSIT_CHECKPOINT_SLOTS } from "../../constants/bridge.ts";
import { DepositCheckpointNotFoundError } from "../../errors/bridge.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import {
  QueuePointKind,
  type AssetKind,
  type DepositQueueSnapshot,
  type QueuedDeposit,
  type QueuePoint,
} from "../../types/bridge.ts";
import { queuePoint, recordedCounts } from "../../utils/depositQueue.ts";
import { getProtocolDeployBlock } from "../../utils/getProtocolAddress.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface ReadDepositQueueParameters {
  /** Where to start reading logs. Default: the block the protocol was deployed at (the chain's `blockCreated`). */
  fromBlock?: bigint | undefined;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type ReadDepositQueueReturnType = DepositQueueSnapshot;

export type ReadDepositQueueErrorType =
  DepositCheckpointNotFoundError | ProtocolContractNotFoundError | GetContractEventsErrorType | ReadContractErrorType;

/**
 * Reads the bridge's deposit queue from its logs (`DepositQueued`, `DepositCheckpointed`,
 * `RefundPointsRecorded`) and state, once, so that any number of refund proofs
 * (`buildDepositRangeProof`) and refund-point chunks (`planRefundPoints`) can then be built from
 * it without reading again.
 * @throws {DepositCheckpointNotFoundError} when the logs miss a deposit the queue counts.
 * @example
 * const queue = await readDepositQueue(publicClient, {});
 * const proof = buildDepositRangeProof(queue, 42n);
 */
export async function readDepositQueue(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadDepositQueueParameters = {},
): Promise<ReadDepositQueueReturnType> {
  const bridge = protocolContract(client, "bridgeManagement", parameters.bridgeManagementAddress);
  const logs = { ...bridge, fromBlock: getProtocolDeployBlock(client, parameters.fromBlock), strict: true } as const;
  const [depositLogs, checkpointLogs, recordedLogs, queue, frozenLedger, frozenAcc] = await Promise.all([
    getContractEvents(client, { ...logs, eventName: "DepositQueued" }),
    getContractEvents(client, { ...logs, eventName: "DepositCheckpointed" }),
    getContractEvents(client, { ...logs, eventName: "RefundPointsRecorded" }),
    readContract(client, { ...bridge, functionName: "depositQueue" }),
    readContract(client, { ...bridge, functionName: "frozenLedger" }),
    readContract(client, { ...bridge, functionName: "frozenDepositAcc" }),
  ]);
  const [count, acc, , written] = queue;
  const byIndex = new Map(depositLogs.map(({ args }) => [args.index, args]));
  const deposits: QueuedDeposit[] = [];
  const accAt: Hex[] = [zeroHash];
  for (let i = 0n; i < count; i++) {
    const d = byIndex.get(i);
    if (!d)
      throw new DepositCheckpointNotFoundError("A deposit log is missing.", { details: `index ${i} of ${count}` });
    deposits.push({ kind: d.kind as AssetKind, from: d.from, to: d.to, token: d.token, amountOrId: d.amountOrId });
    accAt.push(d.acc);
  }
  const checkpoints: QueuePoint[] = checkpointLogs
    .filter(({ args }) => args.seq + DEPOSIT_CHECKPOINT_SLOTS >= written)
    .map(({ args }) => ({
      kind: QueuePointKind.Checkpoint,
      seq: args.seq,
      fromBlock: args.fromBlock,
      untilBlock: args.untilBlock,
      count: args.count,
      acc: args.acc,
    }))
    .sort((a, b) => (a.seq < b.seq ? -1 : 1));
  const frozen: QueuePoint | undefined =
    frozenLedger.rollupHash === zeroHash
      ? undefined
      : queuePoint(QueuePointKind.Frozen, frozenLedger.depositCount, frozenAcc);
  const recorded = new Set<bigint>();
  for (const { args } of recordedLogs) {
    for (const c of recordedCounts(args.startCount, args.endCount)) if (c !== 0n) recorded.add(c);
  }
  return { count, acc, deposits, accAt, checkpoints, frozen, recorded };
}
