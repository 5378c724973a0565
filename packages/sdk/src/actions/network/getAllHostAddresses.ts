import type { Address, Chain, Client, GetBlockNumberErrorType, Transport } from "viem";
import { getBlockNumber } from "viem/actions";
import type { HostEntry } from "../../types/network.ts";
import { getHostAddresses, type GetHostAddressesErrorType } from "./getHostAddresses.ts";

export interface GetAllHostAddressesParameters {
  /** Entries per call; default 100. */
  pageSize?: bigint | undefined;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type GetAllHostAddressesReturnType = HostEntry[];

export type GetAllHostAddressesErrorType = GetHostAddressesErrorType | GetBlockNumberErrorType;

/**
 * The whole host list, read page by page at one block so that the pages agree.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const hosts = await getAllHostAddresses(publicClient, {});
 */
export async function getAllHostAddresses(
  client: Client<Transport, Chain | undefined>,
  parameters: GetAllHostAddressesParameters = {},
): Promise<GetAllHostAddressesReturnType> {
  const pageSize = parameters.pageSize ?? 100n;
  const blockNumber = await getBlockNumber(client, { cacheTime: 0 });
  const all: HostEntry[] = [];
  for (let offset = 0n; ; offset += pageSize) {
    const { entries, total } = await getHostAddresses(client, {
      networkManagementAddress: parameters.networkManagementAddress,
      offset,
      limit: pageSize,
      blockNumber,
    });
    all.push(...entries);
    if (offset + pageSize >= total) return all;
  }
}
