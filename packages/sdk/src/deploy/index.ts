export { DEFAULT_TOKEN_SUPPLY, DeploymentFailedError, deployProtocol } from "./deployProtocol.ts";
export type { DeployProtocolParameters, DeployProtocolReturnType } from "./deployProtocol.ts";
export { serializeManifest } from "./manifest.ts";
export type { DeploymentManifest, ProtocolContractName } from "./manifest.ts";
export {
  InvalidDeploymentManifestError,
  parseDeploymentManifest,
  readDeploymentManifest,
} from "./readDeploymentManifest.ts";
export type { ReadDeploymentManifestParameters } from "./readDeploymentManifest.ts";
export { writeDeploymentManifest } from "./writeDeploymentManifest.ts";
export type { WriteDeploymentManifestParameters } from "./writeDeploymentManifest.ts";
