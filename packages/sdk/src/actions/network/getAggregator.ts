import type { Address, Chain, Client, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetAggregatorParameters {
  operator: Address;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
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

export type GetAggregatorErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * An operator's stake, unbonding stake, host address and publisher status.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { stake, isPublisher } = await getAggregator(publicClient, { operator });
 */
export async function getAggregator(
  client: Client<Transport, Chain | undefined>,
  { operator, networkManagementAddress }: GetAggregatorParameters,
): Promise<GetAggregatorReturnType> {
  const contract = protocolContract(client, "networkManagement", networkManagementAddress);
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
