import type { Address, Hex } from "viem";

/** Where an emergency was logged. */
interface Logged {
  blockNumber: bigint;
  transactionHash: Hex;
}

/**
 * An emergency event of the protocol, as `watchEmergencies` reports it: the council's powers
 * (breach, key disclosure order, pause, freeze, revocation) and what they cause (the rollup tree
 * halted by a freeze; a measurement revoked by its auditors).
 */
export type Emergency = Logged &
  (
    | { kind: "BreachDeclared"; by: Address }
    | { kind: "KeyDisclosureOrdered"; keyEpoch: number; by: Address }
    | { kind: "RollupsHalted"; rollupHash: Hex; number: bigint }
    | { kind: "BridgePaused"; until: bigint; by: Address }
    | { kind: "BridgeUnpaused"; by: Address }
    | { kind: "BridgeFrozen"; rollupHash: Hex; number: bigint; stateRoot: Hex; depositCount: bigint; depositAcc: Hex }
    | { kind: "MeasurementRevoked"; measurement: Hex; by: "council" | "auditors" }
  );

/** The kind of an {@link Emergency}. */
export type EmergencyKind = Emergency["kind"];
