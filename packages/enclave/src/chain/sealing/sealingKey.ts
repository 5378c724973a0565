import { hkdfSync, randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { SealingKeyError } from "../errors.ts";

/**
 * Where the chain's sealing key comes from. Everything the chain writes to disk is sealed under
 * this key (docs/l2-chain.md). A TEE runtime derives it from the enclave's identity (SGX
 * `EGETKEY` with the MRENCLAVE or MRSIGNER policy, a TDX/SNP derived key), so only the same
 * enclave can unseal; `DevKeyFileSealingKey` stands in for it outside a TEE.
 */
export interface SealingKeySource {
  /** A short name for logs (never the key). */
  readonly kind: string;
  /** The 32-byte sealing key. */
  sealingKey(): Promise<Uint8Array>;
}

const DEV_KEY_INFO = "obscuro/enclave-sealing-key/dev";

/**
 * DEV ONLY: the sealing key derived (HKDF-SHA256) from a 32-byte secret in a key file, created
 * with mode 0600 from the CSPRNG the first time. Anyone who can read the file can unseal, which
 * is what a TEE's sealing key prevents: use it for tests and the devnet only.
 */
export class DevKeyFileSealingKey implements SealingKeySource {
  readonly kind = "dev-key-file";
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async sealingKey(): Promise<Uint8Array> {
    const secret = (await this.#read()) ?? (await this.#create());
    if (secret.length !== 32) {
      throw new SealingKeyError("The sealing key file is malformed.", {
        details: `${this.#path} holds ${secret.length} bytes, expected 32`,
      });
    }
    return new Uint8Array(hkdfSync("sha256", secret, new Uint8Array(0), DEV_KEY_INFO, 32));
  }

  async #read(): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.#path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new SealingKeyError("The sealing key file cannot be read.", { details: this.#path, cause: error });
    }
  }

  async #create(): Promise<Uint8Array> {
    await mkdir(dirname(this.#path), { recursive: true });
    const secret = randomBytes(32);
    // "wx": never overwrite a key another process created meanwhile.
    const file = await open(this.#path, "wx", 0o600).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") return undefined;
      throw new SealingKeyError("The sealing key file cannot be created.", { details: this.#path, cause: error });
    });
    if (file === undefined) return readFile(this.#path);
    try {
      await file.writeFile(secret);
      await file.sync();
    } finally {
      await file.close();
    }
    await chmod(this.#path, 0o600);
    return secret;
  }
}

/** A sealing key held in memory (tests, or a runtime that already has the key). */
export class StaticSealingKey implements SealingKeySource {
  readonly kind = "static";
  readonly #key: Uint8Array;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new SealingKeyError("A sealing key is 32 bytes.", { details: `${key.length} given` });
    this.#key = Uint8Array.from(key);
  }

  async sealingKey(): Promise<Uint8Array> {
    return Uint8Array.from(this.#key);
  }
}
