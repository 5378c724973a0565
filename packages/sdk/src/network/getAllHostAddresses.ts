import type { Address, Client } from "viem";
import { getBlockNumber } from "viem/actions";
import { getHostAddresses, type HostEntry } from "./getHostAddresses.ts";

export interface GetAllHostAddressesParameters {
  client: Client;
  networkManagement: Address;
  /** Entries per call; default 100. */
  pageSize?: bigint | undefined;
}

/** The whole host list, read page by page at one block so that the pages agree. */
export async function getAllHostAddresses(parameters: GetAllHostAddressesParameters): Promise<HostEntry[]> {
  const pageSize = parameters.pageSize ?? 100n;
  const blockNumber = await getBlockNumber(parameters.client, { cacheTime: 0 });
  const all: HostEntry[] = [];
  for (let offset = 0n; ; offset += pageSize) {
    const { entries, total } = await getHostAddresses({ ...parameters, offset, limit: pageSize, blockNumber });
    all.push(...entries);
    if (offset + pageSize >= total) return all;
  }
}
