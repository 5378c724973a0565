import type { Address, Chain, Client, Transport, WatchContractEventErrorType } from "viem";
import { watchContractEvent } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { SubmittedRollup } from "../../types/rollup.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

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
  return watchContractEvent(client, {
    ...protocolContract(client, "rollupManagement", parameters.rollupManagementAddress),
    eventName: "RollupSubmitted",
    ...(parameters.fromBlock === undefined ? {} : { fromBlock: parameters.fromBlock }),
    ...(parameters.pollingInterval === undefined ? {} : { pollingInterval: parameters.pollingInterval }),
    strict: true,
    onError: parameters.onError,
    onLogs: (logs) => {
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
