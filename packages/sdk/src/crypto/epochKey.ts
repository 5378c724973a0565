import { bytesOf } from "./bytes.ts";
import { EPOCH_KEY_LENGTH } from "./constants.ts";
import { InvalidEpochKeyError } from "./errors.ts";

/**
 * Checks a rollup epoch key and returns its 32 bytes.
 * @throws {InvalidEpochKeyError}
 * @internal
 */
export function epochKeyBytes(epochKey: unknown): Uint8Array {
  const bytes = bytesOf(epochKey);
  if (bytes === undefined || bytes.length !== EPOCH_KEY_LENGTH)
    throw new InvalidEpochKeyError("The epoch key is not 32 bytes.", {
      details: bytes === undefined ? "not hex or a Uint8Array" : `got ${bytes.length} bytes`,
    });
  return bytes;
}
