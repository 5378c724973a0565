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

/** What RollupManagement stores for a rollup (`IRollupManagement.RollupRecord`), with what it derives from it. */
export interface RollupRecord {
  hash: Hex;
  number: bigint;
  /** The branch of the rollup tree it is on. */
  branch: number;
  /** The L1 block it is built on. */
  l1BlockNumber: bigint;
  /** The L1 block that included it. */
  includedAt: bigint;
  /** The earliest L1 block at which it can be final (later if a contest holds it back). */
  finalAt: bigint;
  keyEpoch: number;
  /** Whether its publisher was slashed for it under the fork rule. */
  forkSlashed: boolean;
}

/** The state of a contest between two branches (`IRollupManagement.ContestState`). */
export const ContestState = {
  /** Both sides alive: finality after the fork point is suspended. */
  Open: 0,
  /** The contender died; finality resumes once `finalityDelay` has passed since its last rollup. */
  ContenderLost: 1,
  /** The canonical side died while the contender lives: the contender becomes canonical next. */
  ContenderWins: 2,
  /** The fork point is no longer canonical; the contest no longer matters. */
  Orphaned: 3,
} as const;
export type ContestState = (typeof ContestState)[keyof typeof ContestState];

/** One contest that still matters (`IRollupManagement.ContestInfo`). */
export interface Contest {
  /** The contending (non-canonical) branch. */
  branch: number;
  /** The number of the canonical rollup it forks from. */
  forkNumber: bigint;
  /** The contender's latest rollup. */
  tip: Hex;
  /** How many rollups the contender has after the fork point. */
  depth: bigint;
  /** The L1 block that included the contender's latest rollup. */
  tipIncludedAt: bigint;
  state: ContestState;
}

/** What RollupManagement knows of an epoch key (`IRollupManagement.EpochKey`), with the key once disclosed. */
export interface EpochKeyRecord {
  keyEpoch: number;
  /** keccak256 of the key, from the first rollup of the epoch (zero: no rollup of the epoch yet). */
  commitment: Hex;
  /** Unix seconds when that rollup was included. */
  committedAt: bigint;
  /** Whether the council ordered its disclosure. */
  disclosureOrdered: boolean;
  /** The disclosed key; undefined until disclosed. */
  key: Hex | undefined;
}

/** A rollup as `RollupSubmitted` reports it, with where it landed on L1. */
export interface SubmittedRollup {
  rollupHash: Hex;
  header: RollupHeader;
  /** The operator that sent it. */
  publisher: Address;
  branch: number;
  /** Whether its data came in blobs (else calldata). */
  blobs: boolean;
  blockNumber: bigint;
  transactionHash: Hex;
}

/** A witness enclave's signed statement that a rollup is invalid. */
export interface InvalidRollupTestimony {
  /** The witness enclave's id (the address of its key). */
  witness: Address;
  /** 65-byte `r || s || v` signature over `InvalidRollup(rollupHash)`. */
  signature: Hex;
}
