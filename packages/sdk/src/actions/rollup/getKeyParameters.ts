import type { Address, Chain, Client, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetKeyParametersParameters {
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export interface GetKeyParametersReturnType {
  /**
   * Seconds an epoch key may serve: a rollup that keeps the epoch once `committedAt` plus this has
   * passed is refused (`KeyRotationDue`); the next rollup must open a new epoch.
   */
  keyRotationPeriod: bigint;
  /** Seconds after an epoch surely ended before anyone may disclose its key (`discloseKey`). */
  disclosureDelay: bigint;
}

export type GetKeyParametersErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * The epoch keys' governance parameters: how long an epoch may last, and how long after its end
 * its key may be disclosed.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { keyRotationPeriod } = await getKeyParameters(publicClient, {});
 * const { committedAt } = await getEpochKey(publicClient, { keyEpoch });
 * const rotationDueAt = committedAt + keyRotationPeriod;
 */
export async function getKeyParameters(
  client: Client<Transport, Chain | undefined>,
  parameters: GetKeyParametersParameters = {},
): Promise<GetKeyParametersReturnType> {
  const [keyRotationPeriod, disclosureDelay] = await readContract(client, {
    ...protocolContract(client, "rollupManagement", parameters.rollupManagementAddress),
    functionName: "keyParameters",
  });
  return { keyRotationPeriod: BigInt(keyRotationPeriod), disclosureDelay: BigInt(disclosureDelay) };
}
