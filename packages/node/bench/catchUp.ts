/*
 * Replay and catch-up over 1,000 rollups on anvil (issues 13 and 14), against the bare EVM running
 * the same transactions in the same process.
 *
 * The fixture: anvil with the protocol (the SDK devtools), a genesis enclave process that founds
 * the network, takes the users' encrypted transfers, produces a batch per rollup and builds the
 * rollup, which its operator submits to L1 in blobs (what the node does); the enclave follows each
 * one back from L1 before building the next. Then, on the same L1:
 *
 * 1. the bare baseline: `@ethereumjs/vm` with an in-memory trie runs the same signed transfers in
 *    the same blocks, a state root per block;
 * 2. enclave replay: a second enclave process, fed by the host's L1 follower from L1 alone
 *    (headers, receipts, blobs), registers, is answered the secret by the genesis enclave, and
 *    applies every pending rollup (decryption, decompression, execution, roots, persistence);
 * 3. node catch-up: a real `obscuro-node` validator process joins the same way (L1 mining a block
 *    a second from then on, the genesis enclave answering its secret request as soon as it is on
 *    L1), timed from its spawn until its L2 head is the genesis enclave's.
 *
 * Prints a Markdown section; with `--write`, replaces its section of docs/benchmarks.md (between
 * the bench:node-catch-up markers).
 *
 *   npm run bench -w @obscuro/node                        both node benches, written to the doc
 *   node packages/node/bench/catchUp.ts --rollups 20      a quick run, printed only
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createBlock } from "@ethereumjs/block";
import { MerkleStateManager } from "@ethereumjs/statemanager";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { createTxFromRLP } from "@ethereumjs/tx";
import { Account, Address, MapDB, ValueEncoding } from "@ethereumjs/util";
import { createVM, runTx } from "@ethereumjs/vm";
import { hexToBytes, keccak256, parseEther, toHex, type Hex } from "viem";
import { privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { encryptTransaction, L2_CHAIN_ID, serializeManifest, type RollupHeader } from "@obscuro/sdk";
import { DEV_ENCLAVE_MEASUREMENT, devAuditors, startDevL1 } from "@obscuro/sdk/devtools";
import { createL2Common } from "@obscuro/enclave";
import type { NodeConfigInput } from "../src/config.ts";
import { NodeProcess, waitFor } from "../test/helpers/devNetwork.ts";
import { EnclaveDriver } from "../test/helpers/enclaveDriver.ts";
import { writeBenchmarkSection } from "../../../bench/benchmarksDoc.ts";

const BEGIN = "<!-- bench:node-catch-up:begin -->";
const END = "<!-- bench:node-catch-up:end -->";

const { values } = parseArgs({
  options: {
    rollups: { type: "string", default: "1000" },
    "transfers-per-rollup": { type: "string", default: "10" },
    write: { type: "boolean", default: false },
  },
});
const ROLLUPS = Number(values.rollups);
const PER_ROLLUP = Number(values["transfers-per-rollup"]);
const RECIPIENTS = 1_000;
const LONG_MS = 60 * 60_000;
const GWEI = 1_000_000_000n;

const senders = Array.from({ length: PER_ROLLUP }, (_, i) =>
  privateKeyToAccount(keccak256(toHex(`catch-up-sender-${i}`))),
);
const recipients = Array.from({ length: RECIPIENTS }, (_, i) =>
  privateKeyToAddress(keccak256(toHex(`catch-up-recipient-${i}`))),
);

const log = (message: string) => console.error(`[catch-up] ${message}`);
const seconds = (ms: number) => ms / 1000;

/** A rollup built by an enclave, as `submitRollup` takes its data. */
function toRollupData(built: {
  header: RollupHeader;
  data:
    | { kind: "blobs"; blobs: Hex[]; commitments: Hex[]; proofs: Hex[]; versionedHashes: Hex[] }
    | { kind: "calldata"; payload: Hex };
}) {
  if (built.data.kind === "calldata") return { kind: "calldata" as const, payload: built.data.payload };
  return {
    kind: "blobs" as const,
    blobs: {
      blobs: built.data.blobs.map((b) => hexToBytes(b)),
      commitments: built.data.commitments,
      proofs: built.data.proofs,
      versionedHashes: built.data.versionedHashes,
      dataHash: built.header.dataHash,
    } as never,
  };
}

