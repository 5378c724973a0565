import {
  zeroHash,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { getBlock, readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetEmergencyStatusParameters {
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export interface GetEmergencyStatusReturnType {
  /** The council declared a breach: every epoch key may be disclosed at once. */
  breachDeclared: boolean;
  /** Deposits and withdrawals are paused now. */
  paused: boolean;
  /** Unix seconds the pause ends (in the past: not paused). */
  pausedUntil: bigint;
  /** Exit mode: the ledger is frozen on a rollup, and no rollup is accepted any more. */
  frozen: boolean;
  /** The frozen rollup and what exit mode pays from; undefined before a freeze. */
  frozenLedger: { rollupHash: Hex; stateRoot: Hex; number: bigint; depositCount: bigint } | undefined;
}

export type GetEmergencyStatusErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * Which emergency powers are in force, read at one block: a declared breach, a pause of the
 * bridge, exit mode.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { paused, frozen } = await getEmergencyStatus(publicClient, {});
 */
export async function getEmergencyStatus(
  client: Client<Transport, Chain | undefined>,
  parameters: GetEmergencyStatusParameters = {},
): Promise<GetEmergencyStatusReturnType> {
  const block = await getBlock(client);
  const at = { blockNumber: block.number };
  const rollups = { ...protocolContract(client, "rollupManagement", parameters.rollupManagementAddress), ...at };
  const bridge = { ...protocolContract(client, "bridgeManagement", parameters.bridgeManagementAddress), ...at };
  const [breachDeclared, pausedUntil, frozen] = await Promise.all([
    readContract(client, { ...rollups, functionName: "breachDeclared" }),
    readContract(client, { ...bridge, functionName: "pausedUntil" }),
    readContract(client, { ...bridge, functionName: "frozenLedger" }),
  ]);
  return {
    breachDeclared,
    paused: BigInt(pausedUntil) > block.timestamp,
    pausedUntil: BigInt(pausedUntil),
    frozen: frozen.rollupHash !== zeroHash,
    frozenLedger: frozen.rollupHash === zeroHash ? undefined : { ...frozen },
  };
}
