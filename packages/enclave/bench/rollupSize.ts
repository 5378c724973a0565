/**
 * L1 bytes per L2 transfer: a full rollup of 1,000 ETH transfers from distinct senders (each
 * signature kept), in ten batches of a hundred as a sequencer cuts them, encoded as the enclave
 * publishes it (columnar batch codec, then the SDK's payload: brotli, AES-256-GCM). Baseline, in
 * the same run: the same transactions as one plain RLP list of their signed bytes through the same
 * compression and encryption. Prints a Markdown section; `--write` replaces it in
 * docs/benchmarks.md (between the bench:enclave-rollup-size markers).
 *
 *   node bench/rollupSize.ts [--write]
 */
import { hexToBytes, keccak256, parseEther, parseGwei, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { encodeRollupPayload } from "@obscuro/sdk";
import { encodeBatches, type EncodedBatch } from "../src/rollup/batchCodec.ts";
import { writeBenchmarkSection } from "../../../bench/benchmarksDoc.ts";

const BEGIN = "## L1 bytes per L2 transfer";
const END = "<!-- bench:enclave-rollup-size:end -->";
const CHAIN_ID = 443;
const TRANSFERS = 1_000;
const RUNS = 3;

async function transfers(): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < TRANSFERS; i++) {
    const signed = await privateKeyToAccount(generatePrivateKey()).signTransaction({
      chainId: CHAIN_ID,
      type: "eip1559",
      nonce: i % 4,
      to: privateKeyToAccount(generatePrivateKey()).address,
      value: parseEther("0.01") * BigInt(1 + (i % 20)),
      gas: 21_000n,
      maxFeePerGas: parseGwei("2"),
      maxPriorityFeePerGas: parseGwei("1"),
    });
    out.push(hexToBytes(signed));
  }
  return out;
}

function batchOf(transactions: Uint8Array[], number: bigint): EncodedBatch {
  return {
    number,
    parentHash: keccak256(toHex(`parent ${number}`)),
    hash: keccak256(toHex(`hash ${number}`)),
    timestamp: 1_800_000_000n + number,
    l1BlockNumber: 1_234n + number,
    l1BlockHash: keccak256(toHex(`l1 ${number}`)),
    coinbase: privateKeyToAccount(generatePrivateKey()).address,
    depositCount: 42n,
    transactions,
  };
}

const context = {
  chainId: 31337,
  rollupContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const,
  keyEpoch: 0,
  epochKey: keccak256(toHex("epoch key")),
};

const rows: { columnar: number; plain: number; raw: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  const txs = await transfers();
  const batches = Array.from({ length: 10 }, (_, b) => batchOf(txs.slice(b * 100, b * 100 + 100), BigInt(b + 1)));
  const columnar = encodeRollupPayload({ ...context, transactions: encodeBatches(batches, CHAIN_ID) }).length;
  const plain = encodeRollupPayload({ ...context, transactions: txs }).length;
  const raw = txs.reduce((sum, tx) => sum + tx.length, 0);
  rows.push({ columnar: columnar / TRANSFERS, plain: plain / TRANSFERS, raw: raw / TRANSFERS });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const columnar = median(rows.map((r) => r.columnar));
const plain = median(rows.map((r) => r.plain));
const raw = median(rows.map((r) => r.raw));

const section = [
  BEGIN,
  "",
  `Measured by \`npm run bench -w @obscuro/enclave\` (\`packages/enclave/bench/rollupSize.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${TRANSFERS.toLocaleString("en")} signed EIP-1559 ETH transfers from distinct senders to distinct recipients, in ten batches of a hundred; ${RUNS} runs on fresh keys, medians. Every signature is kept (an enclave replaying the rollup re-checks each sender). Goal: at most 90 bytes per transfer.`,
  "",
  "| encoding | bytes per transfer | ratio to the plain list |",
  "| --- | ---: | ---: |",
  `| signed transactions as they are, uncompressed | ${raw.toFixed(1)} | ${(raw / plain).toFixed(2)} |`,
  `| plain RLP list of the signed transactions, brotli + AES-256-GCM (baseline) | ${plain.toFixed(1)} | 1.00 |`,
  `| columnar batches (the enclave's rollup payload), brotli + AES-256-GCM | ${columnar.toFixed(1)} | ${(columnar / plain).toFixed(2)} |`,
  "",
  END,
].join("\n");
console.log(section);

if (process.argv.includes("--write")) {
  console.error(`wrote ${await writeBenchmarkSection(section, { begin: BEGIN, end: END })}`);
}