/** The transfers of rollup `r`: one from each sender (nonce `r`), to recipients in turn. */
async function transfersOf(r: number): Promise<Hex[]> {
  return Promise.all(
    senders.map((sender, i) =>
      sender.signTransaction({
        chainId: Number(L2_CHAIN_ID),
        type: "eip1559",
        nonce: r,
        to: recipients[(r * PER_ROLLUP + i) % RECIPIENTS]!,
        value: GWEI,
        gas: 21_000n,
        maxFeePerGas: 5n * GWEI,
        maxPriorityFeePerGas: GWEI,
      }),
    ),
  );
}

/**
 * The baseline: `@ethereumjs/vm` alone, `MerkleStateManager` over an in-memory trie, the senders
 * funded directly, `runTx` per transaction inside a checkpoint per block, a state root per block.
 */
async function runBare(blocks: Hex[][]): Promise<number> {
  const common = createL2Common(L2_CHAIN_ID);
  const trie = new MerklePatriciaTrie({
    db: new MapDB<string, Uint8Array>(),
    valueEncoding: ValueEncoding.Bytes,
    useKeyHashing: true,
    common,
  });
  const stateManager = new MerkleStateManager({ common, trie });
  const vm = await createVM({ common, stateManager });
  for (const sender of senders)
    await stateManager.putAccount(new Address(hexToBytes(sender.address)), new Account(0n, parseEther("1")));
  await stateManager.getStateRoot();
  const started = performance.now();
  for (const [i, raws] of blocks.entries()) {
    const block = createBlock(
      { header: { number: BigInt(i + 1), timestamp: BigInt(i + 1), gasLimit: 30_000_000n, baseFeePerGas: 7n } },
      { common },
    );
    await stateManager.checkpoint();
    for (const raw of raws) {
      const result = await runTx(vm, {
        tx: createTxFromRLP(hexToBytes(raw), { common }),
        block,
        skipHardForkValidation: true,
      });
      if (result.execResult.exceptionError)
        throw new Error(`bare: a transfer failed (${result.execResult.exceptionError.error})`);
    }
    await stateManager.commit();
    await stateManager.getStateRoot();
  }
  return performance.now() - started;
}

