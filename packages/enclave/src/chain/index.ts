export { L2Chain } from "./L2Chain.ts";
export type {
  BuiltBlock,
  L2ChainOptions,
  LedgerQuery,
  TransactionValidation,
  ValidatedTransaction,
} from "./L2Chain.ts";
export type {
  BalanceProof,
  BatchInput,
  BuildBlockInput,
  CallRequest,
  CallResult,
  L2Block,
  L2Log,
  L2Receipt,
  L2TransactionLocation,
  L2Withdrawal,
  LogFilter,
  WithdrawalBatch,
} from "./types.ts";
export {
  BLOCK_GAS_LIMIT,
  DEPOSIT_TX_TYPE,
  GENESIS_BASE_FEE,
  L2_BRIDGE_ADDRESS,
  L2_CHAIN_ID,
  L2_SYSTEM_ADDRESS,
  MAX_LOG_BLOCK_RANGE,
  MAX_LOGS,
  MAX_NONCE_GAP,
  MAX_TRANSACTION_BYTES,
  SYSTEM_CALL_GAS,
} from "./constants.ts";
export {
  BlockRefusal,
  ChainMismatchError,
  ChainUnavailableError,
  ExecutionRevertedError,
  InvalidBlockError,
  InvalidCallError,
  InvalidTransactionError,
  JournalCorruptedError,
  LedgerEntryNotFoundError,
  LogQueryTooLargeError,
  ReplayMismatchError,
  RollbackOutOfRangeError,
  SealedDataError,
  SealingKeyError,
  TransactionRefusal,
  UnknownBlockError,
} from "./errors.ts";
export { DevKeyFileSealingKey, StaticSealingKey } from "./sealing/sealingKey.ts";
export type { SealingKeySource } from "./sealing/sealingKey.ts";
export { createL2Common, L2_HARDFORK } from "./common.ts";
export { nativeCrypto, nativeEcrecover, nativeKeccak256 } from "./crypto.ts";
export { orderedTrieRoot } from "./execution/orderedTrieRoot.ts";
export { encodeDepositTransaction } from "./execution/encoding.ts";
