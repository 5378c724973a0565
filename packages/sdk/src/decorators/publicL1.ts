import type { Chain, Client, Transport } from "viem";
import {
  getEnclavePolicy,
  type GetEnclavePolicyParameters,
  type GetEnclavePolicyReturnType,
} from "../actions/attestation/getEnclavePolicy.ts";
import {
  getMeasurementStatus,
  type GetMeasurementStatusParameters,
  type GetMeasurementStatusReturnType,
} from "../actions/attestation/getMeasurementStatus.ts";
import {
  getDepositRangeProof,
  type GetDepositRangeProofParameters,
  type GetDepositRangeProofReturnType,
} from "../actions/bridge/getDepositRangeProof.ts";
import { getDeposits, type GetDepositsParameters, type GetDepositsReturnType } from "../actions/bridge/getDeposits.ts";
import {
  getDepositsConsumedAt,
  type GetDepositsConsumedAtParameters,
  type GetDepositsConsumedAtReturnType,
} from "../actions/bridge/getDepositsConsumedAt.ts";
import {
  readDepositQueue,
  type ReadDepositQueueParameters,
  type ReadDepositQueueReturnType,
} from "../actions/bridge/readDepositQueue.ts";
import {
  watchDeposits,
  type WatchDepositsParameters,
  type WatchDepositsReturnType,
} from "../actions/bridge/watchDeposits.ts";
import {
  getEmergencyStatus,
  type GetEmergencyStatusParameters,
  type GetEmergencyStatusReturnType,
} from "../actions/council/getEmergencyStatus.ts";
import {
  watchEmergencies,
  type WatchEmergenciesParameters,
  type WatchEmergenciesReturnType,
} from "../actions/council/watchEmergencies.ts";
import {
  getAggregator,
  type GetAggregatorParameters,
  type GetAggregatorReturnType,
} from "../actions/network/getAggregator.ts";
import {
  getAllHostAddresses,
  type GetAllHostAddressesParameters,
  type GetAllHostAddressesReturnType,
} from "../actions/network/getAllHostAddresses.ts";
import {
  getHostAddresses,
  type GetHostAddressesParameters,
  type GetHostAddressesReturnType,
} from "../actions/network/getHostAddresses.ts";
import {
  getNetworkInfo,
  type GetNetworkInfoParameters,
  type GetNetworkInfoReturnType,
} from "../actions/network/getNetworkInfo.ts";
import {
  getEncryptedSecret,
  type GetEncryptedSecretParameters,
  type GetEncryptedSecretReturnType,
} from "../actions/network/getEncryptedSecret.ts";
import { getNode, type GetNodeParameters, type GetNodeReturnType } from "../actions/network/getNode.ts";
import {
  getSecretRequests,
  type GetSecretRequestsParameters,
  type GetSecretRequestsReturnType,
} from "../actions/network/getSecretRequests.ts";
import {
  recoverMasterSecret,
  type RecoverMasterSecretParameters,
  type RecoverMasterSecretReturnType,
} from "../actions/network/recoverMasterSecret.ts";
import {
  watchSecretRequests,
  type WatchSecretRequestsParameters,
  type WatchSecretRequestsReturnType,
} from "../actions/network/watchSecretRequests.ts";
import {
  getCouncilSafe,
  type GetCouncilSafeParameters,
  type GetCouncilSafeReturnType,
} from "../actions/council/getCouncilSafe.ts";
import {
  getProposal,
  type GetProposalParameters,
  type GetProposalReturnType,
} from "../actions/governance/getProposal.ts";
import {
  getProposals,
  type GetProposalsParameters,
  type GetProposalsReturnType,
} from "../actions/governance/getProposals.ts";
import { getNodes, type GetNodesParameters, type GetNodesReturnType } from "../actions/network/getNodes.ts";
import {
  getSubmittedRollup,
  type GetSubmittedRollupParameters,
  type GetSubmittedRollupReturnType,
} from "../actions/rollup/getSubmittedRollup.ts";
import {
  getCanonicalHead,
  type GetCanonicalHeadParameters,
  type GetCanonicalHeadReturnType,
} from "../actions/rollup/getCanonicalHead.ts";
import { getEpochKey, type GetEpochKeyParameters, type GetEpochKeyReturnType } from "../actions/rollup/getEpochKey.ts";
import {
  getKeyParameters,
  type GetKeyParametersParameters,
  type GetKeyParametersReturnType,
} from "../actions/rollup/getKeyParameters.ts";
import {
  getForkStatus,
  type GetForkStatusParameters,
  type GetForkStatusReturnType,
} from "../actions/rollup/getForkStatus.ts";
import { getRollup, type GetRollupParameters, type GetRollupReturnType } from "../actions/rollup/getRollup.ts";
import {
  getTimeToFinality,
  type GetTimeToFinalityParameters,
  type GetTimeToFinalityReturnType,
} from "../actions/rollup/getTimeToFinality.ts";
import {
  isRollupFinal,
  type IsRollupFinalParameters,
  type IsRollupFinalReturnType,
} from "../actions/rollup/isRollupFinal.ts";
import {
  watchRollups,
  type WatchRollupsParameters,
  type WatchRollupsReturnType,
} from "../actions/rollup/watchRollups.ts";

