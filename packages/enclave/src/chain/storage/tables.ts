/** The tables of the sealed database; each is a key prefix (docs/l2-chain.md, "Storage layout"). */
export const Table = {
  /**
   * Chain metadata (the flushed head), under fixed names that are not blinded: opening with
   * another sealing key finds them and fails to unseal them, rather than finding nothing.
   */
  Meta: 0x01,
  /** Trie nodes and contract code, by hash. */
  Node: 0x02,
  /** Blocks by number. */
  Block: 0x03,
  /** Block numbers by hash. */
  BlockHash: 0x04,
  /** A block's receipts, by block number. */
  Receipts: 0x05,
  /** Transaction locations by hash. */
  Transaction: 0x06,
  /** Ledger entries (iterated at open). */
  Ledger: 0x07,
  /** A block's ledger changes (to roll it back), by block number. */
  LedgerUndo: 0x08,
  /** A block's withdrawals, by block number. */
  Withdrawals: 0x09,
  /** Wrapped tokens the bridge deployed (iterated at open). */
  WrappedTokens: 0x0a,
  // The enclave's own state (its own database, beside the chain's): see src/store/EnclaveStore.ts.
  /** Keys and secrets, the L1 view's head and settings, by name. */
  EnclaveRecord: 0x10,
  /** Accepted L1 blocks, by number. */
  L1Block: 0x11,
  /** Deposits seen on L1, by queue index. */
  Deposit: 0x12,
  /** Rollups seen on L1, by hash. */
  Rollup: 0x13,
  /** Transactions waiting to be sequenced, by hash. */
  Mempool: 0x14,
} as const;
export type Table = (typeof Table)[keyof typeof Table];
