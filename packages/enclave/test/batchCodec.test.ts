import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesToHex, hexToBytes, keccak256, parseEther, parseGwei, toHex, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { decodeRollupPayload, encodeRollupPayload, isErrorWithCode } from "@obscuro/sdk";
import { decodeBatch, encodeBatch, encodeBatches, type EncodedBatch } from "../src/rollup/batchCodec.ts";

const CHAIN_ID = 443;

/** `count` signed transactions of every kind the L2 takes, from fresh keys. */
async function mixedTransactions(count: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const account = privateKeyToAccount(generatePrivateKey());
    const to = i % 7 === 0 ? null : privateKeyToAccount(generatePrivateKey()).address;
    const base = {
      chainId: CHAIN_ID,
      nonce: i % 5,
      gas: 21_000n + BigInt(i * 1000),
      to,
      value: BigInt(i) * 10n ** 15n,
      data: i % 3 === 0 ? toHex(`call ${i}`) : undefined,
    };
    const kind = i % 3;
    const signed =
      kind === 0
        ? await account.signTransaction({ ...base, type: "legacy", gasPrice: parseGwei("3") })
        : kind === 1
          ? await account.signTransaction({
              ...base,
              type: "eip2930",
              gasPrice: parseGwei("2"),
              accessList: [{ address: account.address, storageKeys: [keccak256(toHex(i))] }],
            })
          : await account.signTransaction({
              ...base,
              type: "eip1559",
              maxFeePerGas: parseGwei("2"),
              maxPriorityFeePerGas: parseGwei("1"),
            });
    out.push(hexToBytes(signed));
  }
  return out;
}

function batchOf(transactions: Uint8Array[], n = 7n): EncodedBatch {
  return {
    number: n,
    parentHash: keccak256(toHex("parent")),
    hash: keccak256(toHex("hash")),
    timestamp: 1_800_000_000n,
    l1BlockNumber: 1234n,
    l1BlockHash: keccak256(toHex("l1")),
    coinbase: privateKeyToAccount(generatePrivateKey()).address,
    depositCount: 42n,
    transactions,
  };
}

describe("batch codec: columnar, byte for byte", () => {
  it("gives back every transaction byte for byte, of every type, creations and access lists included", async () => {
    const transactions = await mixedTransactions(300);
    const batch = batchOf(transactions);
    const decoded = decodeBatch(encodeBatch(batch, CHAIN_ID), CHAIN_ID);
    assert.deepEqual({ ...decoded, transactions: [] }, { ...batch, transactions: [] });
    assert.equal(decoded.transactions.length, transactions.length);
    decoded.transactions.forEach((tx, i) =>
      assert.equal(bytesToHex(tx), bytesToHex(transactions[i]!), `transaction ${i}`),
    );
  });

  it("costs under 90 bytes of L1 payload per transfer in a full rollup of 1,000 transfers from distinct senders", async () => {
    const transfers: Uint8Array[] = [];
    for (let i = 0; i < 1000; i++) {
      const signed = await privateKeyToAccount(generatePrivateKey()).signTransaction({
        chainId: CHAIN_ID,
        type: "eip1559",
        nonce: 0,
        to: privateKeyToAccount(generatePrivateKey()).address,
        value: parseEther("0.01") * BigInt(1 + (i % 20)),
        gas: 21_000n,
        maxFeePerGas: parseGwei("2"),
        maxPriorityFeePerGas: parseGwei("1"),
      });
      transfers.push(hexToBytes(signed));
    }
    // ten batches of a hundred, as a sequencer cuts them
    const batches = Array.from({ length: 10 }, (_, b) =>
      batchOf(transfers.slice(b * 100, b * 100 + 100), BigInt(b + 1)),
    );
    const epochKey = keccak256(toHex("epoch key"));
    const context = {
      chainId: 31337,
      rollupContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const,
      keyEpoch: 0,
    };
    const payload = encodeRollupPayload({ ...context, transactions: encodeBatches(batches, CHAIN_ID), epochKey });
    const perTransfer = payload.length / 1000;
    assert.ok(perTransfer < 90, `${perTransfer.toFixed(1)} bytes per transfer`);
    const items = decodeRollupPayload({ ...context, payload, epochKey });
    const back = items.flatMap((item) => decodeBatch(item, CHAIN_ID).transactions);
    assert.deepEqual(
      back.map((t) => bytesToHex(t)),
      transfers.map((t) => bytesToHex(t)),
    );
  });

  it("refuses what it could not carry unchanged, and anything that is not a batch", async () => {
    const other = await privateKeyToAccount(generatePrivateKey()).signTransaction({
      chainId: 1,
      type: "eip1559",
      nonce: 0,
      to: null,
      gas: 60_000n,
      maxFeePerGas: 1n,
      maxPriorityFeePerGas: 1n,
    });
    assert.throws(
      () => encodeBatch(batchOf([hexToBytes(other)]), CHAIN_ID),
      (e) => isErrorWithCode(e, "BATCH_ENCODING"),
    );
    const unprotected = await privateKeyToAccount(generatePrivateKey()).signTransaction({
      type: "legacy",
      nonce: 0,
      to: null,
      gas: 60_000n,
      gasPrice: 1n,
    });
    assert.throws(
      () => encodeBatch(batchOf([hexToBytes(unprotected)]), CHAIN_ID),
      (e) => isErrorWithCode(e, "BATCH_ENCODING"),
    );
    const good = encodeBatch(batchOf(await mixedTransactions(3)), CHAIN_ID);
    for (const junk of [
      new Uint8Array(),
      Uint8Array.of(2, ...good.subarray(1)),
      good.subarray(0, good.length - 5),
      Uint8Array.of(1, 0xc0),
      hexToBytes(keccak256("0x00") as Hex),
    ]) {
      assert.throws(
        () => decodeBatch(junk, CHAIN_ID),
        (e) => isErrorWithCode(e, "BATCH_ENCODING"),
      );
    }
  });
});
