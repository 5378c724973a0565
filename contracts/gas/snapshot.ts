/**
 * Gas snapshot of the protocol's key calls, measured on a real anvil L1 with the production
 * build (optimizer + viaIR) deployed by the SDK, the same way `npm run devnet` deploys it.
 *
 *   node gas/snapshot.ts           measure and rewrite snapshots/gas.json
 *   node gas/snapshot.ts --check   measure and fail if any call or bytecode grew, a call is new
 *                                  or gone, or a call is over its budget
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as generated from "@obscuro/sdk";
import type { Hex } from "viem";
import { withGasContext } from "./context.ts";
import { scenarios } from "./scenarios/index.ts";
import { GasWaitTimeoutError } from "./wait.ts";

interface Snapshot {
  calls: Record<string, number>;
  bytecodeSizes: Record<string, number>;
}

const SNAPSHOT_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "snapshots", "gas.json");
const EIP170_LIMIT = 24_576;

async function measure(): Promise<{ snapshot: Snapshot; overBudget: string[] }> {
  return withGasContext({}, async (run) => {
    const calls: Record<string, number> = {};
    const overBudget: string[] = [];
    for (const scenario of scenarios) {
      const gas = await run.isolated(scenario.name, async (context) => {
        let hash: Hex;
        try {
          hash = await scenario.run(context);
        } catch (error) {
          if (error instanceof GasWaitTimeoutError) throw error; // already names the scenario
          throw new Error(`gas scenario ${scenario.name} failed: ${(error as Error).message}`, { cause: error });
        }
        const receipt = await context.waitForReceipt(hash);
        if (receipt.status !== "success") throw new Error(`gas scenario ${scenario.name} reverted (${hash})`);
        if (scenario.measure !== "execution") return receipt.gasUsed;
        const transaction = await context.publicClient.getTransaction({ hash });
        if (transaction.accessList?.length) throw new Error(`gas scenario ${scenario.name} sent an access list`);
        // Under EIP-7623 a transaction pays at least 10 gas per calldata token; one that pays that
        // floor has no meaningful execution figure.
        if (receipt.gasUsed <= TRANSACTION_BASE_GAS + (calldataGas(transaction.input) * 10n) / 4n) {
          throw new Error(`gas scenario ${scenario.name} pays the EIP-7623 calldata floor: measure its total`);
        }
        return receipt.gasUsed - TRANSACTION_BASE_GAS - calldataGas(transaction.input);
      });
      calls[scenario.name] = Number(gas);
      if (scenario.budget !== undefined && gas > scenario.budget) {
        overBudget.push(`${scenario.name}: ${gas} > budget ${scenario.budget}`);
      }
    }

    const bytecodeSizes: Record<string, number> = {};
    for (const [key, value] of Object.entries(generated)) {
      if (key.endsWith("DeployedBytecode") && typeof value === "string") {
        const name = key.slice(0, -"DeployedBytecode".length);
        bytecodeSizes[name[0]!.toUpperCase() + name.slice(1)] = (value.length - 2) / 2;
      }
    }
    return { snapshot: { calls: sortKeys(calls), bytecodeSizes: sortKeys(bytecodeSizes) }, overBudget };
  });
}

const TRANSACTION_BASE_GAS = 21_000n;

/** Intrinsic calldata gas (EIP-2028): 4 per zero byte, 16 per other byte. */
function calldataGas(input: Hex): bigint {
  let gas = 0n;
  for (let i = 2; i < input.length; i += 2) gas += input.slice(i, i + 2) === "00" ? 4n : 16n;
  return gas;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function compare(kind: string, current: Record<string, number>, committed: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(current)) {
    const before = committed[name];
    if (before === undefined) problems.push(`${kind} ${name} is not in the snapshot (run npm run gas:snapshot)`);
    else if (value > before) problems.push(`${kind} ${name}: ${value} > ${before} (+${value - before})`);
    else if (value < before)
      console.log(`  ${kind} ${name}: ${value} < ${before} (${value - before}); update the snapshot to lock it in`);
  }
  for (const name of Object.keys(committed)) {
    if (!(name in current)) problems.push(`${kind} ${name} is in the snapshot but no longer measured`);
  }
  return problems;
}

const check = process.argv.includes("--check");
const { snapshot, overBudget } = await measure();
for (const [name, gas] of Object.entries(snapshot.calls))
  console.log(`  ${name.padEnd(48)} ${String(gas).padStart(10)} gas`);
for (const [name, size] of Object.entries(snapshot.bytecodeSizes))
  console.log(`  ${(name + " (bytecode)").padEnd(48)} ${String(size).padStart(10)} bytes`);

const problems = [...overBudget];
for (const [name, size] of Object.entries(snapshot.bytecodeSizes)) {
  if (size > EIP170_LIMIT) problems.push(`${name} is ${size} bytes, over the EIP-170 limit of ${EIP170_LIMIT}`);
}
if (check) {
  const committed = await readFile(SNAPSHOT_PATH, "utf8").then(
    (text) => JSON.parse(text) as Snapshot,
    () => ({ calls: {}, bytecodeSizes: {} }),
  );
  problems.push(
    ...compare("call", snapshot.calls, committed.calls),
    ...compare("bytecode", snapshot.bytecodeSizes, committed.bytecodeSizes),
  );
} else {
  await writeFile(SNAPSHOT_PATH, `${JSON.stringify(snapshot, null, 2)}\n`);
  console.log(`wrote ${SNAPSHOT_PATH}`);
}
if (problems.length > 0) {
  console.error(`\ngas check failed:\n${problems.map((p) => `  ✖ ${p}`).join("\n")}`);
  process.exitCode = 1;
} else if (check) {
  console.log("gas check passed");
}
