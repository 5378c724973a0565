/*
 * @obscuro/sdk: the one protocol surface every client (node, gateway, CLI, explorer) is built on.
 *
 * - a chain from the deployment manifest (`defineObscuroL1Chain`) that carries every protocol
 *   contract, so actions find their addresses themselves;
 * - client actions `(client, parameters)`, one per file under `actions/<module>/`, reads and watches
 *   (`publicActionsObscuroL1`) and transactions (`walletActionsObscuroL1`), every transaction through
 *   one send path (`sendProtocolTransaction`: simulated on the pending block, a refusal decoded by
 *   name against every contract's errors and thrown as `ContractCallRevertedError`);
 * - the protocol's types and pure functions (hashing, typed data, Merkle trees, the deposit
 *   accumulator and range proofs, refund planning, the L2 bridge ledger, the rollup codec, the
 *   enclave crypto, attestation report decoding and DCAP verification);
 * - deployment (`deployProtocol`, planned up front).
 *
 * Everything for development only (dev keys, dev reports, the devnet's founding) is in
 * `@obscuro/sdk/devtools`.
 */

// ───────────────────────────────────────────── chain and decorators
export { defineObscuroL1Chain } from "./chain/obscuroL1.ts";
export type {
  DefineObscuroL1ChainParameters,
  ObscuroL1Chain,
  ObscuroL1ContractName,
  ObscuroL1Contracts,
} from "./chain/obscuroL1.ts";
export { publicActionsObscuroL1 } from "./decorators/publicL1.ts";
export type { PublicActionsObscuroL1 } from "./decorators/publicL1.ts";
export { walletActionsObscuroL1 } from "./decorators/walletL1.ts";
export type { WalletActionsObscuroL1 } from "./decorators/walletL1.ts";

// ───────────────────────────────────────────── actions: attestation
export { approveMeasurement } from "./actions/attestation/approveMeasurement.ts";
export type {
  ApproveMeasurementErrorType,
  ApproveMeasurementParameters,
  ApproveMeasurementReturnType,
} from "./actions/attestation/approveMeasurement.ts";
export { getEnclavePolicy } from "./actions/attestation/getEnclavePolicy.ts";
export type {
  GetEnclavePolicyErrorType,
  GetEnclavePolicyParameters,
  GetEnclavePolicyReturnType,
} from "./actions/attestation/getEnclavePolicy.ts";
export { getMeasurementStatus } from "./actions/attestation/getMeasurementStatus.ts";
export type {
  GetMeasurementStatusErrorType,
  GetMeasurementStatusParameters,
  GetMeasurementStatusReturnType,
} from "./actions/attestation/getMeasurementStatus.ts";
export { revokeMeasurement } from "./actions/attestation/revokeMeasurement.ts";
export type {
  RevokeMeasurementErrorType,
  RevokeMeasurementParameters,
  RevokeMeasurementReturnType,
} from "./actions/attestation/revokeMeasurement.ts";
export { submitDcapCollateral } from "./actions/attestation/submitDcapCollateral.ts";
export type {
  DcapCollateralItemName,
  DcapCollateralItems,
  SubmitDcapCollateralErrorType,
  SubmitDcapCollateralParameters,
  SubmitDcapCollateralReturnType,
} from "./actions/attestation/submitDcapCollateral.ts";

