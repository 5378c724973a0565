import { BaseError } from "../errors/BaseError.ts";

/**
 * Blob transactions must be signed locally (a private-key or HD account): a JSON-RPC account
 * signs on the node, and the blobs would be dropped from the request without an error.
 */
export class BlobsNeedLocalAccountError extends BaseError {
  readonly code = "BLOBS_NEED_LOCAL_ACCOUNT";
}
