import type { AbiEvent, Address, Chain, Client, Hex, Log, Transport, WatchEventErrorType } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { Emergency } from "../../types/emergency.ts";
import { protocolContract } from "../../utils/protocolContract.ts";
import { watchProtocolLogs } from "../../utils/watchProtocolLogs.ts";

export interface WatchEmergenciesParameters {
  /** Called with each batch of new emergencies, in log order. */
  onEmergencies: (emergencies: Emergency[]) => void;
  /** Called when polling fails; watching goes on. */
  onError?: ((error: Error) => void) | undefined;
  /** Also deliver emergencies from this L1 block on (default: only new ones). */
  fromBlock?: bigint | undefined;
  /** Milliseconds between polls; default: the client's. */
  pollingInterval?: number | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
  /** Default: the chain's `enclavePolicy`. */
  enclavePolicyAddress?: Address | undefined;
}

/** Stops watching. */
export type WatchEmergenciesReturnType = () => void;

export type WatchEmergenciesErrorType = ProtocolContractNotFoundError | WatchEventErrorType;

const ROLLUP_EVENTS = ["BreachDeclared", "KeyDisclosureOrdered", "Halted"];
const BRIDGE_EVENTS = ["Paused", "Unpaused", "Frozen"];
const POLICY_EVENTS = ["MeasurementRevokedByCouncil", "MeasurementRevokedByAuditors"];

type Args = Record<string, unknown>;

/**
 * Watches the protocol for emergencies with one filter over RollupManagement, BridgeManagement and
 * EnclavePolicy: a breach declared, a key disclosure ordered, the bridge paused, unpaused or frozen
 * (and the rollup tree halted with it), a measurement revoked. What a node reacts to at once
 * (disclose keys, stop sequencing, stop using revoked enclaves) and the explorer shows.
 * @throws {ProtocolContractNotFoundError} when an address is neither given nor on the chain.
 * @example
 * const unwatch = watchEmergencies(publicClient, { onEmergencies: (es) => es.forEach(alert) });
 */
export function watchEmergencies(
  client: Client<Transport, Chain | undefined>,
  parameters: WatchEmergenciesParameters,
): WatchEmergenciesReturnType {
  const rollups = protocolContract(client, "rollupManagement", parameters.rollupManagementAddress);
  const bridge = protocolContract(client, "bridgeManagement", parameters.bridgeManagementAddress);
  const policy = protocolContract(client, "enclavePolicy", parameters.enclavePolicyAddress);
  const pick = (abi: readonly { type: string; name?: string }[], names: string[]) =>
    abi.filter((item) => item.type === "event" && names.includes(item.name ?? "")) as unknown as AbiEvent[];
  const events = [
    ...pick(rollups.abi, ROLLUP_EVENTS),
    ...pick(bridge.abi, BRIDGE_EVENTS),
    ...pick(policy.abi, POLICY_EVENTS),
  ];
  return watchProtocolLogs(client, {
    address: [rollups.address, bridge.address, policy.address],
    events,
    fromBlock: parameters.fromBlock,
    pollingInterval: parameters.pollingInterval,
    onError: parameters.onError,
    onLogs: (logs) => {
      const emergencies = logs.flatMap((log) => {
        const emergency = emergencyOfLog(log as unknown as Log & { eventName: string; args: Args });
        return emergency ? [emergency] : [];
      });
      if (emergencies.length > 0) parameters.onEmergencies(emergencies);
    },
  });
}

function emergencyOfLog(log: {
  eventName: string;
  args: Args;
  blockNumber: bigint | null;
  transactionHash: Hex | null;
}): Emergency | undefined {
  const logged = { blockNumber: log.blockNumber ?? 0n, transactionHash: log.transactionHash ?? "0x" };
  const a = log.args;
  switch (log.eventName) {
    case "BreachDeclared":
      return { ...logged, kind: "BreachDeclared", by: a.by as Address };
    case "KeyDisclosureOrdered":
      return { ...logged, kind: "KeyDisclosureOrdered", keyEpoch: a.keyEpoch as number, by: a.by as Address };
    case "Halted":
      return { ...logged, kind: "RollupsHalted", rollupHash: a.rollupHash as Hex, number: a.number as bigint };
    case "Paused":
      return { ...logged, kind: "BridgePaused", until: BigInt(a.until as number), by: a.by as Address };
    case "Unpaused":
      return { ...logged, kind: "BridgeUnpaused", by: a.by as Address };
    case "Frozen":
      return {
        ...logged,
        kind: "BridgeFrozen",
        rollupHash: a.rollupHash as Hex,
        number: a.number as bigint,
        stateRoot: a.stateRoot as Hex,
        depositCount: a.depositCount as bigint,
        depositAcc: a.depositAcc as Hex,
      };
    case "MeasurementRevokedByCouncil":
      return { ...logged, kind: "MeasurementRevoked", measurement: a.measurement as Hex, by: "council" };
    case "MeasurementRevokedByAuditors":
      return { ...logged, kind: "MeasurementRevoked", measurement: a.measurement as Hex, by: "auditors" };
    default:
      return undefined;
  }
}
