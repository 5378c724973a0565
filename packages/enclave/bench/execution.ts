/**
 * L2 execution throughput: the chain (`L2Chain.executeBlock`: persistence, sealing and the
 * journal included) against the bare `@ethereumjs/vm` running the same signed transactions in
 * memory, in the same process. Prints a Markdown section and, with `--write`, replaces its
 * section of docs/benchmarks.md (between the bench:enclave-execution markers).
 *
 *   npm run bench -w @obscuro/enclave        measure and write docs/benchmarks.md
 *   node bench/execution.ts                  measure and print only
 *
 * Workloads: ETH transfers and ERC20 transfers (an OpenZeppelin ERC20 deployed by a user) among
 * 1,000 funded accounts, 10,000 transactions in blocks of 500, a state root per block. Each run
 * sets up both engines on a fresh state, then runs the timed blocks interleaved, block by block
 * (alternating which goes first), so that the load of a shared machine falls on both alike; the
 * median of three runs counts.
 */
import { createRequire } from "node:module";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createBlock } from "@ethereumjs/block";
import { Caches, CacheType, MerkleStateManager } from "@ethereumjs/statemanager";
import { DEFAULT_STATE_CACHE_SIZES } from "../src/chain/state/createL2Vm.ts";
import { createFeeMarket1559Tx, createTxFromRLP } from "@ethereumjs/tx";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { Account, Address, MapDB, privateToAddress, ValueEncoding } from "@ethereumjs/util";
import { createVM, runTx } from "@ethereumjs/vm";
import { AssetKind, wrappedERC20Abi, wrappedERC20Bytecode, type Deposit } from "@obscuro/sdk";
import type Secp256k1Module from "secp256k1";
import {
  encodeAbiParameters,
  encodeFunctionData,
  getContractAddress,
  hexToBytes,
  keccak256,
  toHex,
  zeroAddress,
} from "viem";
import { createL2Common, L2Chain, StaticSealingKey, type BatchInput } from "../src/index.ts";
import { writeBenchmarkSection } from "../../../bench/benchmarksDoc.ts";

const require = createRequire(import.meta.url);
const secp256k1 = require("secp256k1") as typeof Secp256k1Module;

const BEGIN = "<!-- bench:enclave-execution:begin -->";
const END = "<!-- bench:enclave-execution:end -->";

