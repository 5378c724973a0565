import type { Account, Chain, Client, Transport } from "viem";
import {
  approveMeasurement,
  type ApproveMeasurementParameters,
  type ApproveMeasurementReturnType,
} from "../actions/attestation/approveMeasurement.ts";
import {
  revokeMeasurement,
  type RevokeMeasurementParameters,
  type RevokeMeasurementReturnType,
} from "../actions/attestation/revokeMeasurement.ts";
import {
  submitDcapCollateral,
  type SubmitDcapCollateralParameters,
  type SubmitDcapCollateralReturnType,
} from "../actions/attestation/submitDcapCollateral.ts";
import {
  depositErc20,
  type DepositErc20Parameters,
  type DepositErc20ReturnType,
} from "../actions/bridge/depositErc20.ts";
import {
  depositErc721,
  type DepositErc721Parameters,
  type DepositErc721ReturnType,
} from "../actions/bridge/depositErc721.ts";
import { depositEth, type DepositEthParameters, type DepositEthReturnType } from "../actions/bridge/depositEth.ts";
import {
  exitWithBalanceProof,
  type ExitWithBalanceProofParameters,
  type ExitWithBalanceProofReturnType,
} from "../actions/bridge/exitWithBalanceProof.ts";
import {
  finalizeWithdrawal,
  type FinalizeWithdrawalParameters,
  type FinalizeWithdrawalReturnType,
} from "../actions/bridge/finalizeWithdrawal.ts";
import {
  recordRefundPoints,
  type RecordRefundPointsParameters,
  type RecordRefundPointsReturnType,
} from "../actions/bridge/recordRefundPoints.ts";
import {
  refundDeposit,
  type RefundDepositParameters,
  type RefundDepositReturnType,
} from "../actions/bridge/refundDeposit.ts";
import {
  declareBreach,
  type DeclareBreachParameters,
  type DeclareBreachReturnType,
} from "../actions/council/declareBreach.ts";
import {
  executeCouncilAction,
  type ExecuteCouncilActionParameters,
  type ExecuteCouncilActionReturnType,
} from "../actions/council/executeCouncilAction.ts";
import {
  freezeBridge,
  type FreezeBridgeParameters,
  type FreezeBridgeReturnType,
} from "../actions/council/freezeBridge.ts";
import {
  orderKeyDisclosure,
  type OrderKeyDisclosureParameters,
  type OrderKeyDisclosureReturnType,
} from "../actions/council/orderKeyDisclosure.ts";
import { pauseBridge, type PauseBridgeParameters, type PauseBridgeReturnType } from "../actions/council/pauseBridge.ts";
import {
  revokeMeasurementByCouncil,
  type RevokeMeasurementByCouncilParameters,
  type RevokeMeasurementByCouncilReturnType,
} from "../actions/council/revokeMeasurementByCouncil.ts";
import {
  unpauseBridge,
  type UnpauseBridgeParameters,
  type UnpauseBridgeReturnType,
} from "../actions/council/unpauseBridge.ts";
import {
  createProposal,
  type CreateProposalParameters,
  type CreateProposalReturnType,
} from "../actions/governance/createProposal.ts";
import { castVote, type CastVoteParameters, type CastVoteReturnType } from "../actions/governance/castVote.ts";
import {
  queueProposal,
  type QueueProposalParameters,
  type QueueProposalReturnType,
} from "../actions/governance/queueProposal.ts";
import {
  executeProposal,
  type ExecuteProposalParameters,
  type ExecuteProposalReturnType,
} from "../actions/governance/executeProposal.ts";
import {
  cancelRegistration,
  type CancelRegistrationParameters,
  type CancelRegistrationReturnType,
} from "../actions/network/cancelRegistration.ts";
import {
  deregisterNode,
  type DeregisterNodeParameters,
  type DeregisterNodeReturnType,
} from "../actions/network/deregisterNode.ts";
import {
  increaseStake,
  type IncreaseStakeParameters,
  type IncreaseStakeReturnType,
} from "../actions/network/increaseStake.ts";
import {
  initializeNetwork,
  type InitializeNetworkParameters,
  type InitializeNetworkReturnType,
} from "../actions/network/initializeNetwork.ts";
import { reattest, type ReattestParameters, type ReattestReturnType } from "../actions/network/reattest.ts";
import {
  registerAggregator,
  type RegisterAggregatorParameters,
  type RegisterAggregatorReturnType,
} from "../actions/network/registerAggregator.ts";
import {
  registerNode,
  type RegisterNodeParameters,
  type RegisterNodeReturnType,
} from "../actions/network/registerNode.ts";
import {
  respondSecret,
  type RespondSecretParameters,
  type RespondSecretReturnType,
} from "../actions/network/respondSecret.ts";
import { unstake, type UnstakeParameters, type UnstakeReturnType } from "../actions/network/unstake.ts";
import {
  updateHostAddress,
  type UpdateHostAddressParameters,
  type UpdateHostAddressReturnType,
} from "../actions/network/updateHostAddress.ts";
import {
  withdrawStake,
  type WithdrawStakeParameters,
  type WithdrawStakeReturnType,
} from "../actions/network/withdrawStake.ts";
import { discloseKey, type DiscloseKeyParameters, type DiscloseKeyReturnType } from "../actions/rollup/discloseKey.ts";
import {
  resolveContests,
  type ResolveContestsParameters,
  type ResolveContestsReturnType,
} from "../actions/rollup/resolveContests.ts";
import {
  slashForkPublisher,
  type SlashForkPublisherParameters,
  type SlashForkPublisherReturnType,
} from "../actions/rollup/slashForkPublisher.ts";
import {
  slashInvalidRollup,
  type SlashInvalidRollupParameters,
  type SlashInvalidRollupReturnType,
} from "../actions/rollup/slashInvalidRollup.ts";
import {
  submitRollup,
  type SubmitRollupParameters,
  type SubmitRollupReturnType,
} from "../actions/rollup/submitRollup.ts";

