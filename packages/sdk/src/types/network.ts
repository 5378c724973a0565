import type { Address, Hex } from "viem";

/** `INetworkRegistry.NodeStatus`. */
export const NodeStatus = {
  /** Never registered, or its registration was cancelled. */
  None: 0,
  /** Registered; waits for a node holding the secret to respond. */
  AwaitingSecret: 1,
  /** Holds the secret (its ciphertext is on L1). */
  Active: 2,
  /** Retired by its operator, for ever. */
  Deregistered: 3,
} as const;
export type NodeStatus = (typeof NodeStatus)[keyof typeof NodeStatus];

/** A node waiting for the secret: what a responder needs to answer it. */
export interface SecretRequest {
  enclaveId: Address;
  operator: Address;
  /** The key to encrypt the secret to (checked: it gives `enclaveId`). */
  enclavePublicKey: Hex;
  measurement: Hex;
  /** The fee the first responder's operator receives. */
  fee: bigint;
  /** Unix seconds after which the requester's attestation is expired (no response then). */
  expiresAt: bigint;
  /** The L1 block of the request. */
  blockNumber: bigint;
}

/** One entry of the public host list. */
export interface HostEntry {
  operator: Address;
  hostAddress: string;
}

/** An ERC-2612 permit split as `registerAggregatorWithPermit` takes it. */
export interface StakePermit {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}
