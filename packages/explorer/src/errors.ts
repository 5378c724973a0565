/** Every error the explorer raises: a short message, a stable `code`, the HTTP status the API answers with. */
export class ExplorerError extends Error {
  override name = "ExplorerError";
  readonly code: string;
  readonly status: number;
  readonly details: string | undefined;

  constructor(message: string, options: { code: string; status: number; details?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.status = options.status;
    this.details = options.details;
  }
}

/** L1's JSON-RPC cannot be reached (or answers with errors): the API answers 503 and the page shows a banner. */
export class L1UnavailableError extends ExplorerError {
  override name = "L1UnavailableError";
  constructor(options: { details?: string; cause?: unknown } = {}) {
    super("L1 is unreachable: the explorer cannot read the protocol right now.", {
      code: "L1_UNAVAILABLE",
      status: 503,
      ...options,
    });
  }
}

/** The asked rollup is not on L1. */
export class RollupNotFoundError extends ExplorerError {
  override name = "RollupNotFoundError";
  constructor(rollupHash: string) {
    super("No rollup with this hash was accepted on L1.", {
      code: "ROLLUP_NOT_FOUND",
      status: 404,
      details: rollupHash,
    });
  }
}

/** A request the API does not serve (an unknown path, a malformed parameter). */
export class InvalidRequestError extends ExplorerError {
  override name = "InvalidRequestError";
  constructor(message: string, options: { code?: string; status?: number; details?: string } = {}) {
    super(message, {
      code: options.code ?? "INVALID_REQUEST",
      status: options.status ?? 400,
      details: options.details,
    });
  }
}

/** The explorer's configuration cannot work (no manifest, a bad URL or port). */
export class ExplorerConfigError extends ExplorerError {
  override name = "ExplorerConfigError";
  constructor(message: string, details?: string) {
    super(message, { code: "INVALID_EXPLORER_CONFIG", status: 500, details });
  }
}
