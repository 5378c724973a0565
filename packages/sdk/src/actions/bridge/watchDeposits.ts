import type { Address, Chain, Client, Transport, WatchContractEventErrorType } from "viem";
import { watchContractEvent } from "viem/actions";
import type { AssetKind, Deposit } from "../../bridge/depositAccumulator.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { bridgeManagementAbi } from "../../generated/index.ts";
import { getProtocolAddress } from "../../utils/getProtocolAddress.ts";

/** A deposit as the bridge queued it, with where it landed on L1. */
export interface WatchedDeposit extends Deposit {
  /** The queue accumulator after this deposit. */
  acc: `0x${string}`;
  blockNumber: bigint;
  transactionHash: `0x${string}`;
}

export interface WatchDepositsParameters {
  /** Called with each batch of new deposits, in queue order. */
  onDeposits: (deposits: WatchedDeposit[]) => void;
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
 * @example
 * const unwatch = watchDeposits(publicClient, { onDeposits: (ds) => console.log(ds) });
 */
export function watchDeposits(
  client: Client<Transport, Chain | undefined>,
  parameters: WatchDepositsParameters,
): WatchDepositsReturnType {
  return watchContractEvent(client, {
    address: getProtocolAddress(client, "bridgeManagement", parameters.bridgeManagementAddress),
    abi: bridgeManagementAbi,
    eventName: "DepositQueued",
    ...(parameters.to ? { args: { to: parameters.to } } : {}),
    ...(parameters.fromBlock === undefined ? {} : { fromBlock: parameters.fromBlock }),
    ...(parameters.pollingInterval === undefined ? {} : { pollingInterval: parameters.pollingInterval }),
    strict: true,
    onError: parameters.onError,
    onLogs: (logs) => {
      const deposits = logs
        .map(({ args, blockNumber, transactionHash }) => ({
          index: args.index,
          kind: args.kind as AssetKind,
          from: args.from,
          to: args.to,
          token: args.token,
          amountOrId: args.amountOrId,
          acc: args.acc,
          blockNumber,
          transactionHash,
        }))
        .sort((a, b) => (a.index < b.index ? -1 : 1));
      if (deposits.length > 0) parameters.onDeposits(deposits);
    },
  });
}
