export { DeploymentFailedError, deployProtocol } from "./deployProtocol.ts";
export type { DeployProtocolParameters, DeployProtocolReturnType } from "./deployProtocol.ts";
export { deployGovernance } from "./deployGovernance.ts";
export type { DeployGovernanceParameters, DeployGovernanceReturnType } from "./deployGovernance.ts";
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
} from "./settings.ts";
export type {
  AttestationDeploySettings,
  CouncilDeploySettings,
  GovernanceDeploySettings,
  NetworkDeploySettings,
  RollupDeploySettings,
  SlashingDeploySettings,
} from "./settings.ts";
export { deployProxy } from "./deployProxy.ts";
export type { DeployProxyParameters, DeployProxyReturnType } from "./deployProxy.ts";
export { serializeManifest } from "./manifest.ts";
export type { CoreContractName, DeploymentManifest, GovernanceContractName, ProtocolContractName } from "./manifest.ts";
export {
  InvalidDeploymentManifestError,
  parseDeploymentManifest,
  readDeploymentManifest,
} from "./readDeploymentManifest.ts";
export type { ReadDeploymentManifestParameters } from "./readDeploymentManifest.ts";
export { writeDeploymentManifest } from "./writeDeploymentManifest.ts";
export type { WriteDeploymentManifestParameters } from "./writeDeploymentManifest.ts";
