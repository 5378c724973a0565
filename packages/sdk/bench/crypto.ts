/**
 * Benchmarks of the SDK's cryptography and data codecs. Prints a Markdown table and, with
 * `--write`, replaces its section of docs/benchmarks.md (between the bench:sdk-crypto markers).
 *
 *   npm run bench -w @obscuro/sdk            measure and write docs/benchmarks.md
 *   node bench/crypto.ts                    measure and print only
 *
 * Each row is the median of repeated runs after a warm-up. Transactions are real signed EIP-1559
 * L2 transfers (about 140 bytes each) from 50 senders to 200 recipients, one in five with a
 * 68-byte ERC-20 transfer call, so compression sees realistic redundancy.
 */
import { cpus, totalmem, platform, arch } from "node:os";
import { encodeFunctionData, erc20Abi, hexToBytes, parseEther, parseGwei } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { randomBytes } from "node:crypto";
import {
  assertBlobVersionedHashes,
  buildRollupBlobs,
  decodeBlobs,
  decodeRollupPayload,
  decryptMasterSecret,
  DEFAULT_BROTLI_QUALITY,
  deriveNetworkKey,
  deriveRollupEpochKey,
  eciesDecrypt,
  eciesEncrypt,
  encodeBlobs,
  encodeRollupPayload,
  encryptMasterSecret,
  generateEnclaveKey,
  generateMasterSecret,
  getKzg,
  MAX_BLOB_PAYLOAD_BYTES,
} from "../src/index.ts";
import { writeBenchmarkSection } from "../../../bench/benchmarksDoc.ts";

const BEGIN = "<!-- bench:sdk-crypto:begin -->";
const END = "<!-- bench:sdk-crypto:end -->";

interface Row {
  operation: string;
  median: number;
  note?: string;
}

function measure(fn: () => unknown, { minRuns = 5, minMs = 300 } = {}): number {
  fn(); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
    if (samples.length >= 10_000) break;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function typicalTransactions(count: number): Promise<Uint8Array[]> {
  const senders = Array.from({ length: 50 }, () => privateKeyToAccount(generatePrivateKey()));
  const recipients = Array.from({ length: 200 }, () => privateKeyToAccount(generatePrivateKey()).address);
  const transactions: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const call = i % 5 === 0;
    const signed = await senders[i % senders.length]!.signTransaction({
      chainId: 443,
      type: "eip1559",
      nonce: Math.floor(i / senders.length),
      to: recipients[(i * 7) % recipients.length]!,
      value: call ? 0n : parseEther("0.001") * BigInt(1 + (i % 13)),
      gas: call ? 60_000n : 21_000n,
      maxFeePerGas: parseGwei("2"),
      maxPriorityFeePerGas: parseGwei("1"),
      data: call
        ? encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [recipients[i % 200]!, 10n ** 18n] })
        : undefined,
    });
    transactions.push(hexToBytes(signed));
  }
  return transactions;
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3));
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

const rows: Row[] = [];
const add = (operation: string, median: number, note?: string) => {
  rows.push({ operation, median, note });
  console.error(`${operation}: ${fmt(median)} ms${note ? ` (${note})` : ""}`);
};

// Keys and ECIES
const enclave = generateEnclaveKey();
const masterSecret = generateMasterSecret();
add(
  "generateEnclaveKey",
  measure(() => generateEnclaveKey()),
);
const secretCiphertext = encryptMasterSecret({ masterSecret, publicKey: enclave.publicKey });
add(
  "eciesEncrypt, 32 B (master secret)",
  measure(() => eciesEncrypt({ publicKey: enclave.publicKey, plaintext: hexToBytes(masterSecret) })),
  "129 B out",
);
add(
  "eciesDecrypt, 32 B",
  measure(() => eciesDecrypt({ privateKey: enclave.privateKey, ciphertext: secretCiphertext })),
);
const big = new Uint8Array(randomBytes(64 * 1024));
const bigCiphertext = eciesEncrypt({ publicKey: enclave.publicKey, plaintext: big });
add(
  "eciesEncrypt, 64 KiB",
  measure(() => eciesEncrypt({ publicKey: enclave.publicKey, plaintext: big })),
);
add(
  "eciesDecrypt, 64 KiB",
  measure(() => eciesDecrypt({ privateKey: enclave.privateKey, ciphertext: bigCiphertext })),
);
const networkKey = deriveNetworkKey({ masterSecret }).address;
add(
  "decryptMasterSecret (ECIES + network key + check)",
  measure(() =>
    decryptMasterSecret({
      ciphertext: secretCiphertext,
      privateKey: enclave.privateKey,
      expectedNetworkKey: networkKey,
    }),
  ),
);
add(
  "deriveNetworkKey",
  measure(() => deriveNetworkKey({ masterSecret })),
);
add(
  "deriveRollupEpochKey",
  measure(() => deriveRollupEpochKey({ masterSecret, keyEpoch: 7n })),
);

