import { readFile, stat } from "node:fs/promises";
import { isHex, type Hex, type LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { decryptKeystore } from "./keystore.ts";
import { UserError } from "./errors.ts";

/** Where a wallet command takes its key from: never the command line itself. */
export interface KeyOptions {
  /** A keystore v3 file (password from `passwordFile`, `OBSCURO_PASSWORD` or a prompt). */
  keystore?: string | undefined;
  /** A file holding the private key in hex (mode 0600 advised). */
  privateKeyFile?: string | undefined;
  passwordFile?: string | undefined;
}

/**
 * The account a wallet command signs with, from `--keystore` (or `OBSCURO_KEYSTORE`) or
 * `--private-key-file`.
 * @throws {UserError} when neither is given, a file cannot be read, or the password is wrong.
 */
export async function loadAccount(options: KeyOptions): Promise<LocalAccount> {
  const keystore = options.keystore ?? process.env.OBSCURO_KEYSTORE;
  if (options.privateKeyFile) {
    let text: string;
    try {
      text = (await readFile(options.privateKeyFile, "utf8")).trim();
    } catch {
      throw new UserError(`The private key file ${options.privateKeyFile} cannot be read.`);
    }
    const key = (text.startsWith("0x") ? text : `0x${text}`) as Hex;
    if (!isHex(key) || key.length !== 66)
      throw new UserError(`The file ${options.privateKeyFile} does not hold a 32-byte private key in hex.`);
    await warnIfOpen(options.privateKeyFile);
    return privateKeyToAccount(key);
  }
  if (!keystore)
    throw new UserError("No key given: use --keystore <file> (or OBSCURO_KEYSTORE) or --private-key-file <file>.");
  let json: unknown;
  try {
    json = JSON.parse(await readFile(keystore, "utf8"));
  } catch {
    throw new UserError(`The keystore ${keystore} cannot be read as JSON.`);
  }
  const password = await readPassword(options.passwordFile, `Password for ${keystore}: `);
  const { privateKey } = await decryptKeystore(json, password);
  return privateKeyToAccount(privateKey);
}

/** The password: from a file (first line), `OBSCURO_PASSWORD`, or typed at a terminal (not echoed). */
export async function readPassword(passwordFile: string | undefined, prompt: string): Promise<string> {
  if (passwordFile) {
    try {
      return (await readFile(passwordFile, "utf8")).split(/\r?\n/)[0] ?? "";
    } catch {
      throw new UserError(`The password file ${passwordFile} cannot be read.`);
    }
  }
  if (process.env.OBSCURO_PASSWORD !== undefined) return process.env.OBSCURO_PASSWORD;
  if (!process.stdin.isTTY)
    throw new UserError("No password: use --password-file <file> or set OBSCURO_PASSWORD (no terminal to ask on).");
  return promptHidden(prompt);
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    let password = "";
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          finish();
          return resolve(password);
        }
        if (char === "\u0003") {
          finish();
          return reject(new UserError("Cancelled."));
        }
        if (char === "\u007f") password = password.slice(0, -1);
        else password += char;
      }
    };
    const finish = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
    };
    input.on("data", onData);
  });
}

async function warnIfOpen(path: string): Promise<void> {
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0)
    process.stderr.write(`warning: ${path} is readable by other users; make it mode 0600\n`);
}
