/*
 * An encrypted transaction's latency on a devnet (issue 14): from its arrival at a node's RPC to
 * its soft confirmation (a batch carrying it, as the node's RPC shows it) and to L1 inclusion (the
 * rollup carrying it in an L1 block), p50 and p99, against a plain L1 transaction's inclusion
 * latency measured in the same run.
 *
 * The devnet of packages/node/test/helpers/devNetwork.ts: anvil with the protocol, mining a block
 * every 2 s once deployed; two aggregators and a validator as `obscuro-node` processes with the
 * devnet's sequencing (a batch a second while there is work, a rollup slot of 3 L1 blocks, blobs).
 * Users funded by deposits send ETH transfers, signed and encrypted to the network key, to the
 * three nodes in turn at a steady rate; a plain L1 transfer goes out every half second meanwhile.
 *
 * The bench watches, every 100 ms, each node's `eth_blockNumber` (the first time a node shows an L2
 * block); every 50 ms L1's block number (the first time an L1 block is there); every 200 ms the
 * validator's `/status` (which rollup is safe, up to which L2 block). A transaction's L2 block
 * comes from its receipt, read through the node afterwards; its rollup from the safe tips, and the
 * rollup's L1 block from `RollupSubmitted`.
 *
 *   npm run bench -w @obscuro/node                      both node benches, written to the doc
 *   node packages/node/bench/latency.ts --txs 50        a quick run, printed only
 */
