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