/** The protocol's read and watch actions, bound to a client: `client.getCanonicalHead()` (a type, not an interface: viem's `extend` needs its index signature). */
export type PublicActionsObscuroL1 = {
  /** {@link getEnclavePolicy} */
  getEnclavePolicy: (parameters?: GetEnclavePolicyParameters) => Promise<GetEnclavePolicyReturnType>;
  /** {@link getMeasurementStatus} */
  getMeasurementStatus: (parameters: GetMeasurementStatusParameters) => Promise<GetMeasurementStatusReturnType>;
  /** {@link getDepositRangeProof} */
  getDepositRangeProof: (parameters: GetDepositRangeProofParameters) => Promise<GetDepositRangeProofReturnType>;
  /** {@link getDeposits} */
  getDeposits: (parameters?: GetDepositsParameters) => Promise<GetDepositsReturnType>;
  /** {@link getDepositsConsumedAt} */
  getDepositsConsumedAt: (parameters: GetDepositsConsumedAtParameters) => Promise<GetDepositsConsumedAtReturnType>;
  /** {@link readDepositQueue} */
  readDepositQueue: (parameters?: ReadDepositQueueParameters) => Promise<ReadDepositQueueReturnType>;
  /** {@link watchDeposits} */
  watchDeposits: (parameters: WatchDepositsParameters) => WatchDepositsReturnType;
  /** {@link getEmergencyStatus} */
  getEmergencyStatus: (parameters?: GetEmergencyStatusParameters) => Promise<GetEmergencyStatusReturnType>;
  /** {@link watchEmergencies} */
  watchEmergencies: (parameters: WatchEmergenciesParameters) => WatchEmergenciesReturnType;
  /** {@link getAggregator} */
  getAggregator: (parameters: GetAggregatorParameters) => Promise<GetAggregatorReturnType>;
  /** {@link getAllHostAddresses} */
  getAllHostAddresses: (parameters?: GetAllHostAddressesParameters) => Promise<GetAllHostAddressesReturnType>;
  /** {@link getHostAddresses} */
  getHostAddresses: (parameters?: GetHostAddressesParameters) => Promise<GetHostAddressesReturnType>;
  /** {@link getNetworkInfo} */
  getNetworkInfo: (parameters?: GetNetworkInfoParameters) => Promise<GetNetworkInfoReturnType>;
  /** {@link getNode} */
  getNode: (parameters: GetNodeParameters) => Promise<GetNodeReturnType>;
  /** {@link getEncryptedSecret} */
  getEncryptedSecret: (parameters: GetEncryptedSecretParameters) => Promise<GetEncryptedSecretReturnType>;
  /** {@link getSecretRequests} */
  getSecretRequests: (parameters?: GetSecretRequestsParameters) => Promise<GetSecretRequestsReturnType>;
  /** {@link recoverMasterSecret} */
  recoverMasterSecret: (parameters: RecoverMasterSecretParameters) => Promise<RecoverMasterSecretReturnType>;
  /** {@link watchSecretRequests} */
  watchSecretRequests: (parameters: WatchSecretRequestsParameters) => WatchSecretRequestsReturnType;
  /** {@link getCouncilSafe} */
  getCouncilSafe: (parameters?: GetCouncilSafeParameters) => Promise<GetCouncilSafeReturnType>;
  /** {@link getProposal} */
  getProposal: (parameters: GetProposalParameters) => Promise<GetProposalReturnType>;
  /** {@link getProposals} */
  getProposals: (parameters?: GetProposalsParameters) => Promise<GetProposalsReturnType>;
  /** {@link getNodes} */
  getNodes: (parameters?: GetNodesParameters) => Promise<GetNodesReturnType>;
  /** {@link getSubmittedRollup} */
  getSubmittedRollup: (parameters: GetSubmittedRollupParameters) => Promise<GetSubmittedRollupReturnType>;
  /** {@link getCanonicalHead} */
  getCanonicalHead: (parameters?: GetCanonicalHeadParameters) => Promise<GetCanonicalHeadReturnType>;
  /** {@link getEpochKey} */
  getEpochKey: (parameters: GetEpochKeyParameters) => Promise<GetEpochKeyReturnType>;
  /** {@link getKeyParameters} */
  getKeyParameters: (parameters?: GetKeyParametersParameters) => Promise<GetKeyParametersReturnType>;
  /** {@link getForkStatus} */
  getForkStatus: (parameters?: GetForkStatusParameters) => Promise<GetForkStatusReturnType>;
  /** {@link getRollup} */
  getRollup: (parameters: GetRollupParameters) => Promise<GetRollupReturnType>;
  /** {@link getTimeToFinality} */
  getTimeToFinality: (parameters: GetTimeToFinalityParameters) => Promise<GetTimeToFinalityReturnType>;
  /** {@link isRollupFinal} */
  isRollupFinal: (parameters: IsRollupFinalParameters) => Promise<IsRollupFinalReturnType>;
  /** {@link watchRollups} */
  watchRollups: (parameters: WatchRollupsParameters) => WatchRollupsReturnType;
};

