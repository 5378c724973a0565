import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { GatewaySecretError, SealedRecordError } from "../errors.ts";

const SECRET_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Reads the gateway secret, creating it on first start: 32 random bytes (hex) in a file of mode
 * 0600 in a directory of mode 0700, created exclusively so that two gateways starting at once
 * cannot each write their own. A file that others may read is refused, as ssh refuses a key.
 * @throws {GatewaySecretError} when the file is readable by group or others, or malformed.
 */
export async function loadOrCreateSecret(path: string): Promise<Uint8Array> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    const handle = await open(path, "wx", 0o600);
    try {
      await handle.writeFile(`${randomBytes(SECRET_BYTES).toString("hex")}\n`, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    // the process umask cannot widen what `open` was given, but make the mode explicit anyway
    await chmod(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new GatewaySecretError("The gateway secret file cannot be created.", { details: path, cause: error });
    }
  }
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    throw new GatewaySecretError("The gateway secret file is readable by other users: make it mode 0600.", {
      details: `${path} has mode ${(info.mode & 0o777).toString(8)}`,
    });
  }
  const text = (await readFile(path, "utf8")).trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new GatewaySecretError("The gateway secret file does not hold 32 bytes in hex.", { details: path });
  }
  return Uint8Array.from(Buffer.from(text, "hex"));
}

/**
 * Seals records at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the gateway
 * secret. Each record is bound to its place (`aad`: the user it belongs to), so a sealed viewing
 * key moved to another user's row does not open.
 */
export class Sealer {
  readonly #key: Buffer;

  constructor(secret: Uint8Array) {
    this.#key = Buffer.from(hkdfSync("sha256", secret, "obscuro-gateway", "viewing-keys/v1", 32));
  }

  /** `iv || ciphertext || tag`. */
  seal(plaintext: Uint8Array, aad: string): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(aad, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
  }

  /** @throws {SealedRecordError} when the record was sealed under another key or for another place, or altered. */
  open(sealed: Uint8Array, aad: string): Uint8Array {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealedRecordError("A sealed record is truncated.");
    const iv = sealed.subarray(0, IV_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const body = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, iv);
      decipher.setAAD(Buffer.from(aad, "utf8"));
      decipher.setAuthTag(tag);
      return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
    } catch (cause) {
      throw new SealedRecordError("A sealed record does not open with the gateway secret.", { cause });
    }
  }
}
