import type { Address, Chain, Client, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { ContestState, type Contest } from "../../types/rollup.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetForkStatusParameters {
  /** Read at this L1 block (default: the latest). */
  blockNumber?: bigint | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export interface GetForkStatusReturnType {
  /** Every contest that still matters (a fork two or more rollups deep from a canonical rollup). */
  contests: Contest[];
  /** The branches of the canonical chain, from genesis to head. */
  canonicalPath: number[];
  /** Whether an open (or about to switch) contest holds finality back after its fork point. */
  finalitySuspended: boolean;
}

export type GetForkStatusErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * The forks of the rollup tree that matter: every contest (`forkStatus`) and the canonical path.
 * While a contest is `Open` (or `ContenderWins`, before the switch), no rollup after its fork point
 * becomes final.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { contests, finalitySuspended } = await getForkStatus(publicClient, {});
 */
export async function getForkStatus(
  client: Client<Transport, Chain | undefined>,
  parameters: GetForkStatusParameters = {},
): Promise<GetForkStatusReturnType> {
  const contract = {
    ...protocolContract(client, "rollupManagement", parameters.rollupManagementAddress),
    ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
  };
  const [contests, canonicalPath] = await Promise.all([
    readContract(client, { ...contract, functionName: "forkStatus" }),
    readContract(client, { ...contract, functionName: "canonicalPath" }),
  ]);
  const list: Contest[] = contests.map((c) => ({
    branch: c.branch,
    forkNumber: c.forkNumber,
    tip: c.tip,
    depth: c.depth,
    tipIncludedAt: BigInt(c.tipIncludedAt),
    state: c.state as ContestState,
  }));
  return {
    contests: list,
    canonicalPath: [...canonicalPath],
    finalitySuspended: list.some((c) => c.state === ContestState.Open || c.state === ContestState.ContenderWins),
  };
}
