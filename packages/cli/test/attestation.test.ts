import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const F = fileURLToPath(new URL("../../../test-fixtures/dcap/", import.meta.url));

async function obscuro(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stdout, stderr };
}

/** INDEX.md S1 with the collateral given file by file. */
const S1 = [
  `${F}quotes/sgx-v3-quote-automata-00606a.bin`,
  "--tcb-info",
  `${F}collateral/automata-2025-08/tcbinfo-v3-sgx-00606a000000.json`,
  "--qe-identity",
  `${F}collateral/automata-2025-08/qe-identity-sgx-qe.json`,
  "--tcb-signing-cert",
  `${F}certs/intel-sgx-tcb-signing-2025.der`,
  "--root-crl",
  `${F}crl/intel-root-ca-crl-2025-03-20.der`,
  "--pck-crl",
  `${F}crl/pck-platform-crl-2025-08-15.der`,
];

interface InspectJson {
  body: { kind: string; mrEnclave?: string; mrTd?: string; debug: boolean };
  pckCertificate: { fmspc: string; tcbComponents: number[] };
  verdict: { verified: boolean | null; code?: string; tcb?: { status: string; advisoryIds: string[] } };
}

describe("obscuro attestation inspect", () => {
  it("verifies INDEX.md S1 from separate collateral files and prints the TCB status", { timeout: 30_000 }, async () => {
    const { code, stdout } = await obscuro("attestation", "inspect", ...S1, "--at", "1755236700", "--json");
    assert.equal(code, 0);
    const out = JSON.parse(stdout) as InspectJson;
    assert.equal(out.verdict.verified, true);
    assert.equal(out.verdict.tcb?.status, "SWHardeningNeeded");
    assert.deepEqual(out.verdict.tcb?.advisoryIds, ["INTEL-SA-00615"]);
    assert.equal(out.body.mrEnclave, "0xa4f45c39dac622cb1dd32ddb35a52ec92db41d0fa88a1c911c49e59c534f61cd");
    assert.equal(out.pckCertificate.fmspc, "0x00606a000000");
    assert.deepEqual(out.pckCertificate.tcbComponents, [14, 14, 3, 3, 255, 255, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("prints the text view with the verdict", { timeout: 30_000 }, async () => {
    const { code, stdout } = await obscuro("attestation", "inspect", ...S1, "--at", "1755236700");
    assert.equal(code, 0);
    assert.match(stdout, /SWHardeningNeeded/);
    assert.match(stdout, /a4f45c39dac622cb1dd32ddb35a52ec92db41d0fa88a1c911c49e59c534f61cd/);
  });

  it("verifies INDEX.md S6 from a collateral bundle; S10 is the DEBUG enclave", { timeout: 30_000 }, async () => {
    const bundle = `${F}collateral/phala-bundles/collateral-sgx-v3-quote-phala-00a067.json`;
    for (const [quote, debug] of [
      ["sgx-v3-quote-phala-00a067", false],
      ["sgx-v3-quote-automata-debug-00a067", true],
    ] as const) {
      const { code, stdout } = await obscuro(
        "attestation",
        "inspect",
        `${F}quotes/${quote}.bin`,
        "--collateral",
        bundle,
        "--at",
        "1752919277",
        "--json",
      );
      assert.equal(code, 0);
      const out = JSON.parse(stdout) as InspectJson;
      assert.equal(out.verdict.tcb?.status, "ConfigurationAndSWHardeningNeeded");
      assert.deepEqual(out.verdict.tcb?.advisoryIds, ["INTEL-SA-00289", "INTEL-SA-00615"]);
      assert.equal(out.body.debug, debug);
    }
  });

  it("refuses INDEX.md S9 (no matching TCB level) with exit code 1", { timeout: 30_000 }, async () => {
    const { code, stdout } = await obscuro(
      "attestation",
      "inspect",
      `${F}quotes/tdx-v5-quote-phala-outdated-90c06f.bin`,
      "--collateral",
      `${F}collateral/phala-bundles/collateral-tdx-v5-quote-phala-outdated-90c06f.json`,
      "--at",
      "1774003274",
      "--json",
    );
    assert.equal(code, 1);
    const out = JSON.parse(stdout) as InspectJson;
    assert.equal(out.verdict.verified, false);
    assert.equal(out.verdict.code, "DCAP_TCB_LEVEL_NOT_FOUND");
    assert.equal(out.body.kind, "td15");
  });

  it("refuses expired collateral", { timeout: 30_000 }, async () => {
    const { code, stdout } = await obscuro("attestation", "inspect", ...S1, "--at", "1757826498", "--json");
    assert.equal(code, 1);
    assert.equal((JSON.parse(stdout) as InspectJson).verdict.code, "DCAP_COLLATERAL_EXPIRED");
  });

  it("parses without collateral, and reads a quote given in hex", { timeout: 30_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "obscuro-inspect-"));
    try {
      const hexFile = join(dir, "quote.hex");
      await writeFile(
        hexFile,
        `0x${(await readFile(`${F}quotes/tdx-v4-quote-phala-near-20a06f.bin`)).toString("hex")}\n`,
      );
      const { code, stdout } = await obscuro("attestation", "inspect", hexFile, "--json");
      assert.equal(code, 0);
      const out = JSON.parse(stdout) as InspectJson;
      assert.equal(out.verdict.verified, null);
      assert.equal(
        out.body.mrTd,
        "0xf06dfda6dce1cf904d4e2bab1dc370634cf95cefa2ceb2de2eee127c9382698090d7a4a13e14c536ec6c9c3c8fa87077",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports a truncated quote and incomplete options by code", { timeout: 30_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "obscuro-inspect-"));
    try {
      const truncated = join(dir, "truncated.bin");
      await writeFile(truncated, (await readFile(`${F}quotes/sgx-v3-quote-automata-00606a.bin`)).subarray(0, 1000));
      const cut = await obscuro("attestation", "inspect", truncated);
      assert.equal(cut.code, 1);
      assert.match(cut.stderr, /\(DCAP_QUOTE_TRUNCATED\)/);
      const partial = await obscuro("attestation", "inspect", S1[0]!, "--tcb-info", S1[2]!);
      assert.equal(partial.code, 1);
      assert.match(partial.stderr, /\(ATTESTATION_INSPECT_INPUT\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
