import { zeroHash, type Address, type Chain, type Client, type ReadContractErrorType, type Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { EpochKeyRecord } from "../../types/rollup.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetEpochKeyParameters {
  keyEpoch: number;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export type GetEpochKeyReturnType = EpochKeyRecord;

export type GetEpochKeyErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * What L1 knows of an epoch key: its commitment, whether the council ordered its disclosure, and
 * the key itself once disclosed (`discloseKey`).
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { key } = await getEpochKey(publicClient, { keyEpoch: 0 });
 */
export async function getEpochKey(
  client: Client<Transport, Chain | undefined>,
  parameters: GetEpochKeyParameters,
): Promise<GetEpochKeyReturnType> {
  const contract = protocolContract(client, "rollupManagement", parameters.rollupManagementAddress);
  const [record, key] = await Promise.all([
    readContract(client, { ...contract, functionName: "epochKey", args: [parameters.keyEpoch] }),
    readContract(client, { ...contract, functionName: "disclosedKey", args: [parameters.keyEpoch] }),
  ]);
  return {
    keyEpoch: parameters.keyEpoch,
    commitment: record.commitment,
    committedAt: BigInt(record.committedAt),
    disclosureOrdered: record.disclosureOrdered,
    key: record.disclosed || key !== zeroHash ? key : undefined,
  };
}