// ───────────────────────────────────────────── actions: bridge
export { depositErc20 } from "./actions/bridge/depositErc20.ts";
export type {
  DepositErc20ErrorType,
  DepositErc20Parameters,
  DepositErc20ReturnType,
} from "./actions/bridge/depositErc20.ts";
export { depositErc721 } from "./actions/bridge/depositErc721.ts";
export type {
  DepositErc721ErrorType,
  DepositErc721Parameters,
  DepositErc721ReturnType,
} from "./actions/bridge/depositErc721.ts";
export { depositEth } from "./actions/bridge/depositEth.ts";
export type { DepositEthErrorType, DepositEthParameters, DepositEthReturnType } from "./actions/bridge/depositEth.ts";
export { exitWithBalanceProof } from "./actions/bridge/exitWithBalanceProof.ts";
export type {
  ExitWithBalanceProofErrorType,
  ExitWithBalanceProofParameters,
  ExitWithBalanceProofReturnType,
} from "./actions/bridge/exitWithBalanceProof.ts";
export { finalizeWithdrawal } from "./actions/bridge/finalizeWithdrawal.ts";
export type {
  FinalizeWithdrawalErrorType,
  FinalizeWithdrawalParameters,
  FinalizeWithdrawalReturnType,
} from "./actions/bridge/finalizeWithdrawal.ts";
export { getDepositRangeProof } from "./actions/bridge/getDepositRangeProof.ts";
export type {
  GetDepositRangeProofErrorType,
  GetDepositRangeProofParameters,
  GetDepositRangeProofReturnType,
} from "./actions/bridge/getDepositRangeProof.ts";
export { getDeposits } from "./actions/bridge/getDeposits.ts";
export type {
  GetDepositsErrorType,
  GetDepositsParameters,
  GetDepositsReturnType,
  QueuedDepositLog,
} from "./actions/bridge/getDeposits.ts";
export { getDepositsConsumedAt } from "./actions/bridge/getDepositsConsumedAt.ts";
export type {
  GetDepositsConsumedAtErrorType,
  GetDepositsConsumedAtParameters,
  GetDepositsConsumedAtReturnType,
} from "./actions/bridge/getDepositsConsumedAt.ts";
export { readDepositQueue } from "./actions/bridge/readDepositQueue.ts";
export type {
  ReadDepositQueueErrorType,
  ReadDepositQueueParameters,
  ReadDepositQueueReturnType,
} from "./actions/bridge/readDepositQueue.ts";
export { recordRefundPoints } from "./actions/bridge/recordRefundPoints.ts";
export type {
  RecordRefundPointsErrorType,
  RecordRefundPointsParameters,
  RecordRefundPointsReturnType,
} from "./actions/bridge/recordRefundPoints.ts";
export { refundDeposit } from "./actions/bridge/refundDeposit.ts";
export type {
  RefundDepositErrorType,
  RefundDepositParameters,
  RefundDepositReturnType,
} from "./actions/bridge/refundDeposit.ts";
export { watchDeposits } from "./actions/bridge/watchDeposits.ts";
export type {
  WatchDepositsErrorType,
  WatchDepositsParameters,
  WatchDepositsReturnType,
} from "./actions/bridge/watchDeposits.ts";

// ───────────────────────────────────────────── actions: council
export { declareBreach } from "./actions/council/declareBreach.ts";
export type {
  DeclareBreachErrorType,
  DeclareBreachParameters,
  DeclareBreachReturnType,
} from "./actions/council/declareBreach.ts";
export { executeCouncilAction } from "./actions/council/executeCouncilAction.ts";
export type {
  ExecuteCouncilActionErrorType,
  ExecuteCouncilActionParameters,
  ExecuteCouncilActionReturnType,
} from "./actions/council/executeCouncilAction.ts";
export { getCouncilSafe } from "./actions/council/getCouncilSafe.ts";
export type {
  GetCouncilSafeErrorType,
  GetCouncilSafeParameters,
  GetCouncilSafeReturnType,
} from "./actions/council/getCouncilSafe.ts";
export { freezeBridge } from "./actions/council/freezeBridge.ts";
export type {
  FreezeBridgeErrorType,
  FreezeBridgeParameters,
  FreezeBridgeReturnType,
} from "./actions/council/freezeBridge.ts";
export { getEmergencyStatus } from "./actions/council/getEmergencyStatus.ts";
export type {
  GetEmergencyStatusErrorType,
  GetEmergencyStatusParameters,
  GetEmergencyStatusReturnType,
} from "./actions/council/getEmergencyStatus.ts";
export { orderKeyDisclosure } from "./actions/council/orderKeyDisclosure.ts";
export type {
  OrderKeyDisclosureErrorType,
  OrderKeyDisclosureParameters,
  OrderKeyDisclosureReturnType,
} from "./actions/council/orderKeyDisclosure.ts";
export { pauseBridge } from "./actions/council/pauseBridge.ts";
export type {
  PauseBridgeErrorType,
  PauseBridgeParameters,
  PauseBridgeReturnType,
} from "./actions/council/pauseBridge.ts";
export { revokeMeasurementByCouncil } from "./actions/council/revokeMeasurementByCouncil.ts";
export type {
  RevokeMeasurementByCouncilErrorType,
  RevokeMeasurementByCouncilParameters,
  RevokeMeasurementByCouncilReturnType,
} from "./actions/council/revokeMeasurementByCouncil.ts";
export { unpauseBridge } from "./actions/council/unpauseBridge.ts";
export type {
  UnpauseBridgeErrorType,
  UnpauseBridgeParameters,
  UnpauseBridgeReturnType,
} from "./actions/council/unpauseBridge.ts";
export { watchEmergencies } from "./actions/council/watchEmergencies.ts";
export type {
  WatchEmergenciesErrorType,
  WatchEmergenciesParameters,
  WatchEmergenciesReturnType,
} from "./actions/council/watchEmergencies.ts";

