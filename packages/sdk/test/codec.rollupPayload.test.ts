import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { brotliDecompressSync } from "node:zlib";
import fc from "fast-check";
import { decode as rlpDecode, encode as rlpEncode } from "@ethereumjs/rlp";
import { bytesToHex, hexToBytes, parseEther, parseGwei, type Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  computeRollupPayloadAad,
  decodeRollupPayload,
  deriveRollupEpochKey,
  encodeRollupPayload,
  generateMasterSecret,
  isErrorWithCode,
  MAX_ROLLUP_TRANSACTIONS_BYTES,
  ROLLUP_PAYLOAD_OVERHEAD,
} from "../src/index.ts";
import { brotli, referenceAad, referenceOpen, referenceSeal } from "./helpers/reference.ts";

const rollupContract: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const context = { chainId: 31337n, rollupContract, keyEpoch: 5n };
const masterSecret = generateMasterSecret();
const epochKey = deriveRollupEpochKey({ masterSecret, keyEpoch: context.keyEpoch });
const key = hexToBytes(epochKey);
const txsArb = fc.array(fc.uint8Array({ minLength: 0, maxLength: 300 }), { maxLength: 40 });
const code = (expected: string) => (error: unknown) => isErrorWithCode(error, expected);

/** Real signed L2 transactions, as a rollup carries them. */
async function signedTransactions(count: number): Promise<Uint8Array[]> {
  const sender = privateKeyToAccount(generatePrivateKey());
  return Promise.all(
    Array.from({ length: count }, async (_, nonce) =>
      hexToBytes(
        await sender.signTransaction({
          chainId: 443,
          type: "eip1559",
          nonce,
          to: privateKeyToAccount(generatePrivateKey()).address,
          value: parseEther("0.01"),
          gas: 21_000n,
          maxFeePerGas: parseGwei("2"),
          maxPriorityFeePerGas: parseGwei("1"),
        }),
      ),
    ),
  );
}

