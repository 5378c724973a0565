import { mkdir, readdir, readFile, readFile as read, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { isHex, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { UserError } from "../../wallet/errors.ts";
import { readPassword } from "../../wallet/keys.ts";
import { encryptKeystore, keystoreAddress } from "../../wallet/keystore.ts";
import { printResult } from "../../util/progress.ts";

interface WriteOptions {
  keystore?: string;
  passwordFile?: string;
  scryptN?: number;
  json?: boolean;
}

const defaultDir = () => join(homedir(), ".obscuro", "keystore");

export async function runNew(options: WriteOptions): Promise<void> {
  await write(generatePrivateKey(), options);
}

export async function runImport(options: WriteOptions & { privateKeyFile: string }): Promise<void> {
  let text: string;
  try {
    text = (await read(options.privateKeyFile, "utf8")).trim();
  } catch {
    throw new UserError(`The private key file ${options.privateKeyFile} cannot be read.`);
  }
  const key = (text.startsWith("0x") ? text : `0x${text}`) as Hex;
  if (!isHex(key) || key.length !== 66)
    throw new UserError(`The file ${options.privateKeyFile} does not hold a 32-byte private key in hex.`);
  await write(key, options);
}

async function write(privateKey: Hex, options: WriteOptions): Promise<void> {
  const password = await readPassword(options.passwordFile, "Password for the new keystore: ");
  if (password.length === 0) throw new UserError("The password is empty.", "EMPTY_PASSWORD");
  const address = privateKeyToAddress(privateKey);
  const path =
    options.keystore ??
    join(defaultDir(), `UTC--${new Date().toISOString().replace(/:/g, "-")}--${address.slice(2).toLowerCase()}.json`);
  const keystore = await encryptKeystore(privateKey, password, { scryptN: options.scryptN });
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${JSON.stringify(keystore, null, 2)}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new UserError(`${path} exists already: not overwritten.`, "FILE_EXISTS");
    throw error;
  }
  printResult(options.json ?? false, { address, keystore: path }, [`${address}`, `  keystore ${path}`]);
}

export async function runList(options: { dir?: string; json?: boolean }): Promise<void> {
  const dir = options.dir ?? defaultDir();
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => !n.startsWith(".")).sort();
  } catch {
    names = [];
  }
  const accounts: { address: string; keystore: string }[] = [];
  for (const name of names) {
    try {
      accounts.push({
        address: keystoreAddress(JSON.parse(await readFile(join(dir, name), "utf8"))),
        keystore: join(dir, name),
      });
    } catch {
      // not a keystore
    }
  }
  printResult(
    options.json ?? false,
    { dir, accounts },
    accounts.length === 0 ? [`No keystores in ${dir}.`] : accounts.map((a) => `${a.address}  ${a.keystore}`),
  );
}
