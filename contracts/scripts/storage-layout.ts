/**
 * Upgrade safety of every UUPS module, with OpenZeppelin's upgrades-core (the engine behind the
 * Hardhat and Foundry upgrades plugins), on the production build:
 *
 *   1. no unsafe pattern in an implementation (selfdestruct, delegatecall, an unannotated
 *      constructor or immutable, a missing upgrade function);
 *   2. the storage layout, ERC-7201 namespaces included, is compatible with the committed one
 *      (snapshots/storage/<Module>.json): nothing moved, retyped or removed, only appended.
 *
 *   node scripts/storage-layout.ts           check (CI)
 *   node scripts/storage-layout.ts --write   record the current layouts (a deliberate act: it is
 *                                            what deployed proxies are assumed to hold)
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  getContractVersion,
  getErrors,
  getStorageLayout,
  getStorageUpgradeReport,
  makeNamespacedInput,
  solcInputOutputDecoder,
  validate,
  withValidationDefaults,
  type SolcInput,
  type SolcOutput,
  type StorageLayout,
} from "@openzeppelin/upgrades-core";

/** Every module deployed behind a UUPS proxy: source under contracts/src, contract name. */
export const UPGRADEABLE_MODULES = [
  ["attestation/EnclavePolicy.sol", "EnclavePolicy"],
  ["network/NetworkManagement.sol", "NetworkManagement"],
  ["bridge/BridgeManagement.sol", "BridgeManagement"],
  ["rollup/RollupManagement.sol", "RollupManagement"],
  ["rollup/RollupSlashing.sol", "RollupSlashing"],
] as const;

/**
 * Findings reviewed and accepted, each for one parent contract and kind. OpenZeppelin's EIP712
 * sets only immutables in its constructor when name and version are under 32 bytes ("Obscuro
 * EnclavePolicy", "Obscuro RollupSlashing", "1"), and under a proxy rebuilds the domain separator
 * with the proxy's address, so the modules inheriting it are proxy-safe.
 */
const ACCEPTED_FINDINGS = [{ contract: "EIP712", kind: "constructor" }] as const;

const here = dirname(fileURLToPath(import.meta.url));
const productionDir = join(here, "..", "artifacts-production");
const snapshotDir = join(here, "..", "snapshots", "storage");
const require = createRequire(import.meta.url);
const solc = require("solc") as { compile(input: string): string; version(): string };

type Finding = { kind: string; contract?: string; src: string };

interface BuildInfo {
  solcVersion: string;
  input: SolcInput;
}

async function layoutOf(source: string, name: string): Promise<StorageLayout> {
  const artifact = JSON.parse(
    await readFile(join(productionDir, "src", source.replace(/\.sol$/, ".sol"), `${name}.json`), "utf8"),
  ) as {
    buildInfoId: string;
    inputSourceName: string;
  };
  const buildInfo = JSON.parse(
    await readFile(join(productionDir, "build-info", `${artifact.buildInfoId}.json`), "utf8"),
  ) as BuildInfo;
  const { output } = JSON.parse(
    await readFile(join(productionDir, "build-info", `${artifact.buildInfoId}.output.json`), "utf8"),
  ) as {
    output: SolcOutput;
  };
  // The namespaced layouts come from a second compilation of rewritten sources (structs as state
  // variables); only the layout is needed, so no code generation.
  const namespacedInput = makeNamespacedInput(buildInfo.input, output, buildInfo.solcVersion);
  const settings = namespacedInput.settings as Record<string, unknown>;
  namespacedInput.settings = {
    ...settings,
    optimizer: { enabled: false },
    viaIR: false,
    outputSelection: { "*": { "": ["ast"], "*": ["storageLayout"] } },
  } as SolcInput["settings"];
  const namespacedOutput = JSON.parse(solc.compile(JSON.stringify(namespacedInput))) as SolcOutput;
  const errors = (namespacedOutput.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0)
    throw new Error(
      `compiling the namespaced layout of ${name} failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`,
    );
  const decodeSrc = solcInputOutputDecoder(buildInfo.input, output);
  const validations = validate(output, decodeSrc, buildInfo.solcVersion, buildInfo.input, namespacedOutput);
  const version = getContractVersion(validations, `${artifact.inputSourceName}:${name}`);
  const findings = (getErrors([validations], version, withValidationDefaults({ kind: "uups" })) as Finding[]).filter(
    (e) => !ACCEPTED_FINDINGS.some((a) => a.contract === e.contract && a.kind === e.kind),
  );
  if (findings.length > 0) {
    throw new Error(
      `${name} is not upgrade-safe:\n${findings.map((e) => `  ${e.kind} in ${e.contract} (${e.src})`).join("\n")}`,
    );
  }
  return getStorageLayout([validations], version);
}

async function main(): Promise<void> {
  const write = process.argv.includes("--write");
  const problems: string[] = [];
  await mkdir(snapshotDir, { recursive: true });
  for (const [source, name] of UPGRADEABLE_MODULES) {
    const layout = await layoutOf(source, name);
    const path = join(snapshotDir, `${name}.json`);
    if (write) {
      await writeFile(path, `${JSON.stringify(layout, null, 2)}\n`);
      console.log(
        `  ${name}: recorded (${layout.storage.length} variables, ${Object.keys(layout.namespaces ?? {}).length} namespaces)`,
      );
      continue;
    }
    const committed = await readFile(path, "utf8").then(
      (text) => JSON.parse(text) as StorageLayout,
      () => undefined,
    );
    if (!committed) {
      problems.push(`${name}: no committed layout (run npm run storage:snapshot)`);
      continue;
    }
    const report = getStorageUpgradeReport(committed, layout, withValidationDefaults({ kind: "uups" }));
    if (report.ok) console.log(`  ${name}: upgrade-safe`);
    else
      problems.push(`${name}: the storage layout is not compatible with the committed one\n${report.explain(false)}`);
  }
  if (problems.length > 0) {
    console.error(`\nstorage layout check failed:\n${problems.map((p) => `  ✖ ${p}`).join("\n")}`);
    process.exitCode = 1;
  } else if (!write) {
    console.log("storage layout check passed");
  }
}

await main();
