import { bytesOf } from "./bytes.ts";
import { MASTER_SECRET_LENGTH } from "./constants.ts";
import { InvalidMasterSecretError } from "./errors.ts";

/**
 * Checks a master secret and returns its 32 bytes.
 * @throws {InvalidMasterSecretError}
 * @internal
 */
export function masterSecretBytes(masterSecret: unknown): Uint8Array {
  const bytes = bytesOf(masterSecret);
  if (bytes === undefined || bytes.length !== MASTER_SECRET_LENGTH)
    throw new InvalidMasterSecretError("The master secret is not 32 bytes.", {
      details: bytes === undefined ? "not hex or a Uint8Array" : `got ${bytes.length} bytes`,
    });
  return bytes;
}
