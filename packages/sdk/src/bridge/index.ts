export { AssetKind, computeDepositAccumulator, depositAccumulatorStep } from "./depositAccumulator.ts";
export type { Deposit } from "./depositAccumulator.ts";
export { depositErc20 } from "./depositErc20.ts";
export type { DepositErc20Parameters } from "./depositErc20.ts";
export { depositErc721 } from "./depositErc721.ts";
export type { DepositErc721Parameters } from "./depositErc721.ts";
export { depositEth } from "./depositEth.ts";
export type { DepositEthParameters } from "./depositEth.ts";
export { DepositCheckpointNotFoundError, InvalidDepositError, InvalidRefundPlanError } from "./errors.ts";
export { getDepositsConsumedAt } from "./getDepositsConsumedAt.ts";
export type {
  DepositCheckpointHint,
  GetDepositsConsumedAtParameters,
  GetDepositsConsumedAtReturnType,
} from "./getDepositsConsumedAt.ts";
export { exitWithBalanceProof } from "./exitWithBalanceProof.ts";
export type { ExitWithBalanceProofParameters } from "./exitWithBalanceProof.ts";
export { finalizeWithdrawal } from "./finalizeWithdrawal.ts";
export type { FinalizeWithdrawalParameters } from "./finalizeWithdrawal.ts";
export { getDepositRangeProof } from "./getDepositRangeProof.ts";
export type { GetDepositRangeProofParameters } from "./getDepositRangeProof.ts";
export { buildDepositRangeProof } from "./buildDepositRangeProof.ts";
export type { DepositRangeProof } from "./buildDepositRangeProof.ts";
export {
  DEPOSIT_CHECKPOINT_SLOTS,
  QueuePointKind,
  readDepositQueue,
  recordedCounts,
  REFUND_POINT_INTERVAL,
} from "./readDepositQueue.ts";
export type {
  DepositQueueSnapshot,
  QueuedDeposit,
  QueuePoint,
  ReadDepositQueueParameters,
} from "./readDepositQueue.ts";
export { DEFAULT_REFUND_CHUNK_SIZE, planRefundPoints } from "./planRefundPoints.ts";
export type { PlanRefundPointsParameters, RefundPointsChunk } from "./planRefundPoints.ts";
export { recordRefundPoints } from "./recordRefundPoints.ts";
export type { RecordRefundPointsParameters } from "./recordRefundPoints.ts";
export {
  BALANCE_LEAF_ENCODING,
  balanceLeafHash,
  buildLedgerTree,
  buildWithdrawalTree,
  LeafNotInTreeError,
  WITHDRAWAL_LEAF_ENCODING,
  withdrawalLeafHash,
} from "./merkleTrees.ts";
export type { BalanceLeaf, LeafTree, Withdrawal } from "./merkleTrees.ts";
export { refundDeposit } from "./refundDeposit.ts";
export type { RefundDepositParameters } from "./refundDeposit.ts";
export { getDeposits } from "./getDeposits.ts";
export type { GetDepositsParameters, QueuedDepositLog } from "./getDeposits.ts";