// ───────────────────────────────────────────── actions: governance
export { castVote } from "./actions/governance/castVote.ts";
export type { CastVoteErrorType, CastVoteParameters, CastVoteReturnType } from "./actions/governance/castVote.ts";
export { createProposal } from "./actions/governance/createProposal.ts";
export type {
  CreateProposalErrorType,
  CreateProposalParameters,
  CreateProposalReturnType,
} from "./actions/governance/createProposal.ts";
export { executeProposal } from "./actions/governance/executeProposal.ts";
export type {
  ExecuteProposalErrorType,
  ExecuteProposalParameters,
  ExecuteProposalReturnType,
} from "./actions/governance/executeProposal.ts";
export { getProposal } from "./actions/governance/getProposal.ts";
export type {
  GetProposalErrorType,
  GetProposalParameters,
  GetProposalReturnType,
} from "./actions/governance/getProposal.ts";
export { getProposals } from "./actions/governance/getProposals.ts";
export type {
  GetProposalsErrorType,
  GetProposalsParameters,
  GetProposalsReturnType,
} from "./actions/governance/getProposals.ts";
export { queueProposal } from "./actions/governance/queueProposal.ts";
export type {
  QueueProposalErrorType,
  QueueProposalParameters,
  QueueProposalReturnType,
} from "./actions/governance/queueProposal.ts";

