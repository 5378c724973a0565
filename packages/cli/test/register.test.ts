import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { approveMeasurement, DEFAULT_REGISTRATION_FEE, NodeStatus } from "@obscuro/sdk";
import { DEV_ENCLAVE_MEASUREMENT, devAuditors } from "@obscuro/sdk/devtools";
import { getAddress, type Address } from "viem";
import { assertFails, jsonOf, obscuro, startCliNetwork, type CliNetwork } from "./helpers/cli.ts";

interface AttestedJson {
  enclaveId: Address;
  operator: Address;
  status: string;
  expiresAt: string;
  previousExpiresAt?: string;
  fee?: string;
  transaction: string;
}

describe("obscuro register and reattest", () => {
  let net: CliNetwork;
  let config: string;
  let strangerConfig: string;

  /** A node's configuration file (the one `obscuro node --config` runs), operated by anvil's account `i`. */
  async function nodeConfig(name: string, i: number): Promise<string> {
    const path = join(net.dir, `${name}.json`);
    const node = {
      dataDir: join(net.dir, name),
      mode: "validator",
      manifest: net.manifestPath,
      operatorKeyFile: await net.account(i),
      l1: { rpcUrl: net.anvil.rpcUrl },
      logLevel: "silent",
    };
    await writeFile(path, JSON.stringify(node));
    return path;
  }

  before(async () => {
    net = await startCliNetwork();
    [config, strangerConfig] = await Promise.all([nodeConfig("node", 4), nodeConfig("other", 5)]);
  });
  after(async () => net?.close());

  it("refuses a measurement the auditors have not approved, then registers the node's enclave with the fee", async () => {
    const refused = assertFails(
      await obscuro(["register", "--config", config, "--json"], { timeoutMs: 120_000 }),
      1,
      "CONTRACT_CALL_REVERTED",
      new RegExp(`^✖ Measurement ${DEV_ENCLAVE_MEASUREMENT} is not approved\\.$`),
    );
    assert.equal(refused.errorName, "EnclavePolicy_MeasurementNotApproved");

    await net.mined(
      approveMeasurement(net.wallet(0), {
        measurement: DEV_ENCLAVE_MEASUREMENT,
        auditors: devAuditors(),
        enclavePolicyAddress: net.manifest.contracts.EnclavePolicy,
      }),
    );
    const registered = jsonOf<AttestedJson>(
      await obscuro(["register", "--config", config, "--json"], { timeoutMs: 120_000 }),
    );
    assert.equal(registered.status, "AwaitingSecret");
    assert.equal(getAddress(registered.operator), getAddress(net.anvil.accounts[4]!.address));
    assert.equal(BigInt(registered.fee!), DEFAULT_REGISTRATION_FEE);
    const node = await net.publicClient.getNode({ enclaveId: registered.enclaveId });
    assert.equal(node.status, NodeStatus.AwaitingSecret);
    assert.equal(node.expiresAt, BigInt(registered.expiresAt));

    // The same node again: its enclave (the same sealed key) is registered already, nothing is sent.
    assertFails(
      await obscuro(["register", "--config", config], { timeoutMs: 120_000 }),
      1,
      "NODE_REGISTERED",
      /^✖ Enclave 0x[0-9a-fA-F]{40} is registered already \(AwaitingSecret\); start the node/,
    );
  });

  it("re-attests the node: its key expires later; an unregistered node and bad input are refused", async () => {
    const before = await obscuro(["status", ...net.network, "--json"]);
    assert.equal(before.code, 0, before.stderr);
    await net.travel(3_600);
    const reattested = jsonOf<AttestedJson>(
      await obscuro(["reattest", "--config", config, "--json"], { timeoutMs: 120_000 }),
    );
    assert.ok(
      BigInt(reattested.expiresAt) >= BigInt(reattested.previousExpiresAt!) + 3_600n,
      `${reattested.expiresAt} vs ${reattested.previousExpiresAt}`,
    );
    const [unknown, noConfig, badConfig] = await Promise.all([
      obscuro(["reattest", "--config", strangerConfig], { timeoutMs: 120_000 }),
      obscuro(["register"]),
      obscuro(["register", "--config", join(net.dir, "missing.json")]),
    ]);
    assertFails(unknown, 1, "NODE_UNKNOWN", /is not registered on this network: register it first/);
    assertFails(noConfig, 2, "CONFIG_REQUIRED", /^✖ Name the node: pass --config FILE/);
    assertFails(badConfig, 2, "NODE_CONFIG", /^✖ Cannot read the node configuration file /);
  });
});