const SENDERS = 1_000;
const BLOCK_SIZE = 500;
const TX_COUNT = Number(process.env.BENCH_TXS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COINBASE = "0x00000000000000000000000000000000000c0ffe";
const GWEI = 1_000_000_000n;
const FUNDS = 1_000n * 10n ** 18n;

const common = createL2Common(443n);
const keys = Array.from({ length: SENDERS + 1 }, (_, i) => hexToBytes(keccak256(toHex(`bench-account-${i}`))));
const addresses = keys.map((key) => new Address(privateToAddress(key)));
const deployer = SENDERS; // the last account deploys the token
const token = getContractAddress({ from: addresses[deployer]!.toString(), nonce: 0n });

/** A signed EIP-1559 transaction (native secp256k1: signing is setup, not measured). */
function sign(
  from: number,
  nonce: bigint,
  to: `0x${string}` | undefined,
  data: `0x${string}`,
  gasLimit: bigint,
  value = 0n,
): Uint8Array {
  const tx = createFeeMarket1559Tx(
    { chainId: 443n, nonce, to, data, value, gasLimit, maxFeePerGas: 100n * GWEI, maxPriorityFeePerGas: GWEI },
    { common },
  );
  const { signature, recid } = secp256k1.ecdsaSign(tx.getHashedMessageToSign(), keys[from]!);
  return tx.addSignature(BigInt(recid), signature.slice(0, 32), signature.slice(32)).serialize();
}

interface Workload {
  name: string;
  /** Blocks run before timing (after funding): deploying and minting the token. */
  setup: Uint8Array[][];
  timed: Uint8Array[][];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function ethWorkload(): Workload {
  const txs = Array.from({ length: TX_COUNT }, (_, i) =>
    sign(i % SENDERS, BigInt(Math.floor(i / SENDERS)), addresses[(i + 1) % SENDERS]!.toString(), "0x", 21_000n, 1n),
  );
  return { name: "ETH transfers", setup: [], timed: chunks(txs, BLOCK_SIZE) };
}

function erc20Workload(): Workload {
  const initCode =
    `${wrappedERC20Bytecode}${encodeAbiParameters([{ type: "address" }], [zeroAddress]).slice(2)}` as const;
  const setup = [sign(deployer, 0n, undefined, initCode, 3_000_000n)];
  for (let i = 0; i < SENDERS; i++) {
    const mint = encodeFunctionData({
      abi: wrappedERC20Abi,
      functionName: "mint",
      args: [addresses[i]!.toString(), 10n ** 24n],
    });
    setup.push(sign(deployer, BigInt(i + 1), token, mint, 100_000n));
  }
  const txs = Array.from({ length: TX_COUNT }, (_, i) => {
    const transfer = encodeFunctionData({
      abi: wrappedERC20Abi,
      functionName: "transfer",
      args: [addresses[(i + 1) % SENDERS]!.toString(), 1n],
    });
    return sign(i % SENDERS, BigInt(Math.floor(i / SENDERS)), token, transfer, 100_000n);
  });
  return { name: "ERC20 transfers", setup: chunks(setup, BLOCK_SIZE), timed: chunks(txs, BLOCK_SIZE) };
}

// ───────────────────────────────────────────────────────────── the engines

/** Runs one block of the workload. */
interface Engine {
  runBlock(raws: Uint8Array[]): Promise<void>;
}

/** The chain's state caches (LRU, the chain's sizes): the bare VM gets the same, so only persistence differs. */
function stateCaches(): Caches {
  return new Caches({
    account: { type: CacheType.LRU, size: DEFAULT_STATE_CACHE_SIZES.accounts },
    storage: { type: CacheType.LRU, size: DEFAULT_STATE_CACHE_SIZES.storageSlots },
    code: { type: CacheType.LRU, size: DEFAULT_STATE_CACHE_SIZES.codes },
  });
}

/**
 * The same transactions on `@ethereumjs/vm` alone: `MerkleStateManager` over an in-memory trie
 * (`MapDB`), `runTx` per transaction inside one checkpoint per block, a state root per block.
 */
async function bareEngine(workload: Workload): Promise<Engine> {
  const trie = new MerklePatriciaTrie({
    db: new MapDB<string, Uint8Array>(),
    valueEncoding: ValueEncoding.Bytes,
    useKeyHashing: true,
    common,
  });
  const stateManager = new MerkleStateManager({ common, trie, caches: stateCaches() });
  const vm = await createVM({ common, stateManager });
  for (const address of addresses) await stateManager.putAccount(address, new Account(0n, FUNDS));
  await stateManager.getStateRoot();
  let number = 1n;
  const engine: Engine = {
    async runBlock(raws) {
      const block = createBlock(
        {
          header: {
            number: number++,
            timestamp: number,
            gasLimit: 60_000_000n,
            baseFeePerGas: GWEI,
            coinbase: COINBASE,
          },
        },
        { common },
      );
      await stateManager.checkpoint();
      for (const raw of raws) {
        const result = await runTx(vm, { tx: createTxFromRLP(raw, { common }), block, skipHardForkValidation: true });
        if (result.execResult.exceptionError !== undefined) {
          throw new Error(`bare: a transaction failed (${result.execResult.exceptionError.error})`);
        }
      }
      await stateManager.commit();
      await stateManager.getStateRoot();
    },
  };
  for (const raws of workload.setup) await engine.runBlock(raws);
  return engine;
}

/** The chain, in a fresh directory, funded by deposits, with the workload's setup flushed. */
async function chainEngine(workload: Workload): Promise<{ engine: Engine; chain: L2Chain; directory: string }> {
  const directory = await mkdtemp(join(tmpdir(), "obscuro-bench-"));
  const chain = await L2Chain.open({ directory, sealingKey: new StaticSealingKey(new Uint8Array(32).fill(1)) });
  const next = (fields: Partial<BatchInput>): BatchInput => ({
    number: chain.head.number + 1n,
    parentHash: chain.head.hash,
    timestamp: chain.head.timestamp + 1n,
    l1BlockNumber: chain.head.l1BlockNumber + 1n,
    l1BlockHash: keccak256(toHex(`l1-${chain.head.number}`)),
    coinbase: COINBASE,
    deposits: [],
    transactions: [],
    ...fields,
  });
  const funding: Deposit[] = addresses.map((address, index) => ({
    index: BigInt(index),
    kind: AssetKind.Eth,
    from: zeroAddress,
    to: address.toString(),
    token: zeroAddress,
    amountOrId: FUNDS,
  }));
  await chain.executeBlock(next({ deposits: funding }));
  const engine: Engine = {
    async runBlock(raws) {
      const block = await chain.executeBlock(next({ transactions: raws }));
      if (block.transactions.length !== raws.length) throw new Error("chain: a transaction was left out");
    },
  };
  for (const raws of workload.setup) await engine.runBlock(raws);
  await chain.flush();
  return { engine, chain, directory };
}

/** Wall-clock and CPU (all threads of the process: the sealing worker and LevelDB's included) milliseconds. */
interface Cost {
  wall: number;
  cpu: number;
}

interface Run {
  bare: Cost;
  chain: Cost;
  flush: Cost;
  diskBytes: number;
  ledgerRootMs: number;
}

/** Runs `work` and measures it. */
async function cost(work: () => Promise<unknown>): Promise<Cost> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

const add = (a: Cost, b: Cost): Cost => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });

