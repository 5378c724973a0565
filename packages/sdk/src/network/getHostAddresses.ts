import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { networkManagementAbi } from "../generated/index.ts";

export interface GetHostAddressesParameters {
  client: Client;
  networkManagement: Address;
  /** The first position to read; default 0. */
  offset?: bigint | undefined;
  /** At most this many entries; default 100. */
  limit?: bigint | undefined;
  /** Read at this block (default latest), so that pages of one listing agree. */
  blockNumber?: bigint | undefined;
}

export interface HostEntry {
  operator: Address;
  hostAddress: string;
}

export interface GetHostAddressesReturnType {
  entries: HostEntry[];
  /** How many aggregators the list holds. */
  total: bigint;
}

/**
 * One page of the public host list that nodes bootstrap their gossip from. The order changes
 * when an aggregator leaves (the last entry takes its place), so read every page at one block.
 */
export async function getHostAddresses(parameters: GetHostAddressesParameters): Promise<GetHostAddressesReturnType> {
  const contract = {
    address: parameters.networkManagement,
    abi: networkManagementAbi,
    blockNumber: parameters.blockNumber,
  } as const;
  const [entries, total] = await Promise.all([
    readContract(parameters.client, {
      ...contract,
      functionName: "hosts",
      args: [parameters.offset ?? 0n, parameters.limit ?? 100n],
    }),
    readContract(parameters.client, { ...contract, functionName: "hostCount" }),
  ]);
  return { entries: entries.map((e) => ({ operator: e.operator, hostAddress: e.hostAddress })), total };
}
