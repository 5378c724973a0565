import type { Address, Chain, Client, Transport, WatchContractEventErrorType } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { SecretRequest } from "../../types/network.ts";
import { protocolContract } from "../../utils/protocolContract.ts";
import { eventsNamed, watchProtocolLogs } from "../../utils/watchProtocolLogs.ts";
import { secretRequestOfLog } from "./getSecretRequests.ts";

export interface WatchSecretRequestsParameters {
  /** Called with each batch of new requests (`SecretRequested`), in log order. */
  onRequests: (requests: SecretRequest[]) => void;
  /** Called when polling fails, or with an `InvalidSecretRequestError` for a log whose key does not give its enclave id (skipped); watching goes on. */
  onError?: ((error: Error) => void) | undefined;
  /** Also deliver requests from this L1 block on (default: only new ones). */
  fromBlock?: bigint | undefined;
  /** Milliseconds between polls; default: the client's. */
  pollingInterval?: number | undefined;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

/** Stops watching. */
export type WatchSecretRequestsReturnType = () => void;

export type WatchSecretRequestsErrorType = ProtocolContractNotFoundError | WatchContractEventErrorType;

/**
 * Watches NetworkManagement for nodes asking for the secret (`SecretRequested`), as a node holding
 * the secret does to answer them (`prepareSecretResponse`, `respondSecret`). A request may already
 * be answered by the time it arrives: the first response wins, later ones are refused.
 * @throws {ProtocolContractNotFoundError} when NetworkManagement's address is neither given nor on the chain.
 * @example
 * const unwatch = watchSecretRequests(publicClient, { onRequests: (requests) => requests.forEach(answer) });
 */
export function watchSecretRequests(
  client: Client<Transport, Chain | undefined>,
  parameters: WatchSecretRequestsParameters,
): WatchSecretRequestsReturnType {
  const contract = protocolContract(client, "networkManagement", parameters.networkManagementAddress);
  return watchProtocolLogs(client, {
    address: contract.address,
    events: eventsNamed(contract.abi, ["SecretRequested"]),
    fromBlock: parameters.fromBlock,
    pollingInterval: parameters.pollingInterval,
    onError: parameters.onError,
    onLogs: (all) => {
      const logs = all as never as Parameters<typeof secretRequestOfLog>[0][];
      const requests: SecretRequest[] = [];
      for (const log of logs) {
        try {
          requests.push(secretRequestOfLog(log));
        } catch (error) {
          parameters.onError?.(error as Error);
        }
      }
      if (requests.length > 0) parameters.onRequests(requests);
    },
  });
}
