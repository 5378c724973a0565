export { CouncilActionFailedError, executeCouncilAction } from "./executeCouncilAction.ts";
export type { ExecuteCouncilActionParameters } from "./executeCouncilAction.ts";
export { deployCouncilSafe, InvalidCouncilError } from "./deployCouncilSafe.ts";
export type { DeployCouncilSafeParameters, DeployCouncilSafeReturnType } from "./deployCouncilSafe.ts";
export { safeAbi, safeProxyFactoryAbi, safeTxTypes } from "./safe.ts";