import { arch, cpus, loadavg, platform, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { parseEther, type Hex } from "viem";
import { encryptTransaction, L2_CHAIN_ID, rollupManagementAbi } from "@obscuro/sdk";
import { DevNetwork, L2User, rpc, waitFor, type NodeProcess } from "../test/helpers/devNetwork.ts";
import { writeBenchmarkSection } from "../../../bench/benchmarksDoc.ts";

const BEGIN = "<!-- bench:node-latency:begin -->";
const END = "<!-- bench:node-latency:end -->";

const { values } = parseArgs({
  options: {
    txs: { type: "string", default: "200" },
    rate: { type: "string", default: "10" },
    senders: { type: "string", default: "5" },
    write: { type: "boolean", default: false },
  },
});
const TXS = Number(values.txs);
const RATE = Number(values.rate);
const SENDERS = Number(values.senders);
const BLOCK_TIME = 2;
const SEQUENCING = { rollupIntervalBlocks: 3, takeoverBlocks: 4, batchIntervalMs: 1_000 };
const L1_EVERY_MS = 500;
const GWEI = 1_000_000_000n;

const log = (message: string) => console.error(`[latency] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** First times things were seen: key → performance.now(). */
class FirstSeen {
  readonly #times = new Map<string, number>();
  see(key: string, at: number): void {
    if (!this.#times.has(key)) this.#times.set(key, at);
  }
  get(key: string): number | undefined {
    return this.#times.get(key);
  }
}

/** Polls `probe` every `everyMs` until `stop` aborts; errors are retried on the next tick. */
async function watch(everyMs: number, signal: AbortSignal, probe: (at: number) => Promise<void>): Promise<void> {
  while (!signal.aborted) {
    await probe(performance.now()).catch(() => undefined);
    await sleep(everyMs);
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const loadBefore = loadavg()[0]!;
const net = await DevNetwork.start();
const stopWatching = new AbortController();
const watchers: Promise<void>[] = [];
try {
  await net.l1.testClient.setIntervalMining({ interval: BLOCK_TIME });
  const a = await net.addNode("aggregator-a", "aggregator", SEQUENCING);
  const b = await net.addNode("aggregator-b", "aggregator", SEQUENCING);
  const v = await net.addNode("validator", "validator", SEQUENCING);
  await a.start();
  await a.ready(180_000);
  await Promise.all([b.start(), v.start()]);
  await Promise.all([b.ready(180_000), v.ready(180_000)]);
  log("network up");

  // users funded by deposits
  const users = Array.from({ length: SENDERS }, () => new L2User());
  const funder = net.l1.wallet(9);
  for (const user of users) await net.l1.mined(funder.depositEth({ to: user.address, amount: parseEther("1") }));
  const vUrl = v.endpoints!.rpcUrl;
  await waitFor(
    "the deposits to be credited on L2",
    async () => {
      const balances = await Promise.all(
        users.map(async (u) => BigInt(await u.read<Hex>(vUrl, "eth_getBalance", [u.address, "latest"]))),
      );
      return balances.every((balance) => balance === parseEther("1"));
    },
    { timeoutMs: 120_000, everyMs: 1_000 },
  );
  const { result: network } = await rpc<{ networkPublicKey: Hex }>(vUrl, "obscuro_getNetwork", []);
  if (!network) throw new Error("the validator serves no network key");
  log("users funded");

  // the watchers
  const nodes: NodeProcess[] = [a, b, v];
  const l2Seen = new Map(nodes.map((node) => [node.name, new FirstSeen()]));
  const l1Seen = new FirstSeen();
  const safeTips = new Map<string, { number: bigint; l2Block: bigint }>();
  const { signal } = stopWatching;
  for (const node of nodes) {
    const seen = l2Seen.get(node.name)!;
    let highest = -1n;
    watchers.push(
      watch(100, signal, async (at) => {
        const { result } = await rpc<Hex>(node.endpoints!.rpcUrl, "eth_blockNumber", []);
        const number = BigInt(result!);
        for (let n = highest + 1n; n <= number; n++) seen.see(n.toString(), at);
        if (number > highest) highest = number;
      }),
    );
  }
  let l1Highest = await net.l1.publicClient.getBlockNumber({ cacheTime: 0 });
  const l1Start = l1Highest;
  watchers.push(
    watch(50, signal, async (at) => {
      const number = await net.l1.publicClient.getBlockNumber({ cacheTime: 0 });
      for (let n = l1Highest + 1n; n <= number; n++) l1Seen.see(n.toString(), at);
      if (number > l1Highest) l1Highest = number;
    }),
  );
  watchers.push(
    watch(200, signal, async () => {
      const { safe } = await v.status();
      safeTips.set(safe.rollupHash, { number: BigInt(safe.number), l2Block: BigInt(safe.l2Block) });
    }),
  );

  // plain L1 transfers, every half second, for the baseline
  const l1Sender = net.l1.wallet(7);
  const l1Sends: { hash: Hex; at: number }[] = [];
  const l1Traffic = (async () => {
    while (!signal.aborted && l1Sends.length < 1_000) {
      const at = performance.now();
      const hash = await l1Sender.sendTransaction({ to: net.l1.wallet(8).account.address, value: 1n });
      l1Sends.push({ hash, at });
      await sleep(Math.max(0, at + L1_EVERY_MS - performance.now()));
    }
  })();

  // the encrypted L2 transfers, signed and encrypted beforehand, sent at a steady rate to the three nodes in turn
  const nonces = users.map(() => 0);
  const prepared = await Promise.all(
    Array.from({ length: TXS }, async (_, i) => {
      const user = users[i % SENDERS]!;
      const raw = await user.account.signTransaction({
        chainId: Number(L2_CHAIN_ID),
        type: "eip1559",
        nonce: nonces[i % SENDERS]!++,
        to: users[(i + 1) % SENDERS]!.address,
        value: 1_000n,
        gas: 21_000n,
        maxFeePerGas: 5n * GWEI,
        maxPriorityFeePerGas: 1n,
      });
      return { user, node: nodes[i % nodes.length]!, encrypted: encryptTransaction(raw, network.networkPublicKey) };
    }),
  );
  const sent: { hash: Hex; at: number; node: NodeProcess; user: L2User }[] = [];
  const sends: Promise<void>[] = [];
  const started = performance.now();
  for (const [i, { user, node, encrypted }] of prepared.entries()) {
    await sleep(Math.max(0, started + (i * 1000) / RATE - performance.now()));
    const at = performance.now();
    sends.push(
      rpc<{ hash: Hex }>(node.endpoints!.rpcUrl, "obscuro_sendTransaction", [encrypted]).then(({ result, error }) => {
        if (!result) throw new Error(`transfer ${i} refused by ${node.name}: ${error?.message}`);
        sent.push({ hash: result.hash, at, node, user });
      }),
    );
  }
  await Promise.all(sends);
  const sendingSeconds = (performance.now() - started) / 1000;
  log(`${TXS} transfers sent in ${sendingSeconds.toFixed(1)} s`);

  // every transfer's L2 block, then its rollup safe on the validator
  const blocks = new Map<Hex, bigint>();
  for (const tx of sent) {
    const receipt = await waitFor(
      `the receipt of ${tx.hash}`,
      () =>
        tx.user
          .read<{ blockNumber: Hex; status: Hex } | null>(tx.node.endpoints!.rpcUrl, "eth_getTransactionReceipt", [
            tx.hash,
          ])
          .then((receipt) => receipt ?? undefined),
      { timeoutMs: 120_000, everyMs: 500 },
    );
    if (receipt.status !== "0x1") throw new Error(`transfer ${tx.hash} failed on L2`);
    blocks.set(tx.hash, BigInt(receipt.blockNumber));
  }
  const lastBlock = [...blocks.values()].reduce((x, y) => (x > y ? x : y));
  await waitFor(
    "every transfer to be in a rollup the validator applied",
    async () => [...safeTips.values()].some((tip) => tip.l2Block >= lastBlock),
    { timeoutMs: 300_000, everyMs: 500 },
  );
  stopWatching.abort();
  await Promise.all([...watchers, l1Traffic]);
  const loadAfter = loadavg()[0]!;

  // rollups: number → (last L2 block, L1 block)
  const submitted = await net.l1.publicClient.getContractEvents({
    address: net.l1.manifest.contracts.RollupManagement,
    abi: rollupManagementAbi,
    eventName: "RollupSubmitted",
    fromBlock: l1Start,
    strict: true,
  });
  const rollups = [...safeTips.entries()]
    .map(([rollupHash, tip]) => ({
      ...tip,
      rollupHash,
      l1Block: submitted.find((event) => event.args.rollupHash === rollupHash)?.blockNumber,
    }))
    .filter((r): r is typeof r & { l1Block: bigint } => r.l1Block !== undefined)
    .sort((x, y) => (x.number < y.number ? -1 : 1));
  const unseen = submitted.filter((event) => !safeTips.has(event.args.rollupHash)).length;

  const soft: number[] = [];
  const onL1: number[] = [];
  for (const tx of sent) {
    const block = blocks.get(tx.hash)!;
    const shown = l2Seen.get(tx.node.name)!.get(block.toString());
    if (shown === undefined) throw new Error(`${tx.node.name} never showed L2 block ${block}`);
    soft.push(shown - tx.at);
    const rollup = rollups.find((r) => r.l2Block >= block);
    const landed = rollup && l1Seen.get(rollup.l1Block.toString());
    if (landed === undefined) throw new Error(`no rollup on L1 seen for L2 block ${block}`);
    onL1.push(landed - tx.at);
  }
  const plain: number[] = [];
  for (const { hash, at } of l1Sends) {
    const receipt = await net.l1.publicClient.getTransactionReceipt({ hash }).catch(() => undefined);
    const seen = receipt && l1Seen.get(receipt.blockNumber.toString());
    if (seen !== undefined) plain.push(seen - at);
  }
  const l1Times = [...Array(Number(l1Highest - l1Start)).keys()]
    .map((k) => l1Seen.get((l1Start + 1n + BigInt(k)).toString()))
    .filter((t): t is number => t !== undefined);
  const intervals = l1Times.slice(1).map((t, k) => t - l1Times[k]!);
  const interval = quantile(intervals, 0.5);

  // the section
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const base = { p50: quantile(plain, 0.5), p99: quantile(plain, 0.99) };
  const row = (what: string, samples: number[], baseline = true) => {
    const p50 = quantile(samples, 0.5);
    const p99 = quantile(samples, 0.99);
    return `| ${what} | ${samples.length} | ${s(p50)} | ${s(p99)} | ${baseline ? "1 (baseline)" : `${(p50 / base.p50).toFixed(1)}×`} | ${baseline ? "1 (baseline)" : `${(p99 / base.p99).toFixed(1)}×`} |`;
  };
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"} (${cpu.length} logical cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${arch()}, Node ${process.version}`;
  const batches = new Set(blocks.values()).size;
  const rollupCount = new Set(sent.map((tx) => rollups.find((r) => r.l2Block >= blocks.get(tx.hash)!)!.rollupHash))
    .size;
  const section = [
    BEGIN,
    "",
    "## Transaction latency on a devnet: soft confirmation and L1 inclusion",
    "",
    `Measured by \`npm run bench -w @obscuro/node\` (\`packages/node/bench/latency.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
    `anvil mining a block every ${BLOCK_TIME} s (measured: ${s(interval)} median between blocks), two aggregators and a validator as \`obscuro-node\` processes (host and enclave each) with the devnet's sequencing: a batch every ${SEQUENCING.batchIntervalMs} ms while there is work, a rollup slot of ${SEQUENCING.rollupIntervalBlocks} L1 blocks, takeover after ${SEQUENCING.takeoverBlocks}, rollups in blobs. ` +
      `${TXS} ETH transfers from ${SENDERS} users (funded by deposits), each signed, encrypted to the network key and sent with \`obscuro_sendTransaction\` to the three nodes in turn, ${RATE} a second (all sent in ${sendingSeconds.toFixed(1)} s); they landed in ${batches} batch${batches === 1 ? "" : "es"} and ${rollupCount} rollup${rollupCount === 1 ? "" : "s"}. ` +
      `Meanwhile a plain L1 ETH transfer is sent every ${L1_EVERY_MS} ms: its latency from sending to its block appearing on L1 is the baseline.`,
    "",
    "Arrival: the moment the encrypted transaction is sent to the node (it answers with its hash). Soft confirmation: the node that took it shows, in `eth_blockNumber` (polled every 100 ms), the L2 block its receipt (read through that node) names. L1 inclusion: the L1 block holding the first rollup whose last L2 block (from the validator's `/status`, polled every 200 ms) is at or past the transaction's appears on L1 (polled every 50 ms)." +
      (unseen > 0
        ? ` ${unseen} rollup(s) were applied between two polls of the validator; their transactions count from the next rollup seen, a little late.`
        : ""),
    "",
    `The machine is shared (load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on 2 cores).`,
    "",
    "| latency | samples | p50 | p99 | p50 vs plain L1 | p99 vs plain L1 |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    row("plain L1 transaction: sent → in an L1 block (baseline)", plain),
    row("encrypted L2 transaction: arrival → soft confirmation (batch)", soft, false),
    row("encrypted L2 transaction: arrival → its rollup in an L1 block", onL1, false),
    "",
    END,
  ].join("\n");
  console.log(section);
  if (values.write) {
    log(`wrote ${await writeBenchmarkSection(section, { begin: BEGIN, end: END })}`);
  }
} finally {
  stopWatching.abort();
  await Promise.allSettled(watchers);
  await net.stop();
}
