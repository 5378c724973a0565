import type { Address, Chain, Client, Hex, Transport, WatchContractEventErrorType } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { RollupHeader, SubmittedRollup } from "../../types/rollup.ts";
import { protocolContract } from "../../utils/protocolContract.ts";
import { eventsNamed, watchProtocolLogs } from "../../utils/watchProtocolLogs.ts";

export interface WatchRollupsParameters {
  /** Called with each batch of new rollups, in the order L1 included them. */
  onRollups: (rollups: SubmittedRollup[]) => void;
  /** Called when polling fails; watching goes on. */
  onError?: ((error: Error) => void) | undefined;
  /** Also deliver rollups from this L1 block on (default: only new ones). */
  fromBlock?: bigint | undefined;
  /** Milliseconds between polls; default: the client's. */
  pollingInterval?: number | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

/** Stops watching. */
export type WatchRollupsReturnType = () => void;

export type WatchRollupsErrorType = ProtocolContractNotFoundError | WatchContractEventErrorType;

/**
 * Watches RollupManagement for accepted rollups (`RollupSubmitted`, with the whole header) and
 * calls `onRollups` with them. Returns a function that stops watching.
 * @throws {ProtocolContractNotFoundError} when RollupManagement's address is neither given nor on the chain.
 * @example
 * const unwatch = watchRollups(publicClient, { onRollups: (rollups) => rollups.forEach(sync) });
 */
export function watchRollups(
  client: Client<Transport, Chain | undefined>,
  parameters: WatchRollupsParameters,
): WatchRollupsReturnType {
  const contract = protocolContract(client, "rollupManagement", parameters.rollupManagementAddress);
  return watchProtocolLogs(client, {
    address: contract.address,
    events: eventsNamed(contract.abi, ["RollupSubmitted"]),
    fromBlock: parameters.fromBlock,
    pollingInterval: parameters.pollingInterval,
    onError: parameters.onError,
    onLogs: (all) => {
      const logs = all as never as {
        args: { rollupHash: Hex; header: RollupHeader; publisher: Address; branch: number; blobs: boolean };
        blockNumber: bigint;
        transactionHash: Hex;
      }[];
      const rollups = logs.map(({ args, blockNumber, transactionHash }) => ({
        rollupHash: args.rollupHash,
        header: { ...args.header },
        publisher: args.publisher,
        branch: args.branch,
        blobs: args.blobs,
        blockNumber,
        transactionHash,
      }));
      if (rollups.length > 0) parameters.onRollups(rollups);
    },
  });
}
