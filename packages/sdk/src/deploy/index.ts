export { deployProtocol, planProtocolDeployment } from "./deployProtocol.ts";
export type {
  DeployedEvent,
  DeployProtocolErrorType,
  DeployProtocolParameters,
  DeployProtocolReturnType,
  PlanProtocolDeploymentParameters,
  PlanProtocolDeploymentReturnType,
} from "./deployProtocol.ts";
export { deployGovernance, planGovernance } from "./deployGovernance.ts";
export type { DeployGovernanceParameters, DeployGovernanceReturnType } from "./deployGovernance.ts";
export { deployCouncilSafe, planCouncilSafe } from "./deployCouncilSafe.ts";
export type {
  CouncilSafeSettings,
  DeployCouncilSafeParameters,
  DeployCouncilSafeReturnType,
  SafeInfrastructure,
} from "./deployCouncilSafe.ts";
export { deployDcapVerifier, planDcapVerifier } from "./deployDcapVerifier.ts";
export type {
  DcapContractName,
  DeployDcapVerifierParameters,
  DeployDcapVerifierReturnType,
} from "./deployDcapVerifier.ts";
export { deployProxy, planProxy } from "./deployProxy.ts";
export type { DeployProxyParameters, DeployProxyReturnType, ProxyDeployment } from "./deployProxy.ts";
export { executeDeploymentPlan } from "./executeDeploymentPlan.ts";
export type { DeploymentStepResult, OnDeploymentStep } from "./executeDeploymentPlan.ts";
export { DeploymentPlanner } from "./plan.ts";
export type { DeploymentPlan, DeploymentStep } from "./plan.ts";
export {
  DEFAULT_GOVERNANCE_SETTINGS,
  DEFAULT_KEY_LIFETIME,
  DEFAULT_MAX_REPORT_AGE,
  DEFAULT_MIN_STAKE,
  DEFAULT_REGISTRATION_FEE,
  DEFAULT_RESPONSE_TIMEOUT,
  DEFAULT_ROLLUP_SETTINGS,
  DEFAULT_SLASHING_SETTINGS,
  DEFAULT_TOKEN_SUPPLY,
  DEFAULT_UNBONDING_PERIOD,
  resolveAttestationSetup,
} from "./settings.ts";
export type {
  AttestationPolicySettings,
  AttestationSetup,
  AuditorSettings,
  GovernanceDeploySettings,
  NetworkDeploySettings,
  ResolvedAttestationSetup,
  RollupDeploySettings,
  SlashingDeploySettings,
} from "./settings.ts";
export { serializeManifest } from "./manifest.ts";
export type {
  CoreContractName,
  DcapRegistryName,
  DeploymentManifest,
  GovernanceContractName,
  ProtocolContractName,
} from "./manifest.ts";
export {
  InvalidDeploymentManifestError,
  parseDeploymentManifest,
  readDeploymentManifest,
} from "./readDeploymentManifest.ts";
export type { ReadDeploymentManifestParameters } from "./readDeploymentManifest.ts";
export { writeDeploymentManifest } from "./writeDeploymentManifest.ts";
export type { WriteDeploymentManifestParameters } from "./writeDeploymentManifest.ts";
