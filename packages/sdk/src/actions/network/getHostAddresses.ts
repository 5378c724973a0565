import type { Address, Chain, Client, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { HostEntry } from "../../types/network.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetHostAddressesParameters {
  /** The first position to read; default 0. */
  offset?: bigint | undefined;
  /** At most this many entries; default 100. */
  limit?: bigint | undefined;
  /** Read at this block (default latest), so that pages of one listing agree. */
  blockNumber?: bigint | undefined;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export interface GetHostAddressesReturnType {
  entries: HostEntry[];
  /** How many aggregators the list holds. */
  total: bigint;
}

export type GetHostAddressesErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * One page of the public host list that nodes bootstrap their gossip from. The order changes
 * when an aggregator leaves (the last entry takes its place), so read every page at one block.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { entries, total } = await getHostAddresses(publicClient, { offset: 0n, limit: 50n });
 */
export async function getHostAddresses(
  client: Client<Transport, Chain | undefined>,
  parameters: GetHostAddressesParameters = {},
): Promise<GetHostAddressesReturnType> {
  const contract = {
    ...protocolContract(client, "networkManagement", parameters.networkManagementAddress),
    blockNumber: parameters.blockNumber,
  };
  const [entries, total] = await Promise.all([
    readContract(client, {
      ...contract,
      functionName: "hosts",
      args: [parameters.offset ?? 0n, parameters.limit ?? 100n],
    }),
    readContract(client, { ...contract, functionName: "hostCount" }),
  ]);
  return { entries: entries.map((e) => ({ operator: e.operator, hostAddress: e.hostAddress })), total };
}
