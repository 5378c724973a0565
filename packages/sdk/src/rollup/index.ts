export { hashRollupHeader } from "./hashRollupHeader.ts";
export type { HashRollupHeaderParameters } from "./hashRollupHeader.ts";
export { rollupHeaderTypes, rollupManagementDomain } from "./rollupHeader.ts";
export type { RollupHeader } from "./rollupHeader.ts";
export { signRollupHeader } from "./signRollupHeader.ts";
export type { SignRollupHeaderParameters, SignRollupHeaderReturnType } from "./signRollupHeader.ts";
export { submitRollup } from "./submitRollup.ts";
export type { RollupData, SubmitRollupParameters } from "./submitRollup.ts";
export { hashInvalidRollupTestimony } from "./hashInvalidRollupTestimony.ts";
export type { HashInvalidRollupTestimonyParameters } from "./hashInvalidRollupTestimony.ts";
export { invalidRollupTypes, rollupSlashingDomain } from "./invalidRollup.ts";
export { signInvalidRollupTestimony } from "./signInvalidRollupTestimony.ts";
export type {
  InvalidRollupTestimony,
  SignInvalidRollupTestimonyParameters,
  SignInvalidRollupTestimonyReturnType,
} from "./signInvalidRollupTestimony.ts";
export { slashInvalidRollup } from "./slashInvalidRollup.ts";
export type { SlashInvalidRollupParameters, SlashInvalidRollupReturnType } from "./slashInvalidRollup.ts";
export {
  BlobsNeedLocalAccountError,
  DuplicateWitnessError,
  RollupCallRevertedError,
  SlashingCallRevertedError,
} from "./errors.ts";
