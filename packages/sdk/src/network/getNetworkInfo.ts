import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { networkManagementAbi } from "../generated/index.ts";

export interface GetNetworkInfoParameters {
  client: Client;
  networkManagement: Address;
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
  enclavePolicy: Address;
  stakeToken: Address;
  /** The only module besides governance that may slash stakes (RollupSlashing). */
  slasher: Address;
}

/** The network key, the genesis node, the parameters and the wiring of a NetworkManagement proxy. */
export async function getNetworkInfo({
  client,
  networkManagement,
}: GetNetworkInfoParameters): Promise<GetNetworkInfoReturnType> {
  const contract = { address: networkManagement, abi: networkManagementAbi } as const;
  const [networkKey, genesisEnclave, parameters, enclavePolicy, stakeToken, slasher] = await Promise.all([
    readContract(client, { ...contract, functionName: "networkKey" }),
    readContract(client, { ...contract, functionName: "genesisEnclave" }),
    readContract(client, { ...contract, functionName: "parameters" }),
    readContract(client, { ...contract, functionName: "enclavePolicy" }),
    readContract(client, { ...contract, functionName: "stakeToken" }),
    readContract(client, { ...contract, functionName: "rollupSlashing" }),
  ]);
  const [registrationFee, minStake, unbondingPeriod, responseTimeout, treasury] = parameters;
  return {
    networkKey,
    genesisEnclave,
    registrationFee,
    minStake,
    unbondingPeriod,
    responseTimeout,
    treasury,
    enclavePolicy,
    stakeToken,
    slasher,
  };
}