describe("rollup payload codec", () => {
  it("round-trips any list of transactions", () => {
    fc.assert(
      fc.property(txsArb, (transactions) => {
        const payload = encodeRollupPayload({ ...context, transactions, epochKey });
        assert.deepEqual(decodeRollupPayload({ ...context, payload, epochKey }), transactions);
      }),
      { numRuns: 60 },
    );
  });

  it("round-trips real signed transactions given as hex", async () => {
    const transactions = await signedTransactions(50);
    const payload = encodeRollupPayload({
      ...context,
      transactions: transactions.map((tx) => bytesToHex(tx)),
      epochKey,
    });
    assert.ok(payload.length < rlpEncode(transactions).length); // brotli earns its place
    assert.deepEqual(decodeRollupPayload({ ...context, payload: bytesToHex(payload), epochKey }), transactions);
  });

  it("has the documented layout: an independent AES-GCM/brotli/RLP reader opens it", () => {
    const transactions = [Uint8Array.of(1, 2, 3), new Uint8Array(200).fill(9)];
    const nonce = new Uint8Array(randomBytes(12));
    const payload = encodeRollupPayload({ ...context, transactions, epochKey, nonce });
    assert.equal(payload[0], 0x00);
    assert.deepEqual(payload.subarray(1, 13), nonce);
    const compressed = referenceOpen(key, context, payload);
    assert.equal(payload.length, ROLLUP_PAYLOAD_OVERHEAD + compressed.length);
    assert.deepEqual(rlpDecode(new Uint8Array(brotliDecompressSync(compressed))), transactions);
    assert.deepEqual(computeRollupPayloadAad(context), referenceAad(context));
    assert.equal(computeRollupPayloadAad(context).length, 37);
  });

  it("reads a payload sealed independently from the spec", () => {
    const transactions = [new Uint8Array(randomBytes(150)), new Uint8Array(0)];
    const payload = referenceSeal(key, new Uint8Array(randomBytes(12)), context, brotli(rlpEncode(transactions)));
    assert.deepEqual(decodeRollupPayload({ ...context, payload, epochKey }), transactions);
  });

  it("uses a fresh random nonce per encoding", () => {
    const a = encodeRollupPayload({ ...context, transactions: [], epochKey });
    const b = encodeRollupPayload({ ...context, transactions: [], epochKey });
    assert.notDeepEqual(a.subarray(1, 13), b.subarray(1, 13));
  });

  it("any brotli quality decodes the same", () => {
    const transactions = [new Uint8Array(500).fill(1), Uint8Array.of(2)];
    for (const quality of [0, 5, 11]) {
      const payload = encodeRollupPayload({ ...context, transactions, epochKey, quality });
      assert.deepEqual(decodeRollupPayload({ ...context, payload, epochKey }), transactions);
    }
  });

  it("binds the chain, the contract and the epoch: another context fails with PAYLOAD_AUTHENTICATION_FAILED", () => {
    const payload = encodeRollupPayload({ ...context, transactions: [Uint8Array.of(1)], epochKey });
    const others = [
      { ...context, chainId: 1n },
      { ...context, rollupContract: "0x5FbDB2315678afecb367f032d93F642f64180aa4" as Address },
      { ...context, keyEpoch: 6n },
    ];
    for (const other of others)
      assert.throws(() => decodeRollupPayload({ ...other, payload, epochKey }), code("PAYLOAD_AUTHENTICATION_FAILED"));
    const wrongKey = deriveRollupEpochKey({ masterSecret, keyEpoch: 6n });
    assert.throws(
      () => decodeRollupPayload({ ...context, payload, epochKey: wrongKey }),
      code("PAYLOAD_AUTHENTICATION_FAILED"),
    );
  });

  it("fails with PAYLOAD_AUTHENTICATION_FAILED when any bit after the version byte is flipped", () => {
    const payload = encodeRollupPayload({ ...context, transactions: [new Uint8Array(64).fill(3)], epochKey });
    fc.assert(
      fc.property(fc.integer({ min: 8, max: payload.length * 8 - 1 }), (bit) => {
        const tampered = Uint8Array.from(payload);
        tampered[bit >> 3]! ^= 1 << (bit & 7);
        assert.throws(
          () => decodeRollupPayload({ ...context, payload: tampered, epochKey }),
          code("PAYLOAD_AUTHENTICATION_FAILED"),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("fails with UNSUPPORTED_PAYLOAD_VERSION for any other version byte", () => {
    const payload = encodeRollupPayload({ ...context, transactions: [], epochKey });
    for (const version of [0x01, 0x02, 0xff]) {
      const other = Uint8Array.from(payload);
      other[0] = version;
      assert.throws(
        () => decodeRollupPayload({ ...context, payload: other, epochKey }),
        code("UNSUPPORTED_PAYLOAD_VERSION"),
      );
    }
  });

  it("fails with MALFORMED_ROLLUP_PAYLOAD below version + nonce + tag, and authentication fails on any other cut", () => {
    const payload = encodeRollupPayload({ ...context, transactions: [Uint8Array.of(1)], epochKey });
    for (let length = 0; length < payload.length; length++) {
      const expected = length < ROLLUP_PAYLOAD_OVERHEAD ? "MALFORMED_ROLLUP_PAYLOAD" : "PAYLOAD_AUTHENTICATION_FAILED";
      assert.throws(
        () => decodeRollupPayload({ ...context, payload: payload.subarray(0, length), epochKey }),
        code(expected),
        `length ${length}`,
      );
    }
  });

  it("fails with PAYLOAD_TOO_LARGE on a decompression bomb, without inflating it", () => {
    // A key holder could seal a small brotli stream of a huge output: 64 MiB of zeros in 12 KB.
    const bomb = brotli(new Uint8Array(64 * 1024 * 1024), 1);
    assert.ok(bomb.length < 16 * 1024);
    const payload = referenceSeal(key, new Uint8Array(12), context, bomb);
    const before = process.memoryUsage().arrayBuffers;
    assert.throws(() => decodeRollupPayload({ ...context, payload, epochKey }), code("PAYLOAD_TOO_LARGE"));
    assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024);
  });

  it("accepts a list that decompresses to exactly the cap", () => {
    // rlp([string of n bytes]) = 0xf9/0xfa header + string header + n bytes; solve for the total = cap
    const n = MAX_ROLLUP_TRANSACTIONS_BYTES - 8;
    const transactions = [new Uint8Array(n)];
    const rlp = rlpEncode(transactions);
    const exact = [new Uint8Array(n + MAX_ROLLUP_TRANSACTIONS_BYTES - rlp.length)];
    assert.equal(rlpEncode(exact).length, MAX_ROLLUP_TRANSACTIONS_BYTES);
    const payload = encodeRollupPayload({ ...context, transactions: exact, epochKey, quality: 1 });
    assert.deepEqual(decodeRollupPayload({ ...context, payload, epochKey }), exact);
    const over = [new Uint8Array(exact[0]!.length + 1)];
    assert.throws(() => encodeRollupPayload({ ...context, transactions: over, epochKey }), code("PAYLOAD_TOO_LARGE"));
    const sealedOver = referenceSeal(key, new Uint8Array(12), context, brotli(rlpEncode(over), 1));
    assert.throws(() => decodeRollupPayload({ ...context, payload: sealedOver, epochKey }), code("PAYLOAD_TOO_LARGE"));
  });

  it("fails with PAYLOAD_DECOMPRESSION_FAILED when the authenticated plaintext is not brotli", () => {
    // Fixed inputs: random bytes are occasionally a valid brotli stream, which made this test flaky.
    const truncated = brotli(rlpEncode([new Uint8Array(1000).fill(7)])).subarray(0, -2);
    for (const plaintext of [new Uint8Array(100).fill(0xff), truncated]) {
      const payload = referenceSeal(key, new Uint8Array(12), context, plaintext);
      assert.throws(() => decodeRollupPayload({ ...context, payload, epochKey }), code("PAYLOAD_DECOMPRESSION_FAILED"));
    }
  });

  it("fails with MALFORMED_TRANSACTION_LIST when the plaintext is not one canonical RLP list of strings", () => {
    const cases: [string, Uint8Array][] = [
      ["a string, not a list", rlpEncode(Uint8Array.of(1, 2, 3))],
      ["a nested list", rlpEncode([Uint8Array.of(1), [Uint8Array.of(2)]])],
      ["trailing bytes", Uint8Array.of(...rlpEncode([Uint8Array.of(1)]), 0x00)],
      ["non-canonical single byte", Uint8Array.of(0xc2, 0x81, 0x01)],
      ["truncated list", Uint8Array.of(0xc5, 0x83, 1, 2, 3)],
      ["empty input", new Uint8Array(0)],
    ];
    for (const [name, rlp] of cases) {
      const payload = referenceSeal(key, new Uint8Array(12), context, brotli(rlp));
      assert.throws(
        () => decodeRollupPayload({ ...context, payload, epochKey }),
        code("MALFORMED_TRANSACTION_LIST"),
        name,
      );
    }
  });

  it("refuses malformed parameters with typed errors", () => {
    const base = { ...context, transactions: [], epochKey };
    const invalid = "INVALID_ROLLUP_PAYLOAD_PARAMETER";
    assert.throws(() => encodeRollupPayload({ ...base, nonce: new Uint8Array(11) }), code(invalid));
    assert.throws(() => encodeRollupPayload({ ...base, quality: 12 }), code(invalid));
    assert.throws(() => encodeRollupPayload({ ...base, chainId: 0 }), code(invalid));
    assert.throws(() => encodeRollupPayload({ ...base, chainId: 2n ** 64n }), code(invalid));
    assert.throws(() => encodeRollupPayload({ ...base, rollupContract: "0x1234" }), code(invalid));
    assert.throws(() => encodeRollupPayload({ ...base, transactions: ["0xz" as never] }), code(invalid));
    assert.throws(() => encodeRollupPayload({ ...base, keyEpoch: -1 }), code("INVALID_KEY_EPOCH"));
    assert.throws(() => encodeRollupPayload({ ...base, epochKey: "0x00" }), code("INVALID_EPOCH_KEY"));
    assert.throws(
      () => decodeRollupPayload({ ...context, payload: "0xq" as never, epochKey }),
      code("MALFORMED_ROLLUP_PAYLOAD"),
    );
  });
});
