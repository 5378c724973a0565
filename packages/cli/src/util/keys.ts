import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { ctr } from "@noble/ciphers/aes.js";
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { scrypt } from "@noble/hashes/scrypt.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { randomBytes } from "@noble/hashes/utils.js";
import type { Command } from "commander";
import { bytesToHex, getAddress, hexToBytes, isHex, type Address, type Hex, type LocalAccount } from "viem";
import { privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { usageError } from "./errors.ts";

/*
 * Keys for every command that signs: never on the command line (it would sit in the shell's
 * history and in every process listing), always from a file: a plain private key file, or an
 * Ethereum keystore (v3, as geth, Foundry's `cast wallet` and MetaMask export it) with its
 * password in another file.
 */

/** The key options of a command (`--private-key-file`, or `--keystore` with `--password-file`). */
export interface KeyOptions {
  privateKeyFile?: string | undefined;
  keystore?: string | undefined;
  passwordFile?: string | undefined;
}

/**
 * Adds the key options to a command. `role` names whose key it is in the help (`the operator`,
 * `an auditor`, …).
 */
export function addKeyOptions(command: Command, role = "the sender"): Command {
  return command
    .option("--private-key-file <file>", `file holding the private key of ${role} (hex)`)
    .option("--keystore <file>", `Ethereum keystore (v3 JSON) holding the key of ${role}`)
    .option("--password-file <file>", "file holding the keystore's password");
}

/**
 * The account the key options name.
 * @throws {CliError} `KEY_REQUIRED` when none is given (and `required`), `KEY_OPTIONS` for both
 *   kinds or a keystore without its password, `KEY_FILE` when a file cannot be read or holds no key,
 *   `KEYSTORE_PASSWORD` for a wrong password (all exit 2: nothing was sent).
 */
export async function loadAccount(options: KeyOptions, role = "the sender"): Promise<LocalAccount> {
  const account = await loadOptionalAccount(options, role);
  if (!account) {
    throw usageError("KEY_REQUIRED", `This command needs the key of ${role}: pass --private-key-file or --keystore.`, {
      details: "keys are read from files, never from the command line",
    });
  }
  return account;
}

/** As {@link loadAccount}, but undefined when no key option is given. */
export async function loadOptionalAccount(options: KeyOptions, role = "the sender"): Promise<LocalAccount | undefined> {
  if (options.privateKeyFile && options.keystore) {
    throw usageError("KEY_OPTIONS", "Give either --private-key-file or --keystore, not both.");
  }
  if (options.passwordFile && !options.keystore) {
    throw usageError("KEY_OPTIONS", "--password-file goes with --keystore.");
  }
  if (options.privateKeyFile) {
    return privateKeyToAccount(await readPrivateKeyFile(options.privateKeyFile, role));
  }
  if (options.keystore) {
    if (!options.passwordFile) {
      throw usageError("KEY_OPTIONS", "A keystore needs its password: pass --password-file.");
    }
    const [keystore, password] = await Promise.all([
      readKeyFile(options.keystore, "keystore"),
      readKeyFile(options.passwordFile, "password file"),
    ]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(keystore);
    } catch (cause) {
      throw usageError("KEY_FILE", `The keystore ${options.keystore} is not JSON.`, { cause });
    }
    // A password file ends with a newline more often than not; the password does not.
    return privateKeyToAccount(decryptKeystore(parsed, password.replace(/\r?\n$/, ""), options.keystore));
  }
  return undefined;
}

async function readKeyFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (cause) {
    throw usageError("KEY_FILE", `Cannot read the ${what} ${path}.`, {
      cause,
      details: (cause as Error).message,
    });
  }
}

/**
 * Reads a private key file: 32 bytes in hex, `0x` optional, surrounding whitespace ignored.
 * @throws {CliError} `KEY_FILE` when it cannot be read or holds no key.
 */
export async function readPrivateKeyFile(path: string, role = "the sender"): Promise<Hex> {
  const text = (await readKeyFile(path, "private key file")).trim();
  const key = (text.startsWith("0x") ? text : `0x${text}`) as Hex;
  if (!isHex(key) || key.length !== 66 || /^0x0+$/.test(key)) {
    throw usageError("KEY_FILE", `The private key file ${path} does not hold a private key.`, {
      details: `expected the key of ${role}: 64 hex digits, 0x optional`,
    });
  }
  try {
    const mode = (await stat(path)).mode;
    if (mode & 0o077) {
      process.stderr.write(`! ${path} can be read by other users of this machine (chmod 600 it)\n`);
    }
  } catch {
    // Only a warning: the key was read.
  }
  return key;
}

/** An Ethereum keystore file (Web3 Secret Storage, version 3). */
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
      | { dklen: number; n: number; r: number; p: number; salt: string }
      | { dklen: number; c: number; prf: "hmac-sha256"; salt: string };
    mac: string;
  };
}

const hex = (value: unknown, what: string, source: string): Uint8Array => {
  if (typeof value !== "string" || !/^(0x)?([0-9a-fA-F]{2})*$/.test(value)) {
    throw usageError("KEY_FILE", `The keystore ${source} is malformed: ${what} is not hex.`);
  }
  return hexToBytes((value.startsWith("0x") ? value : `0x${value}`) as Hex);
};

/**
 * Decrypts an Ethereum keystore (v3: scrypt or PBKDF2-HMAC-SHA256, AES-128-CTR, Keccak-256 MAC)
 * and returns the private key.
 * @throws {CliError} `KEY_FILE` for a malformed or unsupported keystore, `KEYSTORE_PASSWORD` when
 *   the password does not open it (the MAC does not match).
 */