// ───────────────────────────────────────────── actions: network
export { cancelRegistration } from "./actions/network/cancelRegistration.ts";
export type {
  CancelRegistrationErrorType,
  CancelRegistrationParameters,
  CancelRegistrationReturnType,
} from "./actions/network/cancelRegistration.ts";
export { deregisterNode } from "./actions/network/deregisterNode.ts";
export type {
  DeregisterNodeErrorType,
  DeregisterNodeParameters,
  DeregisterNodeReturnType,
} from "./actions/network/deregisterNode.ts";
export { getAggregator } from "./actions/network/getAggregator.ts";
export type {
  GetAggregatorErrorType,
  GetAggregatorParameters,
  GetAggregatorReturnType,
} from "./actions/network/getAggregator.ts";
export { getAllHostAddresses } from "./actions/network/getAllHostAddresses.ts";
export type {
  GetAllHostAddressesErrorType,
  GetAllHostAddressesParameters,
  GetAllHostAddressesReturnType,
} from "./actions/network/getAllHostAddresses.ts";
export { getHostAddresses } from "./actions/network/getHostAddresses.ts";
export type {
  GetHostAddressesErrorType,
  GetHostAddressesParameters,
  GetHostAddressesReturnType,
} from "./actions/network/getHostAddresses.ts";
export { getNetworkInfo } from "./actions/network/getNetworkInfo.ts";
export type {
  GetNetworkInfoErrorType,
  GetNetworkInfoParameters,
  GetNetworkInfoReturnType,
} from "./actions/network/getNetworkInfo.ts";
export { getEncryptedSecret } from "./actions/network/getEncryptedSecret.ts";
export type {
  GetEncryptedSecretErrorType,
  GetEncryptedSecretParameters,
  GetEncryptedSecretReturnType,
} from "./actions/network/getEncryptedSecret.ts";
export { getNode } from "./actions/network/getNode.ts";
export type { GetNodeErrorType, GetNodeParameters, GetNodeReturnType } from "./actions/network/getNode.ts";
export { getNodes } from "./actions/network/getNodes.ts";
export type { GetNodesErrorType, GetNodesParameters, GetNodesReturnType } from "./actions/network/getNodes.ts";
export { getSecretRequests } from "./actions/network/getSecretRequests.ts";
export type {
  GetSecretRequestsErrorType,
  GetSecretRequestsParameters,
  GetSecretRequestsReturnType,
} from "./actions/network/getSecretRequests.ts";
export { increaseStake } from "./actions/network/increaseStake.ts";
export type {
  IncreaseStakeErrorType,
  IncreaseStakeParameters,
  IncreaseStakeReturnType,
} from "./actions/network/increaseStake.ts";
export { initializeNetwork } from "./actions/network/initializeNetwork.ts";
export type {
  InitializeNetworkErrorType,
  InitializeNetworkParameters,
  InitializeNetworkReturnType,
} from "./actions/network/initializeNetwork.ts";
export { reattest } from "./actions/network/reattest.ts";
export type { ReattestErrorType, ReattestParameters, ReattestReturnType } from "./actions/network/reattest.ts";
export { recoverMasterSecret } from "./actions/network/recoverMasterSecret.ts";
export type {
  RecoverMasterSecretErrorType,
  RecoverMasterSecretParameters,
  RecoverMasterSecretReturnType,
} from "./actions/network/recoverMasterSecret.ts";
export { registerAggregator } from "./actions/network/registerAggregator.ts";
export type {
  RegisterAggregatorErrorType,
  RegisterAggregatorParameters,
  RegisterAggregatorReturnType,
} from "./actions/network/registerAggregator.ts";
export { registerNode } from "./actions/network/registerNode.ts";
export type {
  RegisterNodeErrorType,
  RegisterNodeParameters,
  RegisterNodeReturnType,
} from "./actions/network/registerNode.ts";
export { respondSecret } from "./actions/network/respondSecret.ts";
export type {
  RespondSecretErrorType,
  RespondSecretParameters,
  RespondSecretReturnType,
} from "./actions/network/respondSecret.ts";
export { unstake } from "./actions/network/unstake.ts";
export type { UnstakeErrorType, UnstakeParameters, UnstakeReturnType } from "./actions/network/unstake.ts";
export { updateHostAddress } from "./actions/network/updateHostAddress.ts";
export type {
  UpdateHostAddressErrorType,
  UpdateHostAddressParameters,
  UpdateHostAddressReturnType,
} from "./actions/network/updateHostAddress.ts";
export { watchSecretRequests } from "./actions/network/watchSecretRequests.ts";
export type {
  WatchSecretRequestsErrorType,
  WatchSecretRequestsParameters,
  WatchSecretRequestsReturnType,
} from "./actions/network/watchSecretRequests.ts";
export { withdrawStake } from "./actions/network/withdrawStake.ts";
export type {
  WithdrawStakeErrorType,
  WithdrawStakeParameters,
  WithdrawStakeReturnType,
} from "./actions/network/withdrawStake.ts";

