import { ctr } from "@noble/ciphers/aes.js";
import { pbkdf2Async } from "@noble/hashes/pbkdf2.js";
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { bytesToHex, getAddress, hexToBytes, type Address, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { BaseError } from "@obscuro/sdk";

/** A keystore file is not version 3, uses an unsupported KDF or cipher, or is malformed. */
export class InvalidKeystoreError extends BaseError {
  readonly code = "INVALID_KEYSTORE";
}

/** The password does not open the keystore (its MAC does not match). */
export class WrongPasswordError extends BaseError {
  readonly code = "WRONG_PASSWORD";
}

/** The Web3 Secret Storage (keystore v3) JSON, as geth, ethers and Foundry write it. */
export interface KeystoreV3 {
  version: 3;
  id: string;
  address: string;
  crypto: {
    cipher: "aes-128-ctr";
    cipherparams: { iv: string };
    ciphertext: string;
    kdf: "scrypt" | "pbkdf2";
    kdfparams:
      | { dklen: number; salt: string; n: number; r: number; p: number }
      | { dklen: number; salt: string; c: number; prf: "hmac-sha256" };
    mac: string;
  };
}

export interface EncryptKeystoreOptions {
  /** Default scrypt. */
  kdf?: "scrypt" | "pbkdf2" | undefined;
  /** scrypt N (a power of two); default 131072 (2^17, as ethers). */
  scryptN?: number | undefined;
  /** PBKDF2 iterations; default 262144 (as geth's light vector). */
  pbkdf2Iterations?: number | undefined;
}

/**
 * Encrypts a private key into a keystore v3: the key derived from the password by scrypt (N, r=8,
 * p=1) or PBKDF2-HMAC-SHA256, its first 16 bytes the AES-128-CTR key, the MAC keccak256 of its
 * last 16 bytes and the ciphertext.
 */
export async function encryptKeystore(
  privateKey: Hex,
  password: string,
  options: EncryptKeystoreOptions = {},
): Promise<KeystoreV3> {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const kdf = options.kdf ?? "scrypt";
  const kdfparams =
    kdf === "scrypt"
      ? { dklen: 32, salt: toHex(salt), n: options.scryptN ?? 131_072, r: 8, p: 1 }
      : { dklen: 32, salt: toHex(salt), c: options.pbkdf2Iterations ?? 262_144, prf: "hmac-sha256" as const };
  const derived = await deriveKey(password, kdf, kdfparams);
  const ciphertext = ctr(derived.subarray(0, 16), iv).encrypt(hexToBytes(privateKey));
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAddress(privateKey).slice(2).toLowerCase(),
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: toHex(iv) },
      ciphertext: toHex(ciphertext),
      kdf,
      kdfparams,
      mac: toHex(mac(derived, ciphertext)),
    },
  };
}

/**
 * Opens a keystore v3 (scrypt or PBKDF2, AES-128-CTR) with its password.
 * @throws {InvalidKeystoreError} for anything but a well-formed v3 keystore of those algorithms.
 * @throws {WrongPasswordError} when the MAC does not match.
 */
export async function decryptKeystore(json: unknown, password: string): Promise<{ privateKey: Hex; address: Address }> {
  const keystore = parseKeystore(json);
  const { crypto } = keystore;
  const derived = await deriveKey(password, crypto.kdf, crypto.kdfparams);
  const ciphertext = fromHex(crypto.ciphertext, "crypto.ciphertext");
  const expected = fromHex(crypto.mac, "crypto.mac");
  const actual = mac(derived, ciphertext);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new WrongPasswordError("The password does not open this keystore.");
  }
  const privateKey = bytesToHex(
    ctr(derived.subarray(0, 16), fromHex(crypto.cipherparams.iv, "iv")).decrypt(ciphertext),
  );
  const address = privateKeyToAddress(privateKey);
  if (keystore.address && getAddress(`0x${keystore.address.replace(/^0x/, "")}`) !== address) {
    throw new InvalidKeystoreError("The keystore's address is not the address of the key it holds.");
  }
  return { privateKey, address };
}

/** The account a keystore holds, without its password (from its `address` field). */
export function keystoreAddress(json: unknown): Address {
  const keystore = parseKeystore(json);
  if (!/^(0x)?[0-9a-fA-F]{40}$/.test(keystore.address ?? ""))
    throw new InvalidKeystoreError("The keystore has no address field.");
  return getAddress(`0x${keystore.address.replace(/^0x/, "")}`);
}

function parseKeystore(json: unknown): KeystoreV3 {
  const fail = (what: string): never => {
    throw new InvalidKeystoreError(`Not a usable keystore v3 file: ${what}.`);
  };
  const value = (json ?? {}) as Partial<KeystoreV3> & { Crypto?: KeystoreV3["crypto"] };
  if (value.version !== 3) fail(`version ${String(value.version)}`);
  const crypto = value.crypto ?? value.Crypto ?? fail("no crypto section");
  if (crypto.cipher !== "aes-128-ctr") fail(`cipher ${String(crypto.cipher)} (only aes-128-ctr)`);
  if (crypto.kdf !== "scrypt" && crypto.kdf !== "pbkdf2") fail(`kdf ${String(crypto.kdf)} (only scrypt and pbkdf2)`);
  const params = crypto.kdfparams as Record<string, unknown> | undefined;
  if (!params || typeof params.salt !== "string" || params.dklen !== 32) fail("kdfparams");
  if (crypto.kdf === "pbkdf2" && (params!.prf !== "hmac-sha256" || typeof params!.c !== "number"))
    fail("pbkdf2 params");
  if (
    crypto.kdf === "scrypt" &&
    (typeof params!.n !== "number" || typeof params!.r !== "number" || typeof params!.p !== "number")
  ) {
    fail("scrypt params");
  }
  if (
    typeof crypto.ciphertext !== "string" ||
    typeof crypto.mac !== "string" ||
    typeof crypto.cipherparams?.iv !== "string"
  )
    fail("ciphertext, iv or mac");
  return { ...(value as KeystoreV3), crypto };
}

async function deriveKey(
  password: string,
  kdf: "scrypt" | "pbkdf2",
  params: KeystoreV3["crypto"]["kdfparams"],
): Promise<Uint8Array> {
  const secret = new TextEncoder().encode(password.normalize("NFKC"));
  const salt = fromHex(params.salt, "salt");
  if (kdf === "scrypt") {
    const { n, r, p } = params as { n: number; r: number; p: number };
    if (n < 2 || (n & (n - 1)) !== 0)
      throw new InvalidKeystoreError("Not a usable keystore v3 file: scrypt N is not a power of two.");
    return scryptAsync(secret, salt, { N: n, r, p, dkLen: 32, maxmem: 2 ** 31 });
  }
  return pbkdf2Async(sha256, secret, salt, { c: (params as { c: number }).c, dkLen: 32 });
}

function mac(derived: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const input = new Uint8Array(16 + ciphertext.length);
  input.set(derived.subarray(16, 32));
  input.set(ciphertext, 16);
  return keccak_256(input);
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

function fromHex(text: string, what: string): Uint8Array {
  const clean = text.replace(/^0x/, "");
  if (!/^([0-9a-fA-F]{2})*$/.test(clean))
    throw new InvalidKeystoreError(`Not a usable keystore v3 file: ${what} is not hex.`);
  return Uint8Array.from(Buffer.from(clean, "hex"));
}
