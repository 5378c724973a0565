import type { Address, Chain, Client, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetNetworkInfoParameters {
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export interface GetNetworkInfoReturnType {
  /** The network key's address; zero before `initializeNetwork`. */
  networkKey: Address;
  /** The genesis node; zero before `initializeNetwork`. */
  genesisEnclave: Address;
  /** ETH wei paid with `registerNode`. */
  registrationFee: bigint;
  /** OBX wei a publishing aggregator must keep staked. */
  minStake: bigint;
  /** Seconds between `unstake` and `withdrawStake`. */
  unbondingPeriod: bigint;
  /** Seconds before an unanswered registration may be cancelled. */
  responseTimeout: bigint;
  treasury: Address;
}

export type GetNetworkInfoErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * The network key, the genesis node and the parameters of NetworkManagement.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { networkKey, minStake } = await getNetworkInfo(publicClient, {});
 */
export async function getNetworkInfo(
  client: Client<Transport, Chain | undefined>,
  parameters: GetNetworkInfoParameters = {},
): Promise<GetNetworkInfoReturnType> {
  const contract = protocolContract(client, "networkManagement", parameters.networkManagementAddress);
  const [networkKey, genesisEnclave, [registrationFee, minStake, unbondingPeriod, responseTimeout, treasury]] =
    await Promise.all([
      readContract(client, { ...contract, functionName: "networkKey" }),
      readContract(client, { ...contract, functionName: "genesisEnclave" }),
      readContract(client, { ...contract, functionName: "parameters" }),
    ]);
  return { networkKey, genesisEnclave, registrationFee, minStake, unbondingPeriod, responseTimeout, treasury };
}