/** The protocol's transaction actions, bound to a wallet client: `client.depositEth({ … })`. */
export type WalletActionsObscuroL1 = {
  /** {@link createProposal} */
  createProposal: (parameters: CreateProposalParameters) => Promise<CreateProposalReturnType>;
  /** {@link castVote} */
  castVote: (parameters: CastVoteParameters) => Promise<CastVoteReturnType>;
  /** {@link queueProposal} */
  queueProposal: (parameters: QueueProposalParameters) => Promise<QueueProposalReturnType>;
  /** {@link executeProposal} */
  executeProposal: (parameters: ExecuteProposalParameters) => Promise<ExecuteProposalReturnType>;
  /** {@link approveMeasurement} */
  approveMeasurement: (parameters: ApproveMeasurementParameters) => Promise<ApproveMeasurementReturnType>;
  /** {@link revokeMeasurement} */
  revokeMeasurement: (parameters: RevokeMeasurementParameters) => Promise<RevokeMeasurementReturnType>;
  /** {@link submitDcapCollateral} */
  submitDcapCollateral: (parameters: SubmitDcapCollateralParameters) => Promise<SubmitDcapCollateralReturnType>;
  /** {@link depositErc20} */
  depositErc20: (parameters: DepositErc20Parameters) => Promise<DepositErc20ReturnType>;
  /** {@link depositErc721} */
  depositErc721: (parameters: DepositErc721Parameters) => Promise<DepositErc721ReturnType>;
  /** {@link depositEth} */
  depositEth: (parameters: DepositEthParameters) => Promise<DepositEthReturnType>;
  /** {@link exitWithBalanceProof} */
  exitWithBalanceProof: (parameters: ExitWithBalanceProofParameters) => Promise<ExitWithBalanceProofReturnType>;
  /** {@link finalizeWithdrawal} */
  finalizeWithdrawal: (parameters: FinalizeWithdrawalParameters) => Promise<FinalizeWithdrawalReturnType>;
  /** {@link recordRefundPoints} */
  recordRefundPoints: (parameters: RecordRefundPointsParameters) => Promise<RecordRefundPointsReturnType>;
  /** {@link refundDeposit} */
  refundDeposit: (parameters: RefundDepositParameters) => Promise<RefundDepositReturnType>;
  /** {@link declareBreach} */
  declareBreach: (parameters?: DeclareBreachParameters) => Promise<DeclareBreachReturnType>;
  /** {@link executeCouncilAction} */
  executeCouncilAction: (parameters: ExecuteCouncilActionParameters) => Promise<ExecuteCouncilActionReturnType>;
  /** {@link freezeBridge} */
  freezeBridge: (parameters: FreezeBridgeParameters) => Promise<FreezeBridgeReturnType>;
  /** {@link orderKeyDisclosure} */
  orderKeyDisclosure: (parameters: OrderKeyDisclosureParameters) => Promise<OrderKeyDisclosureReturnType>;
  /** {@link pauseBridge} */
  pauseBridge: (parameters: PauseBridgeParameters) => Promise<PauseBridgeReturnType>;
  /** {@link revokeMeasurementByCouncil} */
  revokeMeasurementByCouncil: (
    parameters: RevokeMeasurementByCouncilParameters,
  ) => Promise<RevokeMeasurementByCouncilReturnType>;
  /** {@link unpauseBridge} */
  unpauseBridge: (parameters?: UnpauseBridgeParameters) => Promise<UnpauseBridgeReturnType>;
  /** {@link cancelRegistration} */
  cancelRegistration: (parameters: CancelRegistrationParameters) => Promise<CancelRegistrationReturnType>;
  /** {@link deregisterNode} */
  deregisterNode: (parameters: DeregisterNodeParameters) => Promise<DeregisterNodeReturnType>;
  /** {@link increaseStake} */
  increaseStake: (parameters: IncreaseStakeParameters) => Promise<IncreaseStakeReturnType>;
  /** {@link initializeNetwork} */
  initializeNetwork: (parameters: InitializeNetworkParameters) => Promise<InitializeNetworkReturnType>;
  /** {@link reattest} */
  reattest: (parameters: ReattestParameters) => Promise<ReattestReturnType>;
  /** {@link registerAggregator} */
  registerAggregator: (parameters: RegisterAggregatorParameters) => Promise<RegisterAggregatorReturnType>;
  /** {@link registerNode} */
  registerNode: (parameters: RegisterNodeParameters) => Promise<RegisterNodeReturnType>;
  /** {@link respondSecret} */
  respondSecret: (parameters: RespondSecretParameters) => Promise<RespondSecretReturnType>;
  /** {@link unstake} */
  unstake: (parameters?: UnstakeParameters) => Promise<UnstakeReturnType>;
  /** {@link updateHostAddress} */
  updateHostAddress: (parameters: UpdateHostAddressParameters) => Promise<UpdateHostAddressReturnType>;
  /** {@link withdrawStake} */
  withdrawStake: (parameters?: WithdrawStakeParameters) => Promise<WithdrawStakeReturnType>;
  /** {@link discloseKey} */
  discloseKey: (parameters: DiscloseKeyParameters) => Promise<DiscloseKeyReturnType>;
  /** {@link resolveContests} */
  resolveContests: (parameters?: ResolveContestsParameters) => Promise<ResolveContestsReturnType>;
  /** {@link slashForkPublisher} */
  slashForkPublisher: (parameters: SlashForkPublisherParameters) => Promise<SlashForkPublisherReturnType>;
  /** {@link slashInvalidRollup} */
  slashInvalidRollup: (parameters: SlashInvalidRollupParameters) => Promise<SlashInvalidRollupReturnType>;
  /** {@link submitRollup} */
  submitRollup: (parameters: SubmitRollupParameters) => Promise<SubmitRollupReturnType>;
};