const loadBefore = loadavg()[0]!;
const dir = await mkdtemp(join(tmpdir(), "obscuro-catch-up-"));
const l1 = await startDevL1({ anvil: { accounts: 12 } });
let genesis: EnclaveDriver | undefined;
let joiner: EnclaveDriver | undefined;
let node: NodeProcess | undefined;
try {
  // ─────────────────────────────────────────────── the fixture: 1,000 rollups on L1
  const treasury = l1.wallet(0);
  await l1.mined(treasury.approveMeasurement({ measurement: DEV_ENCLAVE_MEASUREMENT, auditors: devAuditors() }));
  genesis = await EnclaveDriver.start(l1, l1.wallet(1), { dataDir: join(dir, "genesis") });
  await genesis.sync();
  await genesis.register();
  await genesis.sync();
  await genesis.found();
  await genesis.stake(treasury);
  await genesis.sync();
  for (const sender of senders)
    await l1.mined(l1.wallet(2).depositEth({ to: sender.address, amount: parseEther("1") }));
  await genesis.sync();
  const g = genesis;
  const coinbase = g.operator.account.address;
  const produce = () => g.rpc.call("produceBatch", { timestamp: BigInt(Math.floor(Date.now() / 1000)), coinbase });
  await produce(); // the deposits: the senders' funds
  const { networkPublicKey } = await g.rpc.call("getStatus", {});
  if (!networkPublicKey) throw new Error("the genesis enclave has no network key");

  const blocks: Hex[][] = [];
  const buildStarted = performance.now();
  for (let r = 0; r < ROLLUPS; r++) {
    const raws = await transfersOf(r);
    const answers = await Promise.all(
      raws.map((raw) => g.rpc.call("submitTransaction", { encrypted: encryptTransaction(raw, networkPublicKey) })),
    );
    const refused = answers.find((answer) => !answer.accepted);
    if (refused) throw new Error(`rollup ${r}: a transfer was refused (${refused.reason})`);
    const batch = await produce();
    if (batch?.transactions !== PER_ROLLUP)
      throw new Error(`rollup ${r}: the batch carries ${batch?.transactions} transfers, not ${PER_ROLLUP}`);
    const built = await g.rpc.call("buildRollup", { mode: "blobs" });
    await l1.mined(
      g.operator.submitRollup({ header: built.header, signature: built.signature, data: toRollupData(built) }),
    );
    const verdict = (await g.sync()).flatMap((result) => result.rollups).find((x) => x.rollupHash === built.rollupHash);
    if (verdict?.status !== "applied")
      throw new Error(`rollup ${r} was not applied by its builder: ${verdict?.status}`);
    blocks.push(raws);
    if ((r + 1) % 50 === 0)
      log(`${r + 1}/${ROLLUPS} rollups on L1, ${seconds(performance.now() - buildStarted).toFixed(0)} s`);
  }
  const buildMs = performance.now() - buildStarted;
  const chain = await g.rpc.call("getStatus", {});
  const l1Blocks = (await l1.publicClient.getBlockNumber()) - l1.manifest.deployBlock;
  log(
    `fixture: ${ROLLUPS} rollups, L2 head ${chain.l2Head.number}, ${l1Blocks} L1 blocks, ${seconds(buildMs).toFixed(0)} s`,
  );

  // ─────────────────────────────────────────────── 1. the bare EVM, same transfers, same blocks
  const bareMs = await runBare(blocks);
  log(`bare: ${bareMs.toFixed(0)} ms`);

  // ─────────────────────────────────────────────── 2. a second enclave replays from L1 alone
  joiner = await EnclaveDriver.start(l1, l1.wallet(3), { dataDir: join(dir, "replay") });
  const followStarted = performance.now();
  await joiner.sync();
  const followMs = performance.now() - followStarted;
  const pending = (await joiner.rpc.call("getStatus", {})).pendingRollups;
  if (pending !== ROLLUPS) throw new Error(`the replaying enclave holds ${pending} pending rollups, not ${ROLLUPS}`);
  await joiner.register();
  await g.respondTo(joiner);
  await joiner.sync();
  const { enclaveId: joinerId } = await joiner.rpc.call("getStatus", {});
  const encryptedSecret = await l1.publicClient.getEncryptedSecret({ enclaveId: joinerId });
  if (!encryptedSecret) throw new Error("no secret for the replaying enclave on L1");
  const applyStarted = performance.now();
  await joiner.rpc.call("installSecret", { encryptedSecret }, { timeoutMs: LONG_MS });
  // the enclave replays a few seconds per call; the host calls again while rollups wait (as the node does)
  while ((await joiner.rpc.call("replayPending", {}, { timeoutMs: LONG_MS })).pending > 0);
  const applyMs = performance.now() - applyStarted;
  const replayed = await joiner.rpc.call("getStatus", {});
  if (replayed.l2Head.hash !== chain.l2Head.hash || replayed.safe.rollupHash !== chain.safe.rollupHash)
    throw new Error(`the replaying enclave ended at L2 block ${replayed.l2Head.number}, not the chain's head`);
  const replayMs = followMs + applyMs;
  log(`replay: follow ${followMs.toFixed(0)} ms, apply ${applyMs.toFixed(0)} ms`);
  await joiner.stop();
  joiner = undefined;

  // ─────────────────────────────────────────────── 3. an obscuro-node validator joins
  await l1.testClient.setIntervalMining({ interval: 1 });
  const operatorKey = l1.anvil.accounts[4]!.privateKey;
  const manifestFile = join(dir, "manifest.json");
  const keyFile = join(dir, "validator.key");
  const configFile = join(dir, "validator.json");
  const dataDir = join(dir, "validator");
  await writeFile(manifestFile, serializeManifest(l1.manifest));
  await writeFile(keyFile, operatorKey, { mode: 0o600 });
  await mkdir(dataDir, { recursive: true });
  const config: NodeConfigInput = {
    dataDir,
    mode: "validator",
    manifest: manifestFile,
    operatorKeyFile: keyFile,
    l1: { rpcUrl: l1.anvil.rpcUrl, pollIntervalMs: 250 },
    logLevel: "warn",
  };
  await writeFile(configFile, JSON.stringify(config, null, 2));
  node = new NodeProcess("joining validator", dataDir, configFile, privateKeyToAccount(operatorKey));
  const joinStarted = performance.now();
  const endpoints = (await node.start())!;
  const upMs = performance.now() - joinStarted;
  const request = await waitFor(
    "the joining node's secret request on L1",
    async () => (await l1.publicClient.getSecretRequests()).find((r) => r.enclaveId === endpoints.enclaveId),
    { timeoutMs: LONG_MS, everyMs: 250 },
  );
  const requestedMs = performance.now() - joinStarted;
  await g.respondToRequest(request.enclaveId, request.enclavePublicKey);
  const respondedMs = performance.now() - joinStarted;
  const joined = node;
  // bounded: a node whose enclave cannot apply the rollups would otherwise wait for the whole hour
  await waitFor(
    `the joining node's L2 head to be the chain's (log: ${dataDir}/node.log; KEEP_BENCH_DIRS=1 keeps it)`,
    async () => (await joined.status()).l2Head.hash === chain.l2Head.hash,
    { timeoutMs: Math.max(300_000, 4 * replayMs), everyMs: 100 },
  );
  const catchUpMs = performance.now() - joinStarted;
  log(`node: up ${upMs.toFixed(0)} ms, requested ${requestedMs.toFixed(0)} ms, caught up ${catchUpMs.toFixed(0)} ms`);
  const loadAfter = loadavg()[0]!;

  // ─────────────────────────────────────────────── the section
  const transfers = ROLLUPS * PER_ROLLUP;
  const time = (ms: number) => `${seconds(ms).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const rate = (count: number, ms: number) =>
    `${(count / seconds(ms)).toLocaleString("en-US", { maximumFractionDigits: count / seconds(ms) < 100 ? 1 : 0 })}`;
  const ratio = (ms: number, baseline: number) => `${(ms / baseline).toFixed(2)}×`;
  const row = (what: string, ms: number, vs: string, rates: "rollups" | "transfers" | "none" = "rollups") =>
    `| ${what} | ${time(ms)} | ${rates === "rollups" ? rate(ROLLUPS, ms) : ""} | ${rates === "none" ? "" : rate(transfers, ms)} | ${vs} |`;
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"} (${cpu.length} logical cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${arch()}, Node ${process.version}`;
  const section = [
    BEGIN,
    "",
    "## Replay and catch-up over 1,000 rollups",
    "",
    `Measured by \`npm run bench -w @obscuro/node\` (\`packages/node/bench/catchUp.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
    `The fixture, built in the run: anvil (a block per transaction) with the protocol deployed by the SDK devtools; a genesis enclave process founds the network, takes ${PER_ROLLUP} users' encrypted ETH transfers per rollup (one per user), makes them one batch and builds the rollup; its operator submits it to L1 in a blob, and the enclave follows it back from L1 before building the next. ` +
      `${ROLLUPS.toLocaleString("en-US")} rollups, ${transfers.toLocaleString("en-US")} transfers, ${l1Blocks.toLocaleString("en-US")} L1 blocks; building it took ${time(buildMs)}.`,
    "",
    "- **Bare EVM (baseline):** `@ethereumjs/vm` with `MerkleStateManager` over an in-memory trie runs the same signed transfers in the same blocks (one per rollup), a state root per block.",
    "- **Enclave replay:** a second enclave process fed by the host's L1 follower from L1 alone. _Follow L1_: headers, receipts and blobs fetched from anvil, every block checked by the enclave, its rollups stored pending (the enclave has no secret yet). It then registers and the genesis enclave answers (not timed: L1 round trips). _Apply_: `installSecret`, then `replayPending` until none waits: every pending rollup decrypted, decompressed, re-executed, its roots checked and persisted.",
    "- **Node catch-up:** a real `obscuro-node` validator process (host and enclave) joins after the rollups exist, anvil now mining a block a second; the genesis enclave answers its secret request as soon as it is on L1. Timed from the spawn until the node's `/status` shows the chain's L2 head (polled every 100 ms), and compared with the enclave replay.",
    "",
    `Enclaves and node log at \`warn\`. The machine is shared (load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on 2 cores).`,
    "",
    "| run | time | rollups/s | L2 transfers/s | time vs baseline |",
    "| --- | ---: | ---: | ---: | ---: |",
    row("bare EVM, in memory (baseline)", bareMs, "1 (baseline)", "transfers"),
    row("enclave replay from L1, total", replayMs, ratio(replayMs, bareMs)),
    row("… follow L1 (rollups stored pending)", followMs, ratio(followMs, bareMs)),
    row("… apply the rollups", applyMs, ratio(applyMs, bareMs)),
    row("node catch-up, spawn → L2 head equal", catchUpMs, `${ratio(catchUpMs, replayMs)} the enclave replay`),
    row("… spawn → node up (enclave started, endpoints written)", upMs, "", "none"),
    row(
      "… → follow L1 and register (secret request on L1)",
      requestedMs - upMs,
      `${ratio(requestedMs - upMs, followMs)} follow L1`,
    ),
    row("… → response on L1", respondedMs - requestedMs, "", "none"),
    row(
      "… → secret installed and rollups applied",
      catchUpMs - respondedMs,
      `${ratio(catchUpMs - respondedMs, applyMs)} apply`,
    ),
    "",
    END,
  ].join("\n");
  console.log(section);
  if (values.write) {
    log(`wrote ${await writeBenchmarkSection(section, { begin: BEGIN, end: END })}`);
  }
} finally {
  await node?.kill("SIGTERM");
  await joiner?.stop();
  await genesis?.stop();
  await l1.stop();
  if (!process.env.KEEP_BENCH_DIRS) await rm(dir, { recursive: true, force: true });
}
