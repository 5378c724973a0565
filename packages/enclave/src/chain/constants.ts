import { L2_BRIDGE_ADDRESS, L2_CHAIN_ID, L2_SYSTEM_ADDRESS } from "@obscuro/sdk";

/** The chain rules every node applies identically (docs/l2-chain.md). */
export { L2_BRIDGE_ADDRESS, L2_CHAIN_ID, L2_SYSTEM_ADDRESS };

/** Every L2 block's gas limit; fixed (the EIP-1559 target is half of it). */
export const BLOCK_GAS_LIMIT = 60_000_000n;

/** The genesis block's base fee (EIP-1559's initial base fee, 1 gwei). */
export const GENESIS_BASE_FEE = 1_000_000_000n;

/** Gas each deposit's system call may use. Deposits use no block gas and pay no fee. */
export const SYSTEM_CALL_GAS = 10_000_000n;

/** The largest signed transaction a node accepts (bytes), as geth's pool does. */
export const MAX_TRANSACTION_BYTES = 128 * 1024;

/** How far past the account's next nonce a transaction may be and still be accepted for later. */
export const MAX_NONCE_GAP = 64n;

/** The type byte of a deposit (system) transaction in the transactions and receipts tries. */
export const DEPOSIT_TX_TYPE = 0x7e;

/** The most blocks one `getLogs` may scan, and the most logs it may return. */
export const MAX_LOG_BLOCK_RANGE = 10_000n;
export const MAX_LOGS = 10_000;

/** How many recent block hashes `BLOCKHASH` can see. */
export const BLOCKHASH_WINDOW = 256;
