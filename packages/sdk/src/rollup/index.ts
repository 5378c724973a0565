export { hashRollupHeader } from "./hashRollupHeader.ts";
export type { HashRollupHeaderParameters } from "./hashRollupHeader.ts";
export { rollupHeaderTypes, rollupManagementDomain } from "./rollupHeader.ts";
export type { RollupHeader } from "./rollupHeader.ts";
export { signRollupHeader } from "./signRollupHeader.ts";
export type { SignRollupHeaderParameters, SignRollupHeaderReturnType } from "./signRollupHeader.ts";
export { submitRollup } from "./submitRollup.ts";
export type { RollupData, SubmitRollupParameters } from "./submitRollup.ts";
export { BlobsNeedLocalAccountError } from "./errors.ts";
