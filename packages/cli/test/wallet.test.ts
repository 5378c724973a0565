import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { erc20Abi, parseEther, type Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { writeDeploymentManifest, type RollupHeader } from "@obscuro/sdk";
import { startHarness, type Harness } from "../../gateway/test/helpers/harness.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
}

/**
 * Issue 15: the wallet journey with the CLI alone, the real `obscuro` binary as a child process
 * against anvil, a real enclave process, the node's endpoint and a gateway: a keystore, gateway
 * registration, ETH and ERC20 deposits credited on L2, a transfer, withdrawals, a rollup (built by
 * the enclave, submitted by the test as the node would), finality (anvil's blocks) and the claim on
 * L1; then exit mode: an exit with a balance proof and a refund. Every user error is checked for
 * its sentence and exit code.
 */
describe("obscuro wallet commands", () => {
  let h: Harness;
  let directory: string;
  let env: Record<string, string>;
  let user: Address;
  let token: Address;
  const bob = privateKeyToAccount(generatePrivateKey());
  let rollupHeader: RollupHeader;

  /** Runs `obscuro …`; with `onStderr`, called on each chunk of progress (to act while the command waits). */
  async function obscuro(
    args: string[],
    options: { env?: Record<string, string>; onStderr?: (text: string) => void; timeoutMs?: number } = {},
  ): Promise<Run> {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { ...process.env, ...env, ...options.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    let json: Record<string, unknown> = {};
    const last = stdout.trim().split("\n").at(-1) ?? "";
    if (last.startsWith("{")) json = JSON.parse(last) as Record<string, unknown>;
    return { code, stdout, stderr, json };
  }

  /** A user error: exit code 1 and one sentence on stderr. */
  function assertUserError(run: Run, reason: RegExp, what: string) {
    assert.equal(run.code, 1, `${what}: exit code\n${run.stderr}\n${run.stdout}`);
    const lines = run.stderr
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("›") && !l.startsWith("✔"));
    assert.equal(lines.length, 1, `${what}: one sentence\n${run.stderr}`);
    assert.match(lines[0]!, reason, what);
  }

  before(async () => {
    h = await startHarness({ stake: true });
    directory = await mkdtemp(join(tmpdir(), "obscuro-wallet-"));
    const manifest = await writeDeploymentManifest({ manifest: h.l1.manifest, directory });
    await writeFile(join(directory, "password"), "correct horse battery staple\n", { mode: 0o600 });
    env = {
      OBSCURO_MANIFEST: manifest,
      OBSCURO_L1_RPC: h.l1.anvil.rpcUrl,
      OBSCURO_KEYSTORE: join(directory, "keystore.json"),
      OBSCURO_POLL_INTERVAL_MS: "100",
    };
    token = h.l1.manifest.contracts.ObscuroToken;
  });
  after(async () => {
    await h?.stop();
    await rm(directory, { recursive: true, force: true });
    assert.deepEqual(h?.sequencer.errors ?? [], []);
  });

  it("runs a gateway: obscuro gateway --node URL --port P, serving until SIGINT", async () => {
    const child = spawn(
      process.execPath,
      [
        MAIN,
        "gateway",
        "--node",
        h.node.url,
        "--port",
        "0",
        "--data-dir",
        join(directory, "gateway"),
        "--log-level",
        "silent",
      ],
      { env: { ...process.env, ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the gateway did not start within 30 s:\n${output}`)), 30_000);
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Gateway listening at (http:\/\/[\d.]+:\d+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        void exited.then((code) => reject(new Error(`the gateway exited with ${code}:\n${output}`)));
      });
      const answer = (await (
        await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        })
      ).json()) as { result: string };
      assert.equal(BigInt(answer.result), 443n);
      child.kill("SIGINT");
      assert.equal(await exited, 0, output);
      assert.match(output, /Gateway stopped/);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("creates a keystore account and registers it with the gateway", async () => {
    const created = await obscuro([
      "account",
      "new",
      "--keystore",
      env.OBSCURO_KEYSTORE!,
      "--password-file",
      join(directory, "password"),
      "--scrypt-n",
      "1024",
      "--json",
    ]);
    assert.equal(created.code, 0, created.stderr);
    user = created.json.address as Address;
    const keystore = JSON.parse(await readFile(env.OBSCURO_KEYSTORE!, "utf8")) as { crypto: { kdf: string } };
    assert.equal(keystore.crypto.kdf, "scrypt");
    env.OBSCURO_PASSWORD = "correct horse battery staple";
    // fund it on L1: ETH and the protocol token
    const funder = h.l1.wallet(3);
    await h.l1.mined(funder.sendTransaction({ to: user, value: parseEther("10") }));
    await h.l1.mined(
      h.l1
        .wallet(0)
        .writeContract({ address: token, abi: erc20Abi, functionName: "transfer", args: [user, parseEther("500")] }),
    );
    const registered = await obscuro(["gateway", "register", "--gateway", h.gateway.url, "--json"]);
    assert.equal(registered.code, 0, registered.stderr);
    assert.equal(registered.json.account, user);
    env.OBSCURO_GATEWAY = registered.json.url as string;
  });

  it("deposits ETH and an ERC20, each credited on L2; an unapproved token is refused", async () => {
    const eth = await obscuro(["deposit", "eth", "--amount", "2", "--json"]);
    assert.equal(eth.code, 0, eth.stderr);
    assert.match(eth.stderr, /Waiting for L1 confirmation/);
    assert.match(eth.stderr, /Waiting for the L2 credit of deposit #\d+/);
    assert.notEqual(eth.json.l2Block, null);

    const unapproved = await obscuro(["deposit", "erc20", "--token", token, "--amount", "100"]);
    assertUserError(unapproved, /^✖ Unapproved token: the bridge may not move 100 OBX/, "unapproved token");

    const erc20 = await obscuro(["deposit", "erc20", "--token", token, "--amount", "100", "--approve", "--json"]);
    assert.equal(erc20.code, 0, erc20.stderr);
    assert.match(erc20.stderr, /Approving the bridge/);
    assert.notEqual(erc20.json.l2Block, null);

    const balance = await obscuro(["balance", "--token", token, "--json"]);
    // (the L2 ETH shows in the refusal of the too large send below: 2 ETH less the 0.5 sent and gas)
    assert.equal(balance.code, 0, balance.stderr);
    assert.equal(balance.json.l2, parseEther("100").toString());
    assert.equal(balance.json.l1, parseEther("400").toString());
  });

  it("sends on L2, and refuses to send more than the balance", async () => {
    const sent = await obscuro(["send", "--to", bob.address, "--amount", "0.5", "--json"]);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stderr, /Waiting for the L2 batch/);
    const tooMuch = await obscuro(["send", "--to", bob.address, "--amount", "1000"]);
    assertUserError(tooMuch, /^✖ Not enough balance: 0x[0-9a-fA-F]{40} holds 1\.4\d* ETH on L2/, "not enough balance");
  });

  it("withdraws ETH and the ERC20; claiming before a rollup or before finality is refused", async () => {
    const eth = await obscuro(["withdraw", "--amount", "0.25", "--json"]);
    assert.equal(eth.code, 0, eth.stderr);
    const erc20 = await obscuro(["withdraw", "--token", token, "--amount", "10", "--json"]);
    assert.equal(erc20.code, 0, erc20.stderr);
    assert.deepEqual([eth.json.id, erc20.json.id], ["0", "1"]);
    const early = await obscuro(["finalize", "--id", "0", "--no-wait"]);
    assertUserError(early, /^✖ Not yet final: withdrawal #0 is waiting for a rollup to carry it\.$/, "not yet final");

    // the node's part: the enclave builds and signs the rollup, its operator submits it (calldata)
    await h.sequencer.exclusive(async () => {
      const built = await h.driver.rpc.call("buildRollup", { mode: "calldata" });
      if (built.data.kind !== "calldata") throw new Error("unreachable");
      rollupHeader = built.header as RollupHeader;
      await h.l1.mined(
        h.driver.operator.submitRollup({
          header: built.header,
          signature: built.signature,
          data: { kind: "calldata", payload: built.data.payload },
        }),
      );
      const fed = await h.driver.sync();
      assert.equal(fed.flatMap((r) => r.rollups).find((r) => r.rollupHash === built.rollupHash)?.status, "applied");
    });
    const listed = await obscuro(["withdrawals", "--json"]);
    assert.equal(listed.code, 0, listed.stderr);
    const withdrawals = listed.json.withdrawals as { id: string; status: string; blocksToFinality: string }[];
    assert.deepEqual(
      withdrawals.map((w) => [w.id, w.status]),
      [
        ["0", "awaiting-finality"],
        ["1", "awaiting-finality"],
      ],
    );
    assert.ok(Number(withdrawals[0]!.blocksToFinality) > 0);
    const notFinal = await obscuro(["finalize", "--id", "0", "--no-wait"]);
    assertUserError(
      notFinal,
      /^✖ Not yet final: withdrawal #0 is in a rollup, final in \d+ L1 blocks \(about \d+ (s|min)\)\.$/,
      "not yet final (rollup)",
    );
  });

  it("waits for finality with a countdown and finalizes on L1; a second claim is refused", async () => {
    const { finalityDelay } = h.l1.manifest.settings.rollup;
    const tokensBefore = await h.l1.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [user],
    });
    let mined = false;
    const finalized = await obscuro(["finalize", "--json"], {
      // when the countdown shows, anvil moves time on (L1 blocks) as the chain would
      onStderr: (text) => {
        if (!mined && /final in \d+ L1 blocks/.test(text)) {
          mined = true;
          void h.l1.testClient.mine({ blocks: finalityDelay + 1 });
        }
      },
    });
    assert.equal(finalized.code, 0, finalized.stderr);
    assert.ok(mined, "the command waited with a countdown");
    assert.match(finalized.stderr, /Withdrawal #0's rollup is final/);
    assert.deepEqual(
      (finalized.json.finalized as { id: string }[]).map((f) => f.id),
      ["0", "1"],
    );
    const tokensAfter = await h.l1.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [user],
    });
    assert.equal(tokensAfter - tokensBefore, parseEther("10"));
    const again = await obscuro(["finalize", "--id", "0"]);
    assertUserError(again, /^✖ Already claimed: withdrawal #0 was finalized on L1 before\.$/, "already claimed");
  });

  it("names the cause of a wrong network and of a gateway that has not authorised the account", async () => {
    const manifest = JSON.parse(await readFile(env.OBSCURO_MANIFEST!, "utf8")) as Record<string, unknown>;
    const other = join(directory, "other.json");
    await writeFile(other, JSON.stringify({ ...manifest, chainId: 1 }));
    const wrong = await obscuro(["balance", "--manifest", other]);
    assertUserError(
      wrong,
      /^✖ Wrong network: the L1 endpoint is chain 31337, but the deployment manifest is for chain 1\.$/,
      "wrong network",
    );
    const foreignToken = await (await fetch(`${h.gateway.url}/v1/join`, { method: "POST" })).text();
    const unauthorised = await obscuro([
      "send",
      "--to",
      bob.address,
      "--amount",
      "1",
      "--gateway",
      `${h.gateway.url}/v1/?token=${foreignToken}`,
      "--json",
    ]);
    assertUserError(unauthorised, /^✖ Gateway not authorised: the gateway's token has no viewing key of 0x/, "gateway");
    assert.equal(
      (unauthorised.json.error as { reason: string }).reason,
      "GATEWAY_NOT_AUTHORISED",
      "--json says why too",
    );
  });

  it("in exit mode, exits the L2 balance with a balance proof and refunds a deposit the rollup did not take", async () => {
    const notFrozen = await obscuro(["exit"]);
    assertUserError(notFrozen, /^✖ Not in exit mode: the bridge is not frozen/, "exit before a freeze");
    // a deposit after the rollup, left unconsumed (no batch takes it), then the council freezes the bridge
    h.sequencer.paused = true;
    const late = await obscuro(["deposit", "eth", "--amount", "0.1", "--no-wait", "--json"]);
    assert.equal(late.code, 0, late.stderr);
    await h.l1.mined(h.l1.wallet(0).freezeBridge({ header: rollupHeader }));
    const exited = await obscuro(["exit", "--json"]);
    assert.equal(exited.code, 0, exited.stderr);
    assert.ok(BigInt(exited.json.amountOrId as string) > parseEther("1.2"), "the L2 ETH at the frozen rollup");
    const before = await h.l1.publicClient.getBalance({ address: user });
    const refunded = await obscuro(["refund", "--json"]);
    assert.equal(refunded.code, 0, refunded.stderr);
    assert.deepEqual(
      (refunded.json.refunded as { index: string }[]).map((r) => r.index),
      [String(late.json.index)],
    );
    const after = await h.l1.publicClient.getBalance({ address: user });
    assert.ok(after - before > parseEther("0.099"), "0.1 ETH back, less gas");
  });
});
