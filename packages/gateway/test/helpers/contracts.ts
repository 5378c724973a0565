import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";

const require = createRequire(import.meta.url);
const SOURCE = fileURLToPath(new URL("../contracts/Tokens.sol", import.meta.url));

export interface Artifact {
  abi: Abi;
  bytecode: Hex;
}

/**
 * The test tokens compiled with solc-js from node_modules (OpenZeppelin from node_modules too),
 * cached in the temp directory by the hash of the source and compiler: the first test file pays
 * ~2 s, the others read the cache.
 */
export async function compileTokens(): Promise<{ GLDToken: Artifact; PrivateToken: Artifact }> {
  const solc = require("solc") as { compile(input: string, options?: object): string; version(): string };
  const source = await readFile(SOURCE, "utf8");
  const key = createHash("sha256").update(source).update(solc.version()).digest("hex").slice(0, 16);
  const cache = join(tmpdir(), "obscuro-gateway-tests", `tokens-${key}.json`);
  try {
    return JSON.parse(await readFile(cache, "utf8")) as { GLDToken: Artifact; PrivateToken: Artifact };
  } catch {
    // compile below
  }
  const input = {
    language: "Solidity",
    sources: { "Tokens.sol": { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "prague",
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const findImports = (path: string) => {
    try {
      return { contents: require("node:fs").readFileSync(require.resolve(path), "utf8") as string };
    } catch {
      return { error: `not found: ${path}` };
    }
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join("\n")}`);
  const artifact = (name: string): Artifact => {
    const contract = output.contracts["Tokens.sol"]![name]!;
    return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  };
  const result = { GLDToken: artifact("GLDToken"), PrivateToken: artifact("PrivateToken") };
  await mkdir(dirname(cache), { recursive: true });
  await writeFile(`${cache}.tmp`, JSON.stringify(result));
  await rename(`${cache}.tmp`, cache);
  return result;
}
