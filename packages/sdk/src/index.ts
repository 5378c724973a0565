export * from "./deploy/index.ts";
export { BaseError, isErrorWithCode } from "./errors/BaseError.ts";
export type { BaseErrorParameters } from "./errors/BaseError.ts";
export * from "./generated/index.ts";
export * from "./crypto/index.ts";
export * from "./codec/index.ts";
export * from "./bridge/index.ts";
export * from "./rollup/index.ts";
export * from "./ledger/index.ts";