// ───────────────────────────────────────────── actions: rollup
export { discloseKey } from "./actions/rollup/discloseKey.ts";
export type {
  DiscloseKeyErrorType,
  DiscloseKeyParameters,
  DiscloseKeyReturnType,
} from "./actions/rollup/discloseKey.ts";
export { getCanonicalHead } from "./actions/rollup/getCanonicalHead.ts";
export type {
  GetCanonicalHeadErrorType,
  GetCanonicalHeadParameters,
  GetCanonicalHeadReturnType,
} from "./actions/rollup/getCanonicalHead.ts";
export { getEpochKey } from "./actions/rollup/getEpochKey.ts";
export type {
  GetEpochKeyErrorType,
  GetEpochKeyParameters,
  GetEpochKeyReturnType,
} from "./actions/rollup/getEpochKey.ts";
export { getKeyParameters } from "./actions/rollup/getKeyParameters.ts";
export type {
  GetKeyParametersErrorType,
  GetKeyParametersParameters,
  GetKeyParametersReturnType,
} from "./actions/rollup/getKeyParameters.ts";
export { getForkStatus } from "./actions/rollup/getForkStatus.ts";
export type {
  GetForkStatusErrorType,
  GetForkStatusParameters,
  GetForkStatusReturnType,
} from "./actions/rollup/getForkStatus.ts";
export { getRollup } from "./actions/rollup/getRollup.ts";
export type { GetRollupErrorType, GetRollupParameters, GetRollupReturnType } from "./actions/rollup/getRollup.ts";
export { getTimeToFinality } from "./actions/rollup/getTimeToFinality.ts";
export type {
  GetTimeToFinalityErrorType,
  GetTimeToFinalityParameters,
  GetTimeToFinalityReturnType,
} from "./actions/rollup/getTimeToFinality.ts";
export { getSubmittedRollup } from "./actions/rollup/getSubmittedRollup.ts";
export type {
  GetSubmittedRollupErrorType,
  GetSubmittedRollupParameters,
  GetSubmittedRollupReturnType,
} from "./actions/rollup/getSubmittedRollup.ts";
export { isRollupFinal } from "./actions/rollup/isRollupFinal.ts";
export type {
  IsRollupFinalErrorType,
  IsRollupFinalParameters,
  IsRollupFinalReturnType,
} from "./actions/rollup/isRollupFinal.ts";
export { resolveContests } from "./actions/rollup/resolveContests.ts";
export type {
  ResolveContestsErrorType,
  ResolveContestsParameters,
  ResolveContestsReturnType,
} from "./actions/rollup/resolveContests.ts";
export { slashForkPublisher } from "./actions/rollup/slashForkPublisher.ts";
export type {
  SlashForkPublisherErrorType,
  SlashForkPublisherParameters,
  SlashForkPublisherReturnType,
} from "./actions/rollup/slashForkPublisher.ts";
export { slashInvalidRollup } from "./actions/rollup/slashInvalidRollup.ts";
export type {
  SlashInvalidRollupErrorType,
  SlashInvalidRollupParameters,
  SlashInvalidRollupReturnType,
} from "./actions/rollup/slashInvalidRollup.ts";
export { submitRollup } from "./actions/rollup/submitRollup.ts";
export type {
  RollupData,
  SubmitRollupErrorType,
  SubmitRollupParameters,
  SubmitRollupReturnType,
} from "./actions/rollup/submitRollup.ts";
export { watchRollups } from "./actions/rollup/watchRollups.ts";
export type {
  WatchRollupsErrorType,
  WatchRollupsParameters,
  WatchRollupsReturnType,
} from "./actions/rollup/watchRollups.ts";

// ───────────────────────────────────────────── the send path and address resolution
export {
  sendProtocolTransaction,
  simulateProtocolCall,
  toContractCallRevertedError,
} from "./utils/sendProtocolTransaction.ts";
export type {
  SendProtocolTransactionErrorType,
  SendProtocolTransactionParameters,
  SendProtocolTransactionReturnType,
  SimulateProtocolCallParameters,
  TransactionBlobs,
  TransactionOverrides,
} from "./utils/sendProtocolTransaction.ts";
export { sendCouncilTransaction } from "./utils/sendCouncilTransaction.ts";
export type { CouncilOverrides, SendCouncilTransactionErrorType } from "./utils/sendCouncilTransaction.ts";
export { decodeProtocolRevert } from "./utils/decodeProtocolRevert.ts";
export type { DecodedRevert } from "./utils/decodeProtocolRevert.ts";
export { getProtocolAddress, getProtocolDeployBlock } from "./utils/getProtocolAddress.ts";

