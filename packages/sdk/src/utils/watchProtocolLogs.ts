import type { Abi, AbiEvent, Address, Chain, Client, Log, Transport } from "viem";
import { getBlockNumber, getLogs } from "viem/actions";

export interface WatchProtocolLogsParameters {
  address: Address | Address[];
  /** The events to deliver (ABI items). */
  events: readonly AbiEvent[];
  /** Deliver logs from this block on; default: only blocks after the first poll's head. */
  fromBlock?: bigint | undefined;
  /** Milliseconds between polls; default: the client's. */
  pollingInterval?: number | undefined;
  onLogs: (logs: Log[]) => void;
  onError?: ((error: Error) => void) | undefined;
}

/** The events of `abi` named `names`, as {@link watchProtocolLogs} takes them. */
export function eventsNamed(abi: Abi, names: readonly string[]): AbiEvent[] {
  return abi.filter((item): item is AbiEvent => item.type === "event" && names.includes(item.name));
}

/**
 * The SDK's watchers poll with `eth_getLogs` over each new block range: no node-side filter to
 * install (or to lose when the node restarts), and stopping is immediate and complete — viem's
 * filter-based watcher keeps polling for ever if uninstalling its filter fails, for example
 * when the node is already gone. Delivers each log once, in order; a failed poll is reported to
 * `onError` and the same range is tried again.
 */
export function watchProtocolLogs(
  client: Client<Transport, Chain | undefined>,
  parameters: WatchProtocolLogsParameters,
): () => void {
  const interval = parameters.pollingInterval ?? client.pollingInterval;
  let next = parameters.fromBlock;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    try {
      const head = await getBlockNumber(client, { cacheTime: 0 });
      next ??= head + 1n;
      if (head >= next) {
        const logs = await getLogs(client, {
          address: parameters.address,
          events: parameters.events,
          fromBlock: next,
          toBlock: head,
          strict: true,
        });
        next = head + 1n;
        if (!stopped && logs.length > 0) parameters.onLogs(logs as Log[]);
      }
    } catch (error) {
      if (!stopped) parameters.onError?.(error as Error);
    }
    if (!stopped) timer = setTimeout(() => void poll(), interval);
  };
  timer = setTimeout(() => void poll(), 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
