import { BaseError, type BaseErrorParameters } from "@obscuro/sdk";

/** Why a transaction is refused, by `validateTransaction` or in a block. Stable: callers match on it. */
export const TransactionRefusal = {
  /** Not a decodable signed transaction. */
  Malformed: "MALFORMED",
  /** Larger than `MAX_TRANSACTION_BYTES`. */
  TooLarge: "TOO_LARGE",
  /** Not a legacy, EIP-2930 or EIP-1559 transaction. */
  UnsupportedType: "UNSUPPORTED_TYPE",
  /** Signed for another chain. */
  WrongChainId: "WRONG_CHAIN_ID",
  /** A legacy transaction without EIP-155 replay protection. */
  ReplayUnprotected: "REPLAY_UNPROTECTED",
  /** The signature does not recover (or has a high `s`). */
  InvalidSignature: "INVALID_SIGNATURE",
  /** Contract creation code over the EIP-3860 limit. */
  InitCodeTooLarge: "INIT_CODE_TOO_LARGE",
  /** Gas limit below the intrinsic gas (or the EIP-7623 calldata floor). */
  IntrinsicGasTooLow: "INTRINSIC_GAS_TOO_LOW",
  /** Gas limit above the block gas limit, or above what is left in the block. */
  GasLimitTooHigh: "GAS_LIMIT_TOO_HIGH",
  /** Max fee (or gas price) below the base fee. */
  FeeCapTooLow: "FEE_CAP_TOO_LOW",
  /** The sender has code (EIP-3607). */
  SenderNotEoa: "SENDER_NOT_EOA",
  /** Nonce already used. */
  NonceTooLow: "NONCE_TOO_LOW",
  /** Nonce too far ahead (validation), or not the next one (in a block). */
  NonceTooHigh: "NONCE_TOO_HIGH",
  /** Balance below value + gas limit × max fee. */
  InsufficientFunds: "INSUFFICIENT_FUNDS",
  /** The EVM refused it for another reason (details say why). */
  ExecutionRejected: "EXECUTION_REJECTED",
} as const;
export type TransactionRefusal = (typeof TransactionRefusal)[keyof typeof TransactionRefusal];

/** Why a block is refused. */
export const BlockRefusal = {
  WrongNumber: "WRONG_NUMBER",
  WrongParent: "WRONG_PARENT",
  TimestampBeforeParent: "TIMESTAMP_BEFORE_PARENT",
  L1BlockBeforeParent: "L1_BLOCK_BEFORE_PARENT",
  L1BlockHashMismatch: "L1_BLOCK_HASH_MISMATCH",
  DepositOutOfOrder: "DEPOSIT_OUT_OF_ORDER",
  InvalidDeposit: "INVALID_DEPOSIT",
  InvalidTransaction: "INVALID_TRANSACTION",
  HashMismatch: "HASH_MISMATCH",
} as const;
export type BlockRefusal = (typeof BlockRefusal)[keyof typeof BlockRefusal];

/** A transaction that cannot be executed; `reason` says why. Nothing changed. */
export class InvalidTransactionError extends BaseError {
  readonly code = "INVALID_TRANSACTION";
  readonly reason: TransactionRefusal;

  constructor(reason: TransactionRefusal, shortMessage: string, parameters?: BaseErrorParameters) {
    super(shortMessage, parameters);
    this.reason = reason;
  }
}

/** A block that cannot be applied; `reason` says why. The chain is unchanged. */
export class InvalidBlockError extends BaseError {
  readonly code = "INVALID_BLOCK";
  readonly reason: BlockRefusal;
  /** For `INVALID_TRANSACTION`: the position of the transaction among the block's user transactions. */
  readonly transactionIndex: number | undefined;

  constructor(
    reason: BlockRefusal,
    shortMessage: string,
    parameters: BaseErrorParameters & { transactionIndex?: number } = {},
  ) {
    super(shortMessage, parameters);
    this.reason = reason;
    this.transactionIndex = parameters.transactionIndex;
  }
}

/** The chain was closed, or failed on a storage error and must be reopened. */
export class ChainUnavailableError extends BaseError {
  readonly code = "CHAIN_UNAVAILABLE";
}

/** The database belongs to another chain (chain id or genesis). */
export class ChainMismatchError extends BaseError {
  readonly code = "CHAIN_MISMATCH";
}

/** No such block (number or hash) on the chain. */
export class UnknownBlockError extends BaseError {
  readonly code = "UNKNOWN_BLOCK";
}

/** A rollback to a block the chain cannot return to (ahead of the head, or pruned). */
export class RollbackOutOfRangeError extends BaseError {
  readonly code = "ROLLBACK_OUT_OF_RANGE";
}

/** Sealed data failed authentication: the wrong sealing key, or data altered on disk. */
export class SealedDataError extends BaseError {
  readonly code = "SEALED_DATA_INVALID";
}

/** The sealing key is missing or malformed. */
export class SealingKeyError extends BaseError {
  readonly code = "SEALING_KEY_INVALID";
}

/** The journal holds a record that is not a torn tail yet fails authentication or does not chain. */
export class JournalCorruptedError extends BaseError {
  readonly code = "JOURNAL_CORRUPTED";
}

/** A journaled block re-executed to a different hash than it had when acknowledged. */
export class ReplayMismatchError extends BaseError {
  readonly code = "REPLAY_MISMATCH";
}

/** A call or gas estimate whose execution reverted; `data` is the revert data. */
export class ExecutionRevertedError extends BaseError {
  readonly code = "EXECUTION_REVERTED";
  readonly data: `0x${string}`;

  constructor(shortMessage: string, data: `0x${string}`, parameters?: BaseErrorParameters) {
    super(shortMessage, parameters);
    this.data = data;
  }
}

/** A call request that cannot be run (e.g. a gas limit above the block's). */
export class InvalidCallError extends BaseError {
  readonly code = "INVALID_CALL";
}

/** A log query over too many blocks or returning too many logs. */
export class LogQueryTooLargeError extends BaseError {
  readonly code = "LOG_QUERY_TOO_LARGE";
}

/** No such entry in the ledger (balance proofs) or withdrawal in the range. */
export class LedgerEntryNotFoundError extends BaseError {
  readonly code = "LEDGER_ENTRY_NOT_FOUND";
}
