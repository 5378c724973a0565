/** How many checkpoints the bridge keeps (`DepositQueue.CHECKPOINT_SLOTS`): older ones are overwritten. */
export const DEPOSIT_CHECKPOINT_SLOTS = 256n;

/** `BridgeManagement.REFUND_POINT_INTERVAL`: refund points sit at every multiple of it. */
export const REFUND_POINT_INTERVAL = 32n;

/** Default deposits per `recordRefundPoints` call: about 82 KB of calldata and 2.3M gas, well inside a transaction. */
export const DEFAULT_REFUND_CHUNK_SIZE = 512n;
