import type { Address, Hex } from "viem";

/**
 * A rollup header, as `RollupManagement.submitRollup` takes it and enclaves sign it
 * (EIP-712 struct `RollupHeader`, domain "Obscuro RollupManagement" / "1").
 */
export interface RollupHeader {
  parentHash: Hex;
  number: bigint;
  /** The L1 block the rollup is built on; it consumes every deposit up to and including it. */
  l1BlockNumber: bigint;
  l1BlockHash: Hex;
  /** Deposits consumed: the bridge queue's length at the end of `l1BlockNumber`. */
  depositCount: bigint;
  /** The bridge accumulator after `depositCount` deposits. */
  depositAcc: Hex;
  stateRoot: Hex;
  withdrawalRoot: Hex;
  /** keccak256 of the blobs' versioned hashes, or of the calldata payload. */
  dataHash: Hex;
  keyEpoch: number;
  /** keccak256 of the epoch key on the first rollup of an epoch, zero otherwise. */
  keyCommitment: Hex;
  enclaveId: Address;
}

/** The EIP-712 types of a rollup header. Field order is part of the protocol. */
export const rollupHeaderTypes = {
  RollupHeader: [
    { name: "parentHash", type: "bytes32" },
    { name: "number", type: "uint64" },
    { name: "l1BlockNumber", type: "uint64" },
    { name: "l1BlockHash", type: "bytes32" },
    { name: "depositCount", type: "uint64" },
    { name: "depositAcc", type: "bytes32" },
    { name: "stateRoot", type: "bytes32" },
    { name: "withdrawalRoot", type: "bytes32" },
    { name: "dataHash", type: "bytes32" },
    { name: "keyEpoch", type: "uint32" },
    { name: "keyCommitment", type: "bytes32" },
    { name: "enclaveId", type: "address" },
  ],
} as const;

/** The EIP-712 domain of a RollupManagement deployment. */
export function rollupManagementDomain({ chainId, rollupManagement }: { chainId: number; rollupManagement: Address }) {
  return { name: "Obscuro RollupManagement", version: "1", chainId, verifyingContract: rollupManagement } as const;
}
