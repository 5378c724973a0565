import type { BalanceLeaf, Deposit, Withdrawal } from "@obscuro/sdk";
import type { Address, Hex } from "viem";

/**
 * The inputs of one L2 block (a batch): everything a node needs to execute it. The block's hash
 * and roots follow from executing it on its parent.
 */
export interface BatchInput {
  number: bigint;
  parentHash: Hex;
  /** Seconds; not before the parent's. */
  timestamp: bigint;
  /** The L1 block the batch is built on (its deposits are consumed up to it). */
  l1BlockNumber: bigint;
  l1BlockHash: Hex;
  /** Receives the priority fees. */
  coinbase: Address;
  /** Deposits of the L1 queue, continuing it in queue order; credited first, as system transactions. */
  deposits: readonly Deposit[];
  /** Signed user transactions (raw bytes), executed in order after the deposits. */
  transactions: readonly Uint8Array[];
}

/** What the sequencer gives `buildBlock`: a batch whose transactions are only candidates. */
export type BuildBlockInput = Omit<BatchInput, "number" | "parentHash">;

/** An executed L2 block. */
export interface L2Block {
  number: bigint;
  hash: Hex;
  parentHash: Hex;
  timestamp: bigint;
  l1BlockNumber: bigint;
  l1BlockHash: Hex;
  coinbase: Address;
  /** The EVM state root (Merkle Patricia trie). */
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  gasLimit: bigint;
  /** Gas used by the user transactions (deposits use none). */
  gasUsed: bigint;
  baseFeePerGas: bigint;
  /** The deposits credited, in queue order. */
  deposits: Deposit[];
  /** Hashes of the block's transactions: its deposits' system transactions, then the user transactions. */
  transactionHashes: Hex[];
  /** Raw user transactions, in order. */
  transactions: Uint8Array[];
  /** The L1 queue point reached after this block (the rollup header's `depositCount`, `depositAcc`). */
  depositCount: bigint;
  depositAcc: Hex;
  /** The header's RLP encoding (its keccak256 is `hash`). */
  headerRlp: Uint8Array;
}

/** One log of a receipt, placed in its block. */
export interface L2Log {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: bigint;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: number;
  /** Position among the block's logs. */
  logIndex: number;
}

/** A transaction's receipt, as `eth_getTransactionReceipt` reports it. */
export interface L2Receipt {
  transactionHash: Hex;
  transactionIndex: number;
  blockHash: Hex;
  blockNumber: bigint;
  /** The signer; the system address for deposits. */
  from: Address;
  /** Null for a contract creation. */
  to: Address | null;
  /** 0 legacy, 1 EIP-2930, 2 EIP-1559, 0x7e deposit. */
  type: number;
  status: "success" | "reverted";
  cumulativeGasUsed: bigint;
  gasUsed: bigint;
  effectiveGasPrice: bigint;
  contractAddress: Address | null;
  logs: L2Log[];
  logsBloom: Hex;
}

/** A transaction's place in the chain. */
export interface L2TransactionLocation {
  hash: Hex;
  blockNumber: bigint;
  blockHash: Hex;
  transactionIndex: number;
  from: Address;
  /** The raw signed transaction; for a deposit, its system-transaction encoding. */
  raw: Hex;
}

/** A withdrawal recorded by the L2 bridge, with where it happened. */
export interface L2Withdrawal extends Withdrawal {
  /** The L2 account that burned. */
  sender: Address;
  blockNumber: bigint;
  transactionHash: Hex;
}

/** The withdrawals of a block range and their tree (a rollup's `withdrawalRoot`). */
export interface WithdrawalBatch {
  fromBlock: bigint;
  toBlock: bigint;
  withdrawals: L2Withdrawal[];
  /** Zero when there are none. */
  withdrawalRoot: Hex;
  /** The Merkle proof of withdrawal `id` against `withdrawalRoot`. */
  proof(id: bigint): Hex[];
}

/** A ledger entry with its Merkle proof against the ledger root (a rollup's `stateRoot`). */
export interface BalanceProof {
  leaf: BalanceLeaf;
  proof: Hex[];
  root: Hex;
}

/** A read-only call, as `eth_call` and `eth_estimateGas` take it. */
export interface CallRequest {
  from?: Address | undefined;
  /** Absent for a contract creation. */
  to?: Address | undefined;
  data?: Hex | undefined;
  value?: bigint | undefined;
  /** Defaults to the block gas limit. */
  gas?: bigint | undefined;
  /** Defaults to zero: calls pay no fee unless asked to. */
  gasPrice?: bigint | undefined;
}

/** The outcome of a call. */
export interface CallResult {
  /** Return data, or revert data when `reverted`. */
  returnData: Hex;
  gasUsed: bigint;
  reverted: boolean;
  logs: { address: Address; topics: Hex[]; data: Hex }[];
}

/** A `getLogs` filter (inclusive block range). */
export interface LogFilter {
  fromBlock?: bigint | undefined;
  toBlock?: bigint | undefined;
  /** One address or any of several. */
  address?: Address | readonly Address[] | undefined;
  /** Per position: null (anything), one topic, or any of several. */
  topics?: readonly (Hex | readonly Hex[] | null)[] | undefined;
}
