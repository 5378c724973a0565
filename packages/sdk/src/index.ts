export * from "./deploy/index.ts";
export { BaseError, isErrorWithCode } from "./errors/BaseError.ts";
export type { BaseErrorParameters } from "./errors/BaseError.ts";
export * from "./attestation/dcap/index.ts";
export * from "./generated/index.ts";