/** One run: both engines set up, then the timed blocks interleaved; the chain's final flush counts. */
async function run(workload: Workload, blocks = workload.timed): Promise<Run> {
  const bare = await bareEngine(workload);
  const { engine, chain, directory } = await chainEngine(workload);
  try {
    let bareCost: Cost = { wall: 0, cpu: 0 };
    let chainCost: Cost = { wall: 0, cpu: 0 };
    for (const [i, raws] of blocks.entries()) {
      // Alternate which goes first, so neither always inherits the other's garbage.
      if (i % 2 === 0) {
        bareCost = add(bareCost, await cost(() => bare.runBlock(raws)));
        chainCost = add(chainCost, await cost(() => engine.runBlock(raws)));
      } else {
        chainCost = add(chainCost, await cost(() => engine.runBlock(raws)));
        bareCost = add(bareCost, await cost(() => bare.runBlock(raws)));
      }
    }
    const flush = await cost(() => chain.flush());
    const ledgerStart = performance.now();
    chain.ledgerRoot();
    const ledgerRootMs = performance.now() - ledgerStart;
    return { bare: bareCost, chain: add(chainCost, flush), flush, diskBytes: await du(directory), ledgerRootMs };
  } finally {
    await chain.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/** Bytes of the files under `directory`. */
async function du(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

// ───────────────────────────────────────────────────────────── report

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const tps = (ms: number): number => TX_COUNT / (ms / 1000);
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

interface Row {
  workload: string;
  bare: number;
  ours: number;
  wallOverhead: number;
  cpuOverhead: number;
  flushMs: number;
  diskBytes: number;
  ledgerRootMs: number;
}

async function measure(workload: Workload): Promise<Row> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await run(workload);
    runs.push(r);
    console.error(
      `${workload.name} run ${i + 1}: bare ${fmt(tps(r.bare.wall))} tx/s, chain ${fmt(tps(r.chain.wall))} tx/s; ` +
        `overhead ${percent(r.chain.wall / r.bare.wall - 1)} wall, ${percent(r.chain.cpu / r.bare.cpu - 1)} CPU; load ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  const typical = [...runs].sort((a, b) => a.chain.wall / a.bare.wall - b.chain.wall / b.bare.wall)[
    Math.floor(runs.length / 2)
  ]!;
  return {
    workload: workload.name,
    bare: tps(median(runs.map((r) => r.bare.wall))),
    ours: tps(median(runs.map((r) => r.chain.wall))),
    wallOverhead: median(runs.map((r) => r.chain.wall / r.bare.wall - 1)),
    cpuOverhead: median(runs.map((r) => r.chain.cpu / r.bare.cpu - 1)),
    flushMs: typical.flush.wall,
    diskBytes: typical.diskBytes,
    ledgerRootMs: typical.ledgerRootMs,
  };
}

const percent = (x: number): string => `${(100 * x).toFixed(0)}%`;

console.error("signing transactions...");
const workloads = [ethWorkload(), erc20Workload()];
console.error("warming up...");
for (const workload of workloads) await run(workload, workload.timed.slice(0, 2));
const loadBefore = loadavg()[0]!;
const rows: Row[] = [];
for (const workload of workloads) rows.push(await measure(workload));
const loadAfter = loadavg()[0]!;

const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"} (${cpu.length} logical cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${arch()}, Node ${process.version}`;
const table = [
  "| workload | bare @ethereumjs/vm, in memory | L2Chain (sealed, persisted, journaled) | overhead, wall clock | overhead, CPU time | final flush | disk after run | ledger root |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...rows.map(
    (r) =>
      `| ${r.workload} | ${fmt(r.bare)} tx/s | ${fmt(r.ours)} tx/s | ${percent(r.wallOverhead)} | ${percent(r.cpuOverhead)} | ${fmt(r.flushMs)} ms | ${(r.diskBytes / 2 ** 20).toFixed(1)} MiB | ${fmt(r.ledgerRootMs)} ms |`,
  ),
].join("\n");
const section = [
  BEGIN,
  "",
  "## L2 execution (enclave chain)",
  "",
  `Measured by \`npm run bench -w @obscuro/enclave\` (\`packages/enclave/bench/execution.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
  `${fmt(TX_COUNT)} signed EIP-1559 transactions among ${fmt(SENDERS)} funded accounts, blocks of ${BLOCK_SIZE}, a state root per block; ${RUNS} runs, each on a fresh state; medians. ` +
    "Bare: `@ethereumjs/vm` with `MerkleStateManager` over an in-memory trie (`MapDB`) and the chain's LRU caches, `runTx` per transaction inside one checkpoint per block, the same native keccak and secp256k1 (docs/l2-chain.md). " +
    "L2Chain: `executeBlock` (strict validation, receipts, transactions and receipts tries, header, ledger, the block journaled with fdatasync), then a final `flush()` of every block (state, blocks, receipts and ledger sealed in one LevelDB batch, fsync), all timed. " +
    "ERC20: an OpenZeppelin ERC20 deployed and minted by a user before the timing.",
  "",
  `The machine is shared (load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on 2 cores): the two engines run interleaved block by block in one process, so both see the same load, and the overhead (how much longer the chain takes than the bare VM over the same blocks) is given on wall-clock time and on CPU time (every thread of the process, the sealing worker and LevelDB's included), which the machine's load moves less.`,
  "",
  table,
  "",
  END,
].join("\n");
console.log(section);

if (process.argv.includes("--write")) {
  console.error(`wrote ${await writeBenchmarkSection(section, { begin: BEGIN, end: END })}`);
}
