export * from "./deploy/index.ts";
export { BaseError, isErrorWithCode } from "./errors/BaseError.ts";
export type { BaseErrorParameters } from "./errors/BaseError.ts";
export * from "./generated/index.ts";
export * from "./attestation/index.ts";
