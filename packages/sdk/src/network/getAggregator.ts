import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { networkManagementAbi } from "../generated/index.ts";

export interface GetAggregatorParameters {
  client: Client;
  networkManagement: Address;
  operator: Address;
}

export interface GetAggregatorReturnType {
  operator: Address;
  /** Bonded OBX wei. */
  stake: bigint;
  /** OBX wei unbonding (still slashable). */
  unbonding: bigint;
  /** Unix seconds from which `unbonding` can be withdrawn (0 when nothing unbonds). */
  unbondingEnds: bigint;
  /** Whether the operator is in the host list. */
  listed: boolean;
  /** The published host address (empty when not listed). */
  hostAddress: string;
  /** Whether the stake is at least `minStake`: its active enclaves may publish rollups. */
  isPublisher: boolean;
}

/** An operator's stake, unbonding stake, host address and publisher status. */
export async function getAggregator({
  client,
  networkManagement,
  operator,
}: GetAggregatorParameters): Promise<GetAggregatorReturnType> {
  const contract = { address: networkManagement, abi: networkManagementAbi } as const;
  const [record, hostAddress, isPublisher] = await Promise.all([
    readContract(client, { ...contract, functionName: "aggregator", args: [operator] }),
    readContract(client, { ...contract, functionName: "hostAddressOf", args: [operator] }),
    readContract(client, { ...contract, functionName: "isAggregator", args: [operator] }),
  ]);
  return {
    operator,
    stake: record.stake,
    unbonding: record.unbonding,
    unbondingEnds: BigInt(record.unbondingEnds),
    listed: record.hostIndex !== 0,
    hostAddress,
    isPublisher,
  };
}
