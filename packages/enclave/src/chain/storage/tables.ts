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
} as const;
export type Table = (typeof Table)[keyof typeof Table];