// Rollup payload
const context = { chainId: 1n, rollupContract: "0x4200000000000000000000000000000000000042" as const, keyEpoch: 7n };
const epochKey = deriveRollupEpochKey({ masterSecret, keyEpoch: context.keyEpoch });
const all = await typicalTransactions(1000);
const averageSize = all.reduce((sum, tx) => sum + tx.length, 0) / all.length;
for (const count of [100, 1000]) {
  const transactions = all.slice(0, count);
  const raw = transactions.reduce((sum, tx) => sum + tx.length, 0);
  for (const quality of [DEFAULT_BROTLI_QUALITY, 11]) {
    const payload = encodeRollupPayload({ ...context, transactions, epochKey, quality });
    add(
      `encodeRollupPayload, ${count} txs, brotli ${quality}${quality === DEFAULT_BROTLI_QUALITY ? " (default)" : ""}`,
      measure(() => encodeRollupPayload({ ...context, transactions, epochKey, quality })),
      `${kb(raw)} of txs → ${kb(payload.length)} (${((100 * payload.length) / raw).toFixed(0)}%)`,
    );
    if (quality === DEFAULT_BROTLI_QUALITY)
      add(
        `decodeRollupPayload, ${count} txs`,
        measure(() => decodeRollupPayload({ ...context, payload, epochKey })),
      );
  }
}

// Blobs
let t = performance.now();
getKzg();
add("getKzg: first call (load trusted setup)", performance.now() - t, "once per process");
const oneBlobPayload = new Uint8Array(randomBytes(100_000));
add(
  "encodeBlobs, 1 blob",
  measure(() => encodeBlobs({ payload: oneBlobPayload })),
);
const sixBlobPayload = new Uint8Array(randomBytes(MAX_BLOB_PAYLOAD_BYTES));
const sixBlobs = encodeBlobs({ payload: sixBlobPayload });
add(
  "encodeBlobs, 6 blobs (744 KiB)",
  measure(() => encodeBlobs({ payload: sixBlobPayload })),
);
add(
  "decodeBlobs, 6 blobs",
  measure(() => decodeBlobs({ blobs: sixBlobs })),
);
add(
  "buildRollupBlobs, 1 blob (commitment + proof)",
  measure(() => buildRollupBlobs({ payload: oneBlobPayload }), { minRuns: 5, minMs: 0 }),
);
const built = buildRollupBlobs({ payload: sixBlobPayload });
add(
  "buildRollupBlobs, 6 blobs",
  measure(() => buildRollupBlobs({ payload: sixBlobPayload }), { minRuns: 3, minMs: 0 }),
);
add(
  "buildRollupBlobs, 1 blob + 128 cell proofs",
  measure(() => buildRollupBlobs({ payload: oneBlobPayload, cellProofs: true }), { minRuns: 3, minMs: 0 }),
  "EIP-7594 wrapper",
);
add(
  "assertBlobVersionedHashes, 6 blobs",
  measure(() => assertBlobVersionedHashes({ blobs: built.blobs, versionedHashes: built.versionedHashes }), {
    minRuns: 3,
    minMs: 0,
  }),
);

t = performance.now();
const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"} (${cpu.length} logical cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${arch()}, Node ${process.version}`;
const table = [
  "| operation | median | note |",
  "| --- | ---: | --- |",
  ...rows.map(({ operation, median, note }) => `| ${operation} | ${fmt(median)} ms | ${note ?? ""} |`),
].join("\n");
const section = [
  BEGIN,
  "",
  "## SDK cryptography and data codecs",
  "",
  `Measured by \`npm run bench -w @obscuro/sdk\` (\`packages/sdk/bench/crypto.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
  `Median of repeated runs after a warm-up; single-threaded. Transactions: real signed EIP-1559 L2 transfers, ${averageSize.toFixed(0)} bytes on average, one in five an ERC-20 call.`,
  "",
  table,
  "",
  END,
].join("\n");
console.log(section);

if (process.argv.includes("--write")) {
  console.error(`wrote ${await writeBenchmarkSection(section, { begin: BEGIN, end: END })}`);
}