// ───────────────────────────────────────────── errors
export {
  AccountRequiredError,
  BaseError,
  BlobsNeedLocalAccountError,
  ContractCallRevertedError,
  isErrorWithCode,
  ProtocolContractNotFoundError,
  TransactionRevertedError,
} from "./errors/BaseError.ts";
export type { BaseErrorParameters, ContractCallRevertedErrorParameters } from "./errors/BaseError.ts";
export {
  DepositCheckpointNotFoundError,
  DepositOutOfOrderError,
  InsufficientL2BalanceError,
  InvalidDepositError,
  InvalidRefundPlanError,
  LeafNotInTreeError,
} from "./errors/bridge.ts";
export { CouncilSignersError, InvalidCouncilError } from "./errors/council.ts";
export {
  DeploymentFailedError,
  DeploymentPlanMismatchError,
  DeploymentSettingRequiredError,
  InvalidDeploymentSettingError,
} from "./errors/deploy.ts";
export type { RequiredDeploymentSetting } from "./errors/deploy.ts";
export {
  InvalidEncryptedSecretError,
  InvalidHostAddressError,
  InvalidSecretRequestError,
  InvalidStakeAmountError,
  NetworkNotInitializedError,
  NoEncryptedSecretError,
} from "./errors/network.ts";
export { InvalidProposalError, ProposalNotFoundError } from "./errors/governance.ts";
export { DuplicateWitnessError, RollupNotFoundError } from "./errors/rollup.ts";

// ───────────────────────────────────────────── protocol types and constants
export { MeasurementStatus, TcbStatus, TeeType } from "./types/attestation.ts";
export type {
  AttestationResult,
  AuditorSignature,
  DecodedDevReport,
  DevReportFields,
  SgxAttributes,
} from "./types/attestation.ts";
export { AssetKind, QueuePointKind } from "./types/bridge.ts";
export type {
  BalanceLeaf,
  Deposit,
  DepositCheckpointHint,
  DepositQueueSnapshot,
  DepositRangeProof,
  LeafTree,
  QueuedDeposit,
  QueuePoint,
  RefundPointsChunk,
  Withdrawal,
} from "./types/bridge.ts";
export type { CouncilSignature, CouncilTransaction } from "./types/council.ts";
export type { Emergency, EmergencyKind } from "./types/emergency.ts";
export { ProposalState } from "./types/governance.ts";
export type { Proposal, ProposalAction, VoteSupport } from "./types/governance.ts";
export { NodeStatus } from "./types/network.ts";
export type { HostEntry, SecretRequest, StakePermit } from "./types/network.ts";
export { ContestState } from "./types/rollup.ts";
export type {
  Contest,
  EpochKeyRecord,
  InvalidRollupTestimony,
  RollupHeader,
  RollupRecord,
  SubmittedRollup,
} from "./types/rollup.ts";
export { DEFAULT_REFUND_CHUNK_SIZE, DEPOSIT_CHECKPOINT_SLOTS, REFUND_POINT_INTERVAL } from "./constants/bridge.ts";
export { ENCRYPTED_SECRET_LENGTH, MAX_HOST_ADDRESS_LENGTH } from "./constants/network.ts";

