export { AssetKind, computeDepositAccumulator, depositAccumulatorStep } from "./depositAccumulator.ts";
export type { Deposit } from "./depositAccumulator.ts";
export { depositErc20 } from "./depositErc20.ts";
export type { DepositErc20Parameters } from "./depositErc20.ts";
export { depositErc721 } from "./depositErc721.ts";
export type { DepositErc721Parameters } from "./depositErc721.ts";
export { depositEth } from "./depositEth.ts";
export type { DepositEthParameters } from "./depositEth.ts";
export { DepositCheckpointNotFoundError, InvalidDepositError } from "./errors.ts";
export { getDepositsConsumedAt, NO_DEPOSIT_CHECKPOINT } from "./getDepositsConsumedAt.ts";
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
export type { DepositRangeProof, GetDepositRangeProofParameters, QueuePoint } from "./getDepositRangeProof.ts";
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
