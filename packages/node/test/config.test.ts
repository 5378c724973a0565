import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadNodeConfig, NodeConfigError } from "../src/config.ts";

describe("the node's configuration", () => {
  const base = {
    dataDir: "data",
    mode: "aggregator",
    manifest: "deployments/31337.json",
    operatorKeyFile: "operator.key",
    l1: { rpcUrl: "http://127.0.0.1:8545" },
  };

  async function file(content: unknown): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "obscuro-config-"));
    const path = join(dir, "node.json");
    await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  }

  it("reads the file, fills defaults and resolves paths from the file's folder", async () => {
    const path = await file(base);
    const config = await loadNodeConfig({ file: path, env: {} });
    assert.equal(config.dataDir, join(path, "..", "data"));
    assert.equal(config.operatorKeyFile, join(path, "..", "operator.key"));
    assert.equal(config.sequencing.batchIntervalMs, 1_000);
    assert.equal(config.sequencing.dataMode, "auto", "each rollup where it costs less");
    assert.equal(config.rpc.host, "127.0.0.1");
  });

  it("lets the environment override the file, and flags override both", async () => {
    const path = await file(base);
    const config = await loadNodeConfig({
      file: path,
      env: {
        OBSCURO_NODE_MODE: "validator",
        OBSCURO_NODE_RPC_PORT: "8645",
        OBSCURO_NODE_OPS_PORT: "9645",
        OBSCURO_NODE_DATA_MODE: "calldata",
      },
      overrides: { ops: { port: 9999 } },
    });
    assert.equal(config.mode, "validator");
    assert.equal(config.sequencing.dataMode, "calldata");
    assert.equal(config.rpc.port, 8645);
    assert.equal(config.ops.port, 9999);
  });

  it("refuses unknown keys and invalid values, naming each, and unreadable files", async () => {
    await assert.rejects(
      loadNodeConfig({ file: await file({ ...base, mdoe: "x", l1: { rpcUrl: "not a url" } }), env: {} }),
      (error: unknown) =>
        error instanceof NodeConfigError && /mdoe/.test(error.details ?? "") && /l1\.rpcUrl/.test(error.details ?? ""),
    );
    await assert.rejects(loadNodeConfig({ file: await file("{ not json"), env: {} }), /not valid JSON/);
    await assert.rejects(loadNodeConfig({ file: "/nonexistent/node.json", env: {} }), /Cannot read/);
  });
});
