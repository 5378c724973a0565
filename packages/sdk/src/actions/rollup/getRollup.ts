import type { Address, Chain, Client, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { RollupNotFoundError } from "../../errors/rollup.ts";
import type { RollupRecord } from "../../types/rollup.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetRollupParameters {
  rollupHash: Hex;
  /** Read at this L1 block (default: the latest). */
  blockNumber?: bigint | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export interface GetRollupReturnType extends RollupRecord {
  /** On the canonical chain now. */
  canonical: boolean;
  /** Canonical and final. */
  final: boolean;
  /** Proved invalid, or descending from a rollup that was. */
  invalid: boolean;
}

export type GetRollupErrorType = RollupNotFoundError | ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * What RollupManagement knows of a rollup: its record (number, branch, L1 blocks, epoch) and
 * whether it is canonical, final and valid, all read at one block.
 * @throws {RollupNotFoundError} when the rollup was never included.
 * @example
 * const rollup = await getRollup(publicClient, { rollupHash });
 */
export async function getRollup(
  client: Client<Transport, Chain | undefined>,
  parameters: GetRollupParameters,
): Promise<GetRollupReturnType> {
  const contract = {
    ...protocolContract(client, "rollupManagement", parameters.rollupManagementAddress),
    ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
  };
  const args = [parameters.rollupHash] as const;
  const [record, canonical, final, invalid] = await Promise.all([
    readContract(client, { ...contract, functionName: "rollup", args }),
    readContract(client, { ...contract, functionName: "isCanonical", args }),
    readContract(client, { ...contract, functionName: "isFinal", args }),
    readContract(client, { ...contract, functionName: "isInvalid", args }),
  ]);
  if (record.includedAt === 0) {
    throw new RollupNotFoundError("RollupManagement does not know the rollup.", {
      details: `rollup ${parameters.rollupHash} at ${contract.address}`,
    });
  }
  return {
    hash: parameters.rollupHash,
    number: record.number,
    branch: record.branch,
    l1BlockNumber: BigInt(record.l1BlockNumber),
    includedAt: BigInt(record.includedAt),
    finalAt: BigInt(record.finalAt),
    keyEpoch: record.keyEpoch,
    forkSlashed: record.forkSlashed,
    canonical,
    final,
    invalid,
  };
}