/**
 * Adds every transaction action of the protocol to a wallet client; each goes through the one
 * send path (simulated on the pending block, refusals thrown as `ContractCallRevertedError`):
 * ```ts
 * const wallet = createWalletClient({ account, chain: defineObscuroL1Chain({ manifest }), transport: http() })
 *   .extend(walletActionsObscuroL1());
 * await wallet.depositEth({ to: account.address, amount: parseEther("1") });
 * ```
 */
export function walletActionsObscuroL1() {
  return <transport extends Transport, chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<transport, chain, account>,
  ): WalletActionsObscuroL1 => ({
    createProposal: (parameters) => createProposal(client, parameters),
    castVote: (parameters) => castVote(client, parameters),
    queueProposal: (parameters) => queueProposal(client, parameters),
    executeProposal: (parameters) => executeProposal(client, parameters),
    approveMeasurement: (parameters) => approveMeasurement(client, parameters),
    revokeMeasurement: (parameters) => revokeMeasurement(client, parameters),
    submitDcapCollateral: (parameters) => submitDcapCollateral(client, parameters),
    depositErc20: (parameters) => depositErc20(client, parameters),
    depositErc721: (parameters) => depositErc721(client, parameters),
    depositEth: (parameters) => depositEth(client, parameters),
    exitWithBalanceProof: (parameters) => exitWithBalanceProof(client, parameters),
    finalizeWithdrawal: (parameters) => finalizeWithdrawal(client, parameters),
    recordRefundPoints: (parameters) => recordRefundPoints(client, parameters),
    refundDeposit: (parameters) => refundDeposit(client, parameters),
    declareBreach: (parameters) => declareBreach(client, parameters),
    executeCouncilAction: (parameters) => executeCouncilAction(client, parameters),
    freezeBridge: (parameters) => freezeBridge(client, parameters),
    orderKeyDisclosure: (parameters) => orderKeyDisclosure(client, parameters),
    pauseBridge: (parameters) => pauseBridge(client, parameters),
    revokeMeasurementByCouncil: (parameters) => revokeMeasurementByCouncil(client, parameters),
    unpauseBridge: (parameters) => unpauseBridge(client, parameters),
    cancelRegistration: (parameters) => cancelRegistration(client, parameters),
    deregisterNode: (parameters) => deregisterNode(client, parameters),
    increaseStake: (parameters) => increaseStake(client, parameters),
    initializeNetwork: (parameters) => initializeNetwork(client, parameters),
    reattest: (parameters) => reattest(client, parameters),
    registerAggregator: (parameters) => registerAggregator(client, parameters),
    registerNode: (parameters) => registerNode(client, parameters),
    respondSecret: (parameters) => respondSecret(client, parameters),
    unstake: (parameters) => unstake(client, parameters),
    updateHostAddress: (parameters) => updateHostAddress(client, parameters),
    withdrawStake: (parameters) => withdrawStake(client, parameters),
    discloseKey: (parameters) => discloseKey(client, parameters),
    resolveContests: (parameters) => resolveContests(client, parameters),
    slashForkPublisher: (parameters) => slashForkPublisher(client, parameters),
    slashInvalidRollup: (parameters) => slashInvalidRollup(client, parameters),
    submitRollup: (parameters) => submitRollup(client, parameters),
  });
}
