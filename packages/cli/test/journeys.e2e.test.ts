import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { networkManagementAbi, rollupManagementAbi, type DeploymentManifest } from "@obscuro/sdk";
import { DEV_AUDITOR_PRIVATE_KEYS, DEV_COUNCIL_PRIVATE_KEYS } from "@obscuro/sdk/devtools";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  erc20Abi,
  getAddress,
  http,
  keccak256,
  parseEther,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "../src/cmds/devnet/readiness.ts";
import { jsonOf, MAIN, obscuro, type CliRun } from "./helpers/cli.ts";

/** anvil's well-known dev accounts (the devnet's L1): 0 is the treasury, 1–3 operate the devnet's nodes. */
const devAccount = (i: number) =>
  mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: i });

/** Polls `check` until it returns a value, at most `ms`; fails with `what` and the last error. */
async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${ms / 1000} s${last ? ` (last: ${(last as Error).message})` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Every process descending from `pid` (by /proc's parent links). */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parents) {
      if (ppid !== parent) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Whether `pid` runs (a zombie does not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/**
 * Issue 16: the journeys of every role with the real `obscuro` binary against a running devnet
 * (`obscuro devnet` as a process: anvil, two aggregators and a validator as node processes, a
 * gateway), each through the CLI alone (`--json` outputs); the test drives only the L1 clock and
 * hands a new operator its first ETH and OBX.
 */
describe("journeys against a running devnet", () => {
  let dir: string;
  let devnet: ChildProcess;
  let output = "";
  let devnetExit: Promise<number | null>;
  let info: DevnetFile;
  let manifest: DeploymentManifest;
  let network: string[];
  const started: ChildProcess[] = [];
  /** The user's wallet options (its key, the L1, the manifest; the gateway once registered). */
  let wallet: string[];
  const publicClient = () => createPublicClient({ transport: http(info.l1.rpcUrl) });

  const l1Rpc = async (method: string, params: unknown[]) => {
    const response = await fetch(info.l1.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await response.json()) as { error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
  };
  /** Moves the L1's clock on by `seconds` and mines a block at the new time. */
  const travel = async (seconds: number) => {
    await l1Rpc("evm_increaseTime", [seconds]);
    await l1Rpc("evm_mine", []);
  };
  const keyFile = async (name: string, key: Hex) => {
    const path = join(dir, `${name}.key`);
    await writeFile(path, `${key}\n`, { mode: 0o600 });
    return path;
  };
  const devKeyFile = (i: number) => keyFile(`account${i}`, toHex(devAccount(i).getHdKey().privateKey!));
  /** The ops `/status` of a node. */
  const nodeStatus = async (opsUrl: string) =>
    (await (await fetch(`${opsUrl}/status`)).json()) as { l2Head: { number: string }; registration: string };
  /** Runs `obscuro node --config FILE` as its own process (the test stops it); its log beside the config. */
  const runNode = (config: string, log: string) => {
    const child = spawn(process.execPath, [MAIN, "node", "--config", config], { stdio: ["ignore", "pipe", "pipe"] });
    const file = createWriteStream(log, { flags: "a" });
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
    started.push(child);
    return child;
  };
  const rollupsSince = async (fromBlock: bigint) =>
    fromBlock > (await publicClient().getBlockNumber())
      ? []
      : (
          await publicClient().getContractEvents({
            address: manifest.contracts.RollupManagement,
            abi: rollupManagementAbi,
            eventName: "RollupSubmitted",
            fromBlock,
          })
        ).map((log) => getAddress(log.args.publisher!));

  /**
   * Rollups carry L2 activity only (an idle network publishes none): deposits, one at a time, each
   * followed by the next rollup, until `until` holds for the publishers of the rollups since `from`.
   */
  const depositsUntil = async (what: string, ms: number, until: (publishers: Address[]) => boolean) => {
    const from = (await publicClient().getBlockNumber()) + 1n;
    const deadline = Date.now() + ms;
    for (;;) {
      const count = (await rollupsSince(from)).length;
      jsonOf(await obscuro(["deposit", "eth", "--amount", "0.01", "--no-wait", ...wallet], { timeoutMs: 60_000 }));
      await waitFor(`${what}: a rollup after the deposit`, 60_000, async () =>
        (await rollupsSince(from)).length > count ? true : undefined,
      );
      const publishers = await rollupsSince(from);
      if (until(publishers)) return;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s (rollups by ${publishers})`);
    }
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "obscuro-journeys-"));
    const stateDir = join(dir, "devnet");
    devnet = spawn(
      process.execPath,
      [MAIN, "devnet", "--port", "0", "--fresh", "--state-dir", stateDir, "--deployments", join(dir, "deployments")],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
    );
    devnet.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    devnet.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    devnetExit = new Promise((resolve) => devnet.once("exit", resolve));
    const file = join(stateDir, "devnet.json");
    info = await Promise.race([
      waitFor("the devnet is ready (devnet.json)", 240_000, async () =>
        existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as DevnetFile) : undefined,
      ),
      devnetExit.then((code) => Promise.reject(new Error(`the devnet exited (code ${code}) while starting`))),
    ]).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    manifest = JSON.parse(await readFile(info.manifest, "utf8")) as DeploymentManifest;
    network = ["--rpc", info.l1.rpcUrl, "--manifest", info.manifest];
    assert.match(output, /Gateway/);
    assert.match(output, new RegExp(`chain id\\s+${info.gateway!.l2ChainId}`));
  });

  after(async () => {
    for (const child of started) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(started.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
    if (devnet && devnet.exitCode === null) {
      const children = descendantsOf(devnet.pid!);
      devnet.kill("SIGINT");
      const code = await Promise.race([
        devnetExit,
        new Promise((resolve) => setTimeout(() => resolve("timeout"), 60_000)),
      ]);
      const left = children.filter(alive);
      for (const pid of left) process.kill(pid, "SIGKILL");
      devnet.kill("SIGKILL");
      assert.equal(code, 0, `the devnet stopped on SIGINT (exit code)\n${output.slice(-3000)}`);
      assert.match(output, /anvil stopped/);
      assert.deepEqual(left, [], "no child of the devnet is left after Ctrl-C");
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("user: deposits ETH on L1, sees it on L2, transfers, withdraws and finalizes on L1", async () => {
    const user = await devKeyFile(5);
    const bob = privateKeyToAccount(generatePrivateKey()).address;
    wallet = ["--l1-rpc", info.l1.rpcUrl, "--manifest", info.manifest, "--private-key-file", user, "--json"];
    const registered = jsonOf<{ url: string }>(
      await obscuro(["gateway", "register", "--gateway", info.gateway!.url, ...wallet]),
    );
    wallet.push("--gateway", registered.url, "--timeout", "120");
    const deposit = jsonOf<{ l2Block: string | null }>(
      await obscuro(["deposit", "eth", "--amount", "2", ...wallet], { timeoutMs: 150_000 }),
    );
    assert.notEqual(deposit.l2Block, null, "credited on L2");
    const credited = jsonOf<{ l2: string }>(await obscuro(["balance", ...wallet]));
    assert.equal(BigInt(credited.l2), parseEther("2"));
    jsonOf(await obscuro(["send", "--to", bob, "--amount", "0.5", ...wallet], { timeoutMs: 150_000 }));
    const withdrawn = jsonOf<{ id: string }>(
      await obscuro(["withdraw", "--amount", "1", ...wallet], { timeoutMs: 150_000 }),
    );
    const before = jsonOf<{ l1: string; l2: string }>(await obscuro(["balance", ...wallet]));
    assert.ok(BigInt(before.l2) < parseEther("0.5"), `2 - 0.5 - 1 less gas on L2: ${before.l2}`);
    // A rollup carries the withdrawal; then the L1 clock runs on to its finality.
    await waitFor("a rollup carries the withdrawal", 120_000, async () => {
      const listed = jsonOf<{ withdrawals: { id: string; status: string }[] }>(
        await obscuro(["withdrawals", ...wallet]),
      );
      return listed.withdrawals.find((w) => w.id === withdrawn.id && w.status !== "awaiting-rollup")?.status;
    });
    await l1Rpc("anvil_mine", [toHex(manifest.settings.rollup.finalityDelay + 1)]);
    const finalized = jsonOf<{ finalized: { id: string }[] }>(
      await obscuro(["finalize", "--id", withdrawn.id, ...wallet], { timeoutMs: 150_000 }),
    );
    assert.deepEqual(
      finalized.finalized.map((f) => f.id),
      [withdrawn.id],
    );
    const afterwards = jsonOf<{ l1: string }>(await obscuro(["balance", ...wallet]));
    const gained = BigInt(afterwards.l1) - BigInt(before.l1);
    assert.ok(gained > parseEther("0.99") && gained <= parseEther("1"), `1 ETH back on L1, less gas: ${gained}`);
  });

  it("auditor: two auditors sign a new measurement to files, anyone approves it", async () => {
    const measurement = keccak256(toHex("obscuro enclave build 2"));
    const auditors = await Promise.all(DEV_AUDITOR_PRIVATE_KEYS.map((key, i) => keyFile(`auditor${i}`, key)));
    const statements = [join(dir, "auditor-a.json"), join(dir, "auditor-b.json")];
    const signed = await Promise.all(
      statements.map((out, i) =>
        obscuro(["auditor", "sign", measurement, "--private-key-file", auditors[i]!, "--out", out, ...network]),
      ),
    );
    for (const run of signed) assert.equal(run.code, 0, run.stderr);
    const approved = jsonOf<{ status: string }>(
      await obscuro([
        "auditor",
        "approve",
        "--signatures",
        ...statements,
        "--private-key-file",
        await devKeyFile(6),
        ...network,
        "--json",
      ]),
    );
    assert.equal(approved.status, "Approved");
    const status = jsonOf<{ status: string }>(await obscuro(["auditor", "status", measurement, ...network, "--json"]));
    assert.equal(status.status, "Approved");
  });

  it("operator: a fourth node registers, gets the secret, stakes, moves its host and publishes a rollup", async () => {
    const key = generatePrivateKey();
    const operator = privateKeyToAccount(key).address;
    const operatorKey = await keyFile("operator4", key);
    // Its first ETH and OBX, from the treasury (a dev account).
    const chain = defineChain({
      id: info.l1.chainId,
      name: "devnet L1",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [info.l1.rpcUrl] } },
    });
    const treasury = createWalletClient({ account: devAccount(0), chain, transport: http(info.l1.rpcUrl) });
    const client = publicClient();
    for (const hash of [
      await treasury.sendTransaction({ to: operator, value: parseEther("10") }),
      await treasury.writeContract({
        address: manifest.contracts.ObscuroToken,
        abi: erc20Abi,
        functionName: "transfer",
        args: [operator, parseEther("10000")],
        gas: 200_000n,
      }),
    ])
      assert.equal((await client.waitForTransactionReceipt({ hash, timeout: 60_000 })).status, "success");

    // The devnet's aggregator configuration, for a new node that leaves staking to its operator.
    const template = JSON.parse(await readFile(info.nodes[0]!.config, "utf8")) as Record<string, unknown>;
    const dataDir = join(dir, "node4");
    await mkdir(dataDir, { recursive: true });
    const config = join(dataDir, "config.json");
    await writeFile(
      config,
      JSON.stringify({
        ...template,
        dataDir,
        operatorKeyFile: operatorKey,
        rpc: { host: "127.0.0.1", port: 0 },
        ops: { host: "127.0.0.1", port: 0 },
        p2p: { listen: "/ip4/127.0.0.1/tcp/0", bootstrap: [] },
        sequencing: { ...(template.sequencing as object), autoStake: false },
      }),
    );
    const registered = jsonOf<{ enclaveId: Address; status: string }>(
      await obscuro(["register", "--config", config, "--json"], { timeoutMs: 120_000 }),
    );
    assert.equal(registered.status, "AwaitingSecret");
    runNode(config, join(dataDir, "node.log"));
    await waitFor("the fourth node gets the secret", 120_000, async () => {
      const node = jsonOf<{ status: string; hasSecret: boolean }>(
        await obscuro(["status", "--enclave", registered.enclaveId, ...network, "--json"]),
      );
      return node.status === "Active" && node.hasSecret ? true : undefined;
    });
    const endpoints = await waitFor("the fourth node's node.json", 30_000, async () =>
      existsSync(join(dataDir, "node.json"))
        ? (JSON.parse(await readFile(join(dataDir, "node.json"), "utf8")) as { p2p: string[]; opsUrl: string })
        : undefined,
    );
    const operatorKeyArgs = ["--private-key-file", operatorKey, ...network, "--json"];
    const staked = jsonOf<{ isPublisher: boolean }>(
      await obscuro([
        "aggregator",
        "stake",
        "10000",
        "--enclave",
        registered.enclaveId,
        "--host",
        "/dns4/operator4.example.org/tcp/30303",
        ...operatorKeyArgs,
      ]),
    );
    assert.equal(staked.isPublisher, true);
    const moved = jsonOf<{ hostAddress: string }>(
      await obscuro(["aggregator", "set-host", endpoints.p2p[0]!, ...operatorKeyArgs]),
    );
    assert.equal(moved.hostAddress, endpoints.p2p[0]);
    await depositsUntil("the fourth node wins a lottery and publishes a rollup", 240_000, (publishers) =>
      publishers.includes(getAddress(operator)),
    );
  });

  it("failure drill: an aggregator killed, the network goes on, restarted, it catches up", async () => {
    const victim = info.nodes.find((n) => n.name === "aggregator-2")!;
    const survivor = info.nodes.find((n) => n.name === "aggregator-1")!;
    const headAtKill = BigInt((await nodeStatus(victim.opsUrl)).l2Head.number);
    process.kill(victim.pid!, "SIGKILL");
    await waitFor("the devnet reports the crashed node", 30_000, async () =>
      /aggregator-2 exited on its own \(code null, signal SIGKILL\)/.test(output) ? true : undefined,
    );
    await depositsUntil("the others publish a rollup", 120_000, (publishers) =>
      publishers.some((p) => p !== getAddress(victim.operator)),
    );
    // The devnet does not restart its nodes: the operator does, from the devnet's configuration.
    const dataDir = join(victim.config, "..");
    await rm(join(dataDir, "node.json"), { force: true });
    const restarted = runNode(victim.config, join(dataDir, "node.log"));
    const endpoints = await waitFor("the restarted node serves", 120_000, async () => {
      if (!existsSync(join(dataDir, "node.json"))) return undefined;
      const e = JSON.parse(await readFile(join(dataDir, "node.json"), "utf8")) as { pid: number; opsUrl: string };
      return e.pid === restarted.pid ? e : undefined;
    });
    const target = BigInt((await nodeStatus(survivor.opsUrl)).l2Head.number);
    assert.ok(target > headAtKill, `the network went on without it: L2 head ${headAtKill} → ${target}`);
    await waitFor(`the restarted node's L2 head reaches ${target}`, 120_000, async () =>
      BigInt((await nodeStatus(endpoints.opsUrl)).l2Head.number) >= target ? true : undefined,
    );
  });

  it("governance: propose a parameter change, vote, queue and execute it", async () => {
    const holder = await devKeyFile(0);
    const fee = parseEther("0.02");
    const proposed = jsonOf<{ proposalId: string; state: string }>(
      await obscuro([
        "gov",
        "propose",
        "--target",
        "networkManagement",
        "--call",
        "setRegistrationFee(uint256)",
        "--args",
        fee.toString(),
        "--description",
        "Registration fee 0.02 ETH",
        "--private-key-file",
        holder,
        ...network,
        "--json",
      ]),
    );
    const id = proposed.proposalId;
    const dao = manifest.settings.governanceDao!;
    await travel(dao.votingDelay + 1);
    const voted = jsonOf<{ state: string }>(
      await obscuro(["gov", "vote", id, "for", "--private-key-file", holder, ...network, "--json"]),
    );
    assert.equal(voted.state, "Active");
    await travel(dao.votingPeriod + 1);
    const queued = jsonOf<{ state: string }>(
      await obscuro(["gov", "queue", id, "--private-key-file", holder, ...network, "--json"]),
    );
    assert.equal(queued.state, "Queued");
    await travel(dao.timelockDelay + 1);
    const executed = await obscuro(["gov", "execute", id, "--private-key-file", holder, ...network]);
    assert.equal(executed.code, 0, executed.stderr);
    const now = await publicClient().readContract({
      address: manifest.contracts.NetworkManagement,
      abi: networkManagementAbi,
      functionName: "registrationFee",
    });
    assert.equal(now, fee);
  });

  it("council: two owners sign a pause to files, it is executed, and it expires", async () => {
    const owners = await Promise.all(DEV_COUNCIL_PRIVATE_KEYS.map((key, i) => keyFile(`owner${i}`, key)));
    const files = [join(dir, "pause-a.json"), join(dir, "pause-b.json")];
    const signed: CliRun[] = await Promise.all(
      files.map((out, i) =>
        obscuro(["council", "sign", "pause", "1h", "--private-key-file", owners[i]!, "--out", out, ...network]),
      ),
    );
    for (const run of signed) assert.equal(run.code, 0, run.stderr);
    const executed = jsonOf<{ emergency: { paused: boolean } }>(
      await obscuro([
        "council",
        "execute",
        "--signatures",
        ...files,
        "--private-key-file",
        await devKeyFile(6),
        ...network,
        "--json",
      ]),
    );
    assert.equal(executed.emergency.paused, true);
    const paused = jsonOf<{
      emergency: { paused: boolean };
      rollups: { keyEpoch: { epoch: number; committedAt: string; rotationDueAt: string } };
    }>(await obscuro(["status", ...network, "--json"]));
    assert.equal(paused.emergency.paused, true);
    // the canonical head's key epoch: when L1 recorded it, and when it must rotate (a day on the devnet)
    const { keyEpoch } = paused.rollups;
    assert.ok(Number.isInteger(keyEpoch.epoch) && BigInt(keyEpoch.committedAt) > 0n, JSON.stringify(keyEpoch));
    assert.equal(BigInt(keyEpoch.rotationDueAt) - BigInt(keyEpoch.committedAt), BigInt(24 * 3600));
    await travel(3_600 + 1);
    const expired = jsonOf<{ emergency: { paused: boolean } }>(await obscuro(["status", ...network, "--json"]));
    assert.equal(expired.emergency.paused, false, "the pause ended by itself");
  });
});
