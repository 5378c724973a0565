import type { Address, Chain, Client, GetBlockNumberErrorType, Hex, ReadContractErrorType, Transport } from "viem";
import { getBlockNumber, readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { RollupNotFoundError } from "../../errors/rollup.ts";
import { ContestState, type Contest } from "../../types/rollup.ts";
import { protocolContract } from "../../utils/protocolContract.ts";
import { getForkStatus } from "./getForkStatus.ts";
import { getRollup } from "./getRollup.ts";

/** Ethereum's slot time, when neither the parameters nor the chain give a block time. */
const DEFAULT_BLOCK_TIME_MS = 12_000;

export interface GetTimeToFinalityParameters {
  rollupHash: Hex;
  /** Milliseconds per L1 block for the estimate in seconds. Default: the chain's `blockTime`, else 12,000. */
  blockTime?: number | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export interface GetTimeToFinalityReturnType {
  /** Final now. */
  final: boolean;
  /** On the canonical chain now (a rollup off it is never final unless its branch wins a contest). */
  canonical: boolean;
  /**
   * The L1 block from which the rollup is final if nothing changes meanwhile; undefined when it is
   * not canonical or an open contest before it holds finality back.
   */
  finalAtBlock: bigint | undefined;
  /** L1 blocks until then (0 once final); undefined when `finalAtBlock` is. */
  blocks: bigint | undefined;
  /** Estimated seconds until then (`blocks` × the block time); undefined when `blocks` is. */
  seconds: number | undefined;
  /** The open contest that holds finality back, if any: it must be decided first. */
  blockedBy: Contest | undefined;
}

export type GetTimeToFinalityErrorType =
  RollupNotFoundError | ProtocolContractNotFoundError | ReadContractErrorType | GetBlockNumberErrorType;

/**
 * How long until a rollup is final, in L1 blocks and estimated seconds, by the rule
 * `RollupManagement.isFinal` applies: `finalityDelay` blocks after its inclusion, no earlier than
 * the holds its branch carries, and only once every contest before it is decided (its contender
 * lost and `finalityDelay` has passed since the contender's last rollup). Like viem's
 * `getTimeToFinalize` for OP withdrawals.
 * @throws {RollupNotFoundError} when the rollup was never included.
 * @example
 * const { final, blocks, seconds } = await getTimeToFinality(publicClient, { rollupHash });
 */
export async function getTimeToFinality(
  client: Client<Transport, Chain | undefined>,
  parameters: GetTimeToFinalityParameters,
): Promise<GetTimeToFinalityReturnType> {
  const { rollupHash, rollupManagementAddress } = parameters;
  const contract = protocolContract(client, "rollupManagement", rollupManagementAddress);
  const blockNumber = await getBlockNumber(client, { cacheTime: 0 });
  const at = { rollupManagementAddress: contract.address, blockNumber };
  const [rollup, forks] = await Promise.all([getRollup(client, { ...at, rollupHash }), getForkStatus(client, at)]);
  const blockTime = parameters.blockTime ?? client.chain?.blockTime ?? DEFAULT_BLOCK_TIME_MS;
  const estimate = (finalAtBlock: bigint, blockedBy?: Contest) => {
    const blocks = finalAtBlock > blockNumber ? finalAtBlock - blockNumber : 0n;
    return { finalAtBlock, blocks, seconds: (Number(blocks) * blockTime) / 1000, blockedBy };
  };
  const base = { final: rollup.final, canonical: rollup.canonical };
  if (rollup.final) return { ...base, ...estimate(rollup.finalAt) };
  const undetermined = (blockedBy?: Contest) => ({
    ...base,
    finalAtBlock: undefined,
    blocks: undefined,
    seconds: undefined,
    blockedBy,
  });
  if (!rollup.canonical) return undetermined();
  const branch = await readContract(client, {
    ...contract,
    functionName: "branch",
    args: [rollup.branch],
    blockNumber,
  });
  let finalAt = rollup.finalAt > BigInt(branch.holdUntil) ? rollup.finalAt : BigInt(branch.holdUntil);
  for (const contest of forks.contests) {
    if (contest.forkNumber >= rollup.number || contest.state === ContestState.Orphaned) continue;
    if (contest.state !== ContestState.ContenderLost) return undetermined(contest);
    const tip = await readContract(client, { ...contract, functionName: "rollup", args: [contest.tip], blockNumber });
    if (BigInt(tip.finalAt) > finalAt) finalAt = BigInt(tip.finalAt);
  }
  return { ...base, ...estimate(finalAt) };
}