export function decryptKeystore(keystore: unknown, password: string, source = "file"): Hex {
  const file = keystore as Partial<KeystoreV3> & { Crypto?: KeystoreV3["crypto"] };
  // geth wrote `Crypto` in early files.
  const crypto = file?.crypto ?? file?.Crypto;
  if (typeof file !== "object" || file === null || file.version !== 3 || typeof crypto !== "object" || !crypto) {
    throw usageError("KEY_FILE", `The keystore ${source} is not an Ethereum keystore (version 3).`);
  }
  if (crypto.cipher !== "aes-128-ctr") {
    throw usageError("KEY_FILE", `The keystore ${source} uses the cipher ${String(crypto.cipher)}, not aes-128-ctr.`);
  }
  const params = crypto.kdfparams as Record<string, unknown> | undefined;
  if (typeof params !== "object" || params === null) {
    throw usageError("KEY_FILE", `The keystore ${source} is malformed: no kdfparams.`);
  }
  const salt = hex(params.salt, "kdfparams.salt", source);
  const dkLen = Number(params.dklen);
  if (!Number.isInteger(dkLen) || dkLen < 32) {
    throw usageError("KEY_FILE", `The keystore ${source} is malformed: kdfparams.dklen is ${String(params.dklen)}.`);
  }
  let derived: Uint8Array;
  if (crypto.kdf === "scrypt") {
    const [N, r, p] = [Number(params.n), Number(params.r), Number(params.p)];
    if (![N, r, p].every((v) => Number.isInteger(v) && v > 0)) {
      throw usageError("KEY_FILE", `The keystore ${source} is malformed: bad scrypt parameters.`);
    }
    // Large N needs 128·r·N bytes: 256 MiB for the usual 2^18.
    derived = scrypt(password, salt, { N, r, p, dkLen, maxmem: 128 * r * (N + p) + 4096 });
  } else if (crypto.kdf === "pbkdf2") {
    const c = Number(params.c);
    if (params.prf !== "hmac-sha256" || !Number.isInteger(c) || c < 1) {
      throw usageError("KEY_FILE", `The keystore ${source} uses an unsupported PBKDF2 setting.`, {
        details: `prf ${String(params.prf)}, c ${String(params.c)}: only hmac-sha256 is supported`,
      });
    }
    derived = pbkdf2(sha256, password, salt, { c, dkLen });
  } else {
    throw usageError("KEY_FILE", `The keystore ${source} uses the KDF ${String(crypto.kdf)}, not scrypt or pbkdf2.`);
  }
  const ciphertext = hex(crypto.ciphertext, "ciphertext", source);
  const mac = keccak_256(new Uint8Array([...derived.slice(16, 32), ...ciphertext]));
  if (bytesToHex(mac) !== bytesToHex(hex(crypto.mac, "mac", source))) {
    throw usageError("KEYSTORE_PASSWORD", `The password does not open the keystore ${source}.`);
  }
  const key = ctr(derived.slice(0, 16), hex(crypto.cipherparams?.iv, "cipherparams.iv", source)).decrypt(ciphertext);
  if (key.length !== 32) {
    throw usageError("KEY_FILE", `The keystore ${source} holds ${key.length} bytes, not a 32-byte key.`);
  }
  const privateKey = bytesToHex(key);
  if (typeof file.address === "string" && file.address !== "") {
    const stated = file.address.startsWith("0x") ? file.address : `0x${file.address}`;
    let matches = false;
    try {
      matches = getAddress(stated) === privateKeyToAddress(privateKey);
    } catch {
      matches = false;
    }
    if (!matches) {
      throw usageError("KEY_FILE", `The keystore ${source} holds the key of another address than it states.`, {
        details: `states ${stated}, holds ${privateKeyToAddress(privateKey)}`,
      });
    }
  }
  return privateKey;
}

/** Options for {@link encryptKeystore}: the KDF and its cost. */
export interface EncryptKeystoreOptions {
  /** Default `scrypt`. */
  kdf?: "scrypt" | "pbkdf2" | undefined;
  /** scrypt's N (default 2^18, as geth) or PBKDF2's iterations (default 262,144). */
  cost?: number | undefined;
}

/** Encrypts a private key into an Ethereum keystore (v3), as geth writes it. */
export function encryptKeystore(privateKey: Hex, password: string, options: EncryptKeystoreOptions = {}): KeystoreV3 {
  const kdf = options.kdf ?? "scrypt";
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  let derived: Uint8Array;
  let kdfparams: KeystoreV3["crypto"]["kdfparams"];
  if (kdf === "scrypt") {
    const n = options.cost ?? 2 ** 18;
    derived = scrypt(password, salt, { N: n, r: 8, p: 1, dkLen: 32, maxmem: 128 * 8 * (n + 1) + 4096 });
    kdfparams = { dklen: 32, n, r: 8, p: 1, salt: bytesToHex(salt).slice(2) };
  } else {
    const c = options.cost ?? 262_144;
    derived = pbkdf2(sha256, password, salt, { c, dkLen: 32 });
    kdfparams = { dklen: 32, c, prf: "hmac-sha256", salt: bytesToHex(salt).slice(2) };
  }
  const ciphertext = ctr(derived.slice(0, 16), iv).encrypt(hexToBytes(privateKey));
  const mac = keccak_256(new Uint8Array([...derived.slice(16, 32), ...ciphertext]));
  const address: Address = privateKeyToAddress(privateKey);
  return {
    version: 3,
    id: randomUUID(),
    address: address.slice(2).toLowerCase(),
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: bytesToHex(iv).slice(2) },
      ciphertext: bytesToHex(ciphertext).slice(2),
      kdf,
      kdfparams,
      mac: bytesToHex(mac).slice(2),
    },
  };
}
