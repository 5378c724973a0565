import {
  getAddress,
  type Address,
  type Chain,
  type Client,
  type Transport,
  type WatchContractEventErrorType,
} from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";
import { eventsNamed, watchProtocolLogs } from "../../utils/watchProtocolLogs.ts";
import { depositOfLog, type QueuedDepositLog } from "./getDeposits.ts";

export interface WatchDepositsParameters {
  /** Called with each batch of new deposits, in queue order. */
  onDeposits: (deposits: QueuedDepositLog[]) => void;
  /** Called when polling fails; watching goes on. */
  onError?: ((error: Error) => void) | undefined;
  /** Only deposits to this L2 recipient. */
  to?: Address | undefined;
  /** Also deliver deposits from this L1 block on (default: only new ones). */
  fromBlock?: bigint | undefined;
  /** Milliseconds between polls; default: the client's. */
  pollingInterval?: number | undefined;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

/** Stops watching. */
export type WatchDepositsReturnType = () => void;

export type WatchDepositsErrorType = ProtocolContractNotFoundError | WatchContractEventErrorType;

/**
 * Watches the bridge for new deposits (`DepositQueued`) and calls `onDeposits` with them in queue
 * order. Returns a function that stops watching.
 * @throws {ProtocolContractNotFoundError} when the bridge's address is neither given nor on the chain.
 * @example
 * const unwatch = watchDeposits(publicClient, { onDeposits: (deposits) => console.log(deposits) });
 */
export function watchDeposits(
  client: Client<Transport, Chain | undefined>,
  parameters: WatchDepositsParameters,
): WatchDepositsReturnType {
  const contract = protocolContract(client, "bridgeManagement", parameters.bridgeManagementAddress);
  return watchProtocolLogs(client, {
    address: contract.address,
    events: eventsNamed(contract.abi, ["DepositQueued"]),
    fromBlock: parameters.fromBlock,
    pollingInterval: parameters.pollingInterval,
    onError: parameters.onError,
    onLogs: (all) => {
      const logs = all as never as Parameters<typeof depositOfLog>[0][];
      const deposits = logs
        .filter((log) => !parameters.to || (log.args as { to: Address }).to === getAddress(parameters.to))
        .map(depositOfLog)
        .sort((a, b) => (a.index < b.index ? -1 : 1));
      if (deposits.length > 0) parameters.onDeposits(deposits);
    },
  });
}
