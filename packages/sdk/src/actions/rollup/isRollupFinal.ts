import type { Address, Chain, Client, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface IsRollupFinalParameters {
  rollupHash: Hex;
  /** Read at this L1 block (default: the latest). */
  blockNumber?: bigint | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

/** Whether the rollup is canonical and final (it never reverts to non-final); false for an unknown rollup. */
export type IsRollupFinalReturnType = boolean;

export type IsRollupFinalErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * Whether a rollup is canonical and final: its withdrawals may be paid.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * if (await isRollupFinal(publicClient, { rollupHash })) await finalizeWithdrawal(walletClient, { … });
 */
export async function isRollupFinal(
  client: Client<Transport, Chain | undefined>,
  parameters: IsRollupFinalParameters,
): Promise<IsRollupFinalReturnType> {
  return readContract(client, {
    ...protocolContract(client, "rollupManagement", parameters.rollupManagementAddress),
    functionName: "isFinal",
    args: [parameters.rollupHash],
    ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
  });
}
