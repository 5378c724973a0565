import { keccak256, type Hex } from "viem";
import { bytesOf, type BytesLike } from "../crypto/bytes.ts";
import { MalformedRollupPayloadError } from "./errors.ts";

/**
 * The rollup header's `dataHash` in calldata mode (the fallback when blobs are unavailable or
 * dearer): `keccak256(payload)`, exactly the `keccak256(payload)` a contract computes over its
 * `bytes calldata payload` argument.
 * @throws {MalformedRollupPayloadError} when the payload is not bytes.
 */
export function computeCalldataDataHash(payload: BytesLike): Hex {
  const bytes = bytesOf(payload);
  if (bytes === undefined)
    throw new MalformedRollupPayloadError("The payload is not bytes.", { details: "expected hex or a Uint8Array" });
  return keccak256(bytes);
}