// ───────────────────────────────────────────── pure functions: bridge, ledger, rollups, statements
export { buildDepositRangeProof } from "./utils/buildDepositRangeProof.ts";
export { BridgeLedger } from "./utils/BridgeLedger.ts";
export { computeDepositAccumulator, depositAccumulatorStep } from "./utils/depositAccumulator.ts";
export { queuePoint, recordedCounts } from "./utils/depositQueue.ts";
export type { DepositsConsumedAt } from "./utils/getDepositsConsumedAtBlock.ts";
export {
  BALANCE_LEAF_ENCODING,
  balanceLeafHash,
  buildLedgerTree,
  buildWithdrawalTree,
  WITHDRAWAL_LEAF_ENCODING,
  withdrawalLeafHash,
} from "./utils/merkleTrees.ts";
export { planRefundPoints } from "./utils/planRefundPoints.ts";
export type { PlanRefundPointsParameters } from "./utils/planRefundPoints.ts";
export { hashRollupHeader } from "./utils/hashRollupHeader.ts";
export type { HashRollupHeaderParameters } from "./utils/hashRollupHeader.ts";
export { signRollupHeader } from "./utils/signRollupHeader.ts";
export type { SignRollupHeaderParameters, SignRollupHeaderReturnType } from "./utils/signRollupHeader.ts";
export { hashInvalidRollupTestimony } from "./utils/hashInvalidRollupTestimony.ts";
export type { HashInvalidRollupTestimonyParameters } from "./utils/hashInvalidRollupTestimony.ts";
export {
  hashLotteryTicket,
  rankLotteryTickets,
  signLotteryTicket,
  verifyLotteryTicket,
} from "./utils/lotteryTicket.ts";
export type { HashLotteryTicketParameters, LotteryTicket } from "./utils/lotteryTicket.ts";
export { signInvalidRollupTestimony } from "./utils/signInvalidRollupTestimony.ts";
export type {
  SignInvalidRollupTestimonyParameters,
  SignInvalidRollupTestimonyReturnType,
} from "./utils/signInvalidRollupTestimony.ts";
export {
  ENCLAVE_POLICY_DOMAIN,
  enclavePolicyTypes,
  invalidRollupTypes,
  NETWORK_MANAGEMENT_DOMAIN,
  networkManagementTypes,
  rollupHeaderTypes,
  rollupManagementDomain,
  rollupSlashingDomain,
} from "./utils/typedData.ts";
export { getInitializeNetworkTypedData } from "./utils/getInitializeNetworkTypedData.ts";
export type {
  GetInitializeNetworkTypedDataParameters,
  GetInitializeNetworkTypedDataReturnType,
} from "./utils/getInitializeNetworkTypedData.ts";
export { getSecretResponseTypedData } from "./utils/getSecretResponseTypedData.ts";
export type {
  GetSecretResponseTypedDataParameters,
  GetSecretResponseTypedDataReturnType,
} from "./utils/getSecretResponseTypedData.ts";
export { signInitializeNetwork } from "./utils/signInitializeNetwork.ts";
export type {
  SignInitializeNetworkParameters,
  SignInitializeNetworkReturnType,
} from "./utils/signInitializeNetwork.ts";
export { signSecretResponse } from "./utils/signSecretResponse.ts";
export type { SignSecretResponseParameters, SignSecretResponseReturnType } from "./utils/signSecretResponse.ts";
export { prepareNetworkInitialization } from "./utils/prepareNetworkInitialization.ts";
export type {
  PrepareNetworkInitializationParameters,
  PrepareNetworkInitializationReturnType,
} from "./utils/prepareNetworkInitialization.ts";
export { prepareSecretResponse } from "./utils/prepareSecretResponse.ts";
export type {
  PrepareSecretResponseParameters,
  PrepareSecretResponseReturnType,
} from "./utils/prepareSecretResponse.ts";
export { getMeasurementTypedData } from "./utils/getMeasurementTypedData.ts";
export type {
  GetMeasurementTypedDataParameters,
  GetMeasurementTypedDataReturnType,
  MeasurementStatement,
} from "./utils/getMeasurementTypedData.ts";
export { signMeasurementStatement } from "./utils/signMeasurementStatement.ts";
export type {
  SignMeasurementStatementParameters,
  SignMeasurementStatementReturnType,
} from "./utils/signMeasurementStatement.ts";
export { sortAuditorSignatures } from "./utils/sortAuditorSignatures.ts";
export type {
  SortAuditorSignaturesParameters,
  SortAuditorSignaturesReturnType,
} from "./utils/sortAuditorSignatures.ts";
export { safeAbi, safeProxyFactoryAbi, safeTxTypes } from "./utils/safe.ts";
export { getCouncilTransactionTypedData } from "./utils/getCouncilTransactionTypedData.ts";
export type {
  GetCouncilTransactionTypedDataParameters,
  GetCouncilTransactionTypedDataReturnType,
} from "./utils/getCouncilTransactionTypedData.ts";
export { signCouncilTransaction } from "./utils/signCouncilTransaction.ts";
export type {
  SignCouncilTransactionParameters,
  SignCouncilTransactionReturnType,
} from "./utils/signCouncilTransaction.ts";
export { computeProposalId, proposalStateName } from "./utils/governance.ts";

// ───────────────────────────────────────────── pure functions: codec, crypto, attestation
export * from "./codec/index.ts";
export * from "./crypto/index.ts";
export * from "./attestation/index.ts";
export * from "./attestation/dcap/index.ts";

// ───────────────────────────────────────────── deployment and generated ABIs
export * from "./deploy/index.ts";
export * from "./generated/index.ts";

// ───────────────────────────────────────────── the L2 (addresses of its system contracts)
export * from "./l2/index.ts";

// ───────────────────────────────────────────── wallet access to the L2 (viewing keys, encrypted requests)
export * from "./wallet/index.ts";
