import type { Address, Chain, Client, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetCanonicalHeadParameters {
  /** Read at this L1 block (default: the latest). */
  blockNumber?: bigint | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export interface GetCanonicalHeadReturnType {
  /** The hash of the latest rollup of the canonical chain (the genesis hash before any rollup). */
  hash: Hex;
  number: bigint;
}

export type GetCanonicalHeadErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * The latest rollup of the canonical chain.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { hash, number } = await getCanonicalHead(publicClient, {});
 */
export async function getCanonicalHead(
  client: Client<Transport, Chain | undefined>,
  parameters: GetCanonicalHeadParameters = {},
): Promise<GetCanonicalHeadReturnType> {
  const [hash, number] = await readContract(client, {
    ...protocolContract(client, "rollupManagement", parameters.rollupManagementAddress),
    functionName: "canonicalHead",
    ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
  });
  return { hash, number };
}