/**
 * Adds every read and watch action of the protocol to a client; addresses come from the client's
 * chain (`defineObscuroL1Chain`) unless a call gives them:
 * ```ts
 * const client = createPublicClient({ chain: defineObscuroL1Chain({ manifest }), transport: http() })
 *   .extend(publicActionsObscuroL1());
 * const head = await client.getCanonicalHead();
 * ```
 */
export function publicActionsObscuroL1() {
  return <transport extends Transport, chain extends Chain | undefined>(
    client: Client<transport, chain>,
  ): PublicActionsObscuroL1 => ({
    getEnclavePolicy: (parameters) => getEnclavePolicy(client, parameters),
    getMeasurementStatus: (parameters) => getMeasurementStatus(client, parameters),
    getDepositRangeProof: (parameters) => getDepositRangeProof(client, parameters),
    getDeposits: (parameters) => getDeposits(client, parameters),
    getDepositsConsumedAt: (parameters) => getDepositsConsumedAt(client, parameters),
    readDepositQueue: (parameters) => readDepositQueue(client, parameters),
    watchDeposits: (parameters) => watchDeposits(client, parameters),
    getEmergencyStatus: (parameters) => getEmergencyStatus(client, parameters),
    watchEmergencies: (parameters) => watchEmergencies(client, parameters),
    getAggregator: (parameters) => getAggregator(client, parameters),
    getAllHostAddresses: (parameters) => getAllHostAddresses(client, parameters),
    getHostAddresses: (parameters) => getHostAddresses(client, parameters),
    getNetworkInfo: (parameters) => getNetworkInfo(client, parameters),
    getNode: (parameters) => getNode(client, parameters),
    getEncryptedSecret: (parameters) => getEncryptedSecret(client, parameters),
    getSecretRequests: (parameters) => getSecretRequests(client, parameters),
    recoverMasterSecret: (parameters) => recoverMasterSecret(client, parameters),
    watchSecretRequests: (parameters) => watchSecretRequests(client, parameters),
    getCouncilSafe: (parameters) => getCouncilSafe(client, parameters),
    getProposal: (parameters) => getProposal(client, parameters),
    getProposals: (parameters) => getProposals(client, parameters),
    getNodes: (parameters) => getNodes(client, parameters),
    getSubmittedRollup: (parameters) => getSubmittedRollup(client, parameters),
    getCanonicalHead: (parameters) => getCanonicalHead(client, parameters),
    getEpochKey: (parameters) => getEpochKey(client, parameters),
    getKeyParameters: (parameters) => getKeyParameters(client, parameters),
    getForkStatus: (parameters) => getForkStatus(client, parameters),
    getRollup: (parameters) => getRollup(client, parameters),
    getTimeToFinality: (parameters) => getTimeToFinality(client, parameters),
    isRollupFinal: (parameters) => isRollupFinal(client, parameters),
    watchRollups: (parameters) => watchRollups(client, parameters),
  });
}
