import type { Address, Chain, Client, GetContractEventsErrorType, Hex, Transport } from "viem";
import { getContractEvents } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { RollupNotFoundError } from "../../errors/rollup.ts";
import type { SubmittedRollup } from "../../types/rollup.ts";
import { getProtocolDeployBlock } from "../../utils/getProtocolAddress.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetSubmittedRollupParameters {
  rollupHash: Hex;
  /** The first block to scan. Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export type GetSubmittedRollupReturnType = SubmittedRollup;

export type GetSubmittedRollupErrorType =
  RollupNotFoundError | ProtocolContractNotFoundError | GetContractEventsErrorType;

/**
 * A rollup's whole header and where it landed on L1, from its `RollupSubmitted` event: what
 * `freezeBridge`, `finalizeWithdrawal` and the slashing actions take.
 * @throws {RollupNotFoundError} when no rollup with this hash was included.
 * @example
 * const { header } = await getSubmittedRollup(publicClient, { rollupHash });
 * await freezeBridge(walletClient, { header, signers });
 */
export async function getSubmittedRollup(
  client: Client<Transport, Chain | undefined>,
  parameters: GetSubmittedRollupParameters,
): Promise<GetSubmittedRollupReturnType> {
  const contract = protocolContract(client, "rollupManagement", parameters.rollupManagementAddress);
  const [log] = await getContractEvents(client, {
    ...contract,
    eventName: "RollupSubmitted",
    args: { rollupHash: parameters.rollupHash },
    fromBlock: getProtocolDeployBlock(client, parameters.fromBlock),
    toBlock: "latest",
    strict: true,
  });
  if (!log) {
    throw new RollupNotFoundError("RollupManagement never accepted this rollup.", {
      details: `rollup ${parameters.rollupHash} at ${contract.address}`,
    });
  }
  const { args, blockNumber, transactionHash } = log;
  return {
    rollupHash: args.rollupHash,
    header: { ...args.header },
    publisher: args.publisher,
    branch: args.branch,
    blobs: args.blobs,
    blockNumber,
    transactionHash,
  };
}
