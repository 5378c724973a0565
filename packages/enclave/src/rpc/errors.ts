import { BaseError } from "@obscuro/sdk";

/**
 * A call to the enclave failed. `remoteCode` is the enclave's own error code when it refused the
 * call (`INVALID_PARAMS`, `L1_BLOCK_REFUSED`, …), or one of this side's: `ENCLAVE_UNREACHABLE`,
 * `ENCLAVE_TIMEOUT`, `INVALID_RESULT`.
 */
export class EnclaveRpcError extends BaseError {
  readonly code = "ENCLAVE_RPC";
  readonly remoteCode: string;
  readonly method: string;

  constructor(
    shortMessage: string,
    parameters: { remoteCode: string; method: string; details?: string; cause?: unknown },
  ) {
    super(shortMessage, parameters);
    this.remoteCode = parameters.remoteCode;
    this.method = parameters.method;
  }
}

/** What a handler throws to refuse a call with a code the host can act on; its message must hold no secret. */
export class EnclaveRefusal extends BaseError {
  readonly code: string;

  constructor(code: string, shortMessage: string, details?: string) {
    super(shortMessage, details === undefined ? {} : { details });
    this.code = code;
  }
}
