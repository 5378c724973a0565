import type { Address, Hex } from "viem";

/** What a deposit, withdrawal or balance moves, as the bridge's `AssetKind` enum numbers it. */
export const AssetKind = { Eth: 0, Erc20: 1, Erc721: 2 } as const;
export type AssetKind = (typeof AssetKind)[keyof typeof AssetKind];

/** One deposit of the bridge queue, as `DepositQueued` reports it. */
export interface Deposit {
  index: bigint;
  kind: AssetKind;
  from: Address;
  to: Address;
  /** Zero address for ETH. */
  token: Address;
  /** Wei or token amount credited, or the ERC721 token id. */
  amountOrId: bigint;
}

/** A deposit as the accumulator hashed it, its index implied by its position (`IBridgeManagement.QueuedDeposit`). */
export interface QueuedDeposit {
  kind: AssetKind;
  from: Address;
  to: Address;
  token: Address;
  amountOrId: bigint;
}

/** How the bridge knows a point of the queue (`IBridgeManagement.QueuePointKind`). */
export const QueuePointKind = { Checkpoint: 0, Frozen: 1, Recorded: 2, Latest: 3 } as const;
export type QueuePointKind = (typeof QueuePointKind)[keyof typeof QueuePointKind];

/** A known point of the deposit queue (`IBridgeManagement.QueuePoint`): the accumulator `acc` after `count` deposits. */
export interface QueuePoint {
  kind: QueuePointKind;
  /** For a `Checkpoint`: its sequence number and the blocks it spans; zero otherwise. */
  seq: bigint;
  fromBlock: bigint;
  untilBlock: bigint;
  count: bigint;
  acc: Hex;
}

/** `IBridgeManagement.DepositRangeProof`: every deposit between two known points of the queue. */
export interface DepositRangeProof {
  start: QueuePoint;
  end: QueuePoint;
  deposits: QueuedDeposit[];
}

/**
 * The deposit checkpoint hint `submitRollup` takes (`IBridgeManagement.DepositCheckpoint`): the
 * checkpoint covering the rollup's L1 block, or, when no deposit arrived after that block yet, the
 * one the next deposit block will write, with `untilBlock` 0 ("the latest checkpoint"). Either way
 * a deposit that lands ahead of the rollup cannot make it revert.
 */
export interface DepositCheckpointHint {
  seq: bigint;
  fromBlock: bigint;
  untilBlock: bigint;
}

/** The bridge's deposit queue as its logs and state show it: everything refunds and their proofs need. */
export interface DepositQueueSnapshot {
  /** Deposits so far and the accumulator after them (the queue's latest state). */
  count: bigint;
  acc: Hex;
  /** Every deposit, by index. */
  deposits: readonly QueuedDeposit[];
  /** `accAt[n]`: the accumulator after `n` deposits (`accAt[0]` is zero). */
  accAt: readonly Hex[];
  /** The checkpoints still in the bridge's ring, oldest first. */
  checkpoints: readonly QueuePoint[];
  /** In exit mode, the frozen rollup's deposit point; undefined before a freeze. */
  frozen: QueuePoint | undefined;
  /** Counts at which `recordRefundPoints` stored the accumulator. */
  recorded: ReadonlySet<bigint>;
}

/** One `recordRefundPoints` call: the deposits from `startCount` to the known point `end`. */
export interface RefundPointsChunk {
  startCount: bigint;
  startAcc: Hex;
  deposits: QueuedDeposit[];
  end: QueuePoint;
}

/** An L2 withdrawal, as a rollup's `withdrawalRoot` commits to it (`IBridgeManagement.Withdrawal`). */
export interface Withdrawal {
  /** The L2's sequence number of the withdrawal, unique along the chain. */
  id: bigint;
  recipient: Address;
  kind: AssetKind;
  /** Zero address for ETH. */
  token: Address;
  amountOrId: bigint;
}

/** One entry of the L2 bridge ledger a rollup's `stateRoot` commits to (`IBridgeManagement.BalanceLeaf`). */
export interface BalanceLeaf {
  account: Address;
  kind: AssetKind;
  token: Address;
  /** The wrapped balance, or the ERC721 token id the account owns. */
  amountOrId: bigint;
}

/** A Merkle tree over leaves, with the root a header carries and proofs the bridge checks. */
export interface LeafTree<T> {
  /** The root (zero for no leaves, as a header with nothing to commit carries). */
  root: Hex;
  /** The Merkle proof of `leaf`. @throws {LeafNotInTreeError} */
  proof(leaf: T): Hex[];
  /** The tree as JSON (OpenZeppelin's format), for nodes to persist and serve. */
  dump(): unknown;
}
