import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { hexToBytes } from "viem";
import { ChainMismatchError, SealedDataError, StaticSealingKey, type L2Chain, type L2Receipt } from "../src/index.ts";
import { openChain, tempDirectory } from "./helpers/chain.ts";
import { WALLETS, workloadBatch } from "./helpers/workload.ts";

/** Every byte the chain wrote, for a search for plaintext. */
async function everything(directory: string): Promise<Buffer> {
  const files = await readdir(directory, { recursive: true, withFileTypes: true });
  return Buffer.concat(
    await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name)))),
  );
}

describe("persistence", () => {
  let dir: Awaited<ReturnType<typeof tempDirectory>>;
  let chain: L2Chain;
  const receipts: L2Receipt[] = [];

  before(async () => {
    dir = await tempDirectory();
    chain = await openChain(dir.path, { flushInterval: 3 });
    for (let n = 1n; n <= 11n; n++) {
      const block = await chain.executeBlock(await workloadBatch(n, chain.head.hash));
      receipts.push((await chain.getReceipt(block.transactionHashes.at(-1)!))!);
    }
  });
  after(async () => {
    await chain.close();
    await dir.cleanup();
  });

  it("reopens to the same head, state, receipts, logs, ledger and withdrawals", async () => {
    const head = chain.head;
    const ledgerRoot = chain.ledgerRoot();
    const balances = await Promise.all(WALLETS.map((w) => chain.getBalance(w.address)));
    const logs = await chain.getLogs({ fromBlock: 0n });
    const withdrawals = (await chain.withdrawals(0n, head.number)).withdrawalRoot;
    await chain.close();

    chain = await openChain(dir.path, { flushInterval: 3 });
    assert.deepEqual(chain.head, head);
    assert.equal(chain.ledgerRoot(), ledgerRoot);
    assert.deepEqual(await Promise.all(WALLETS.map((w) => chain.getBalance(w.address))), balances);
    for (const receipt of receipts) assert.deepEqual(await chain.getReceipt(receipt.transactionHash), receipt);
    assert.deepEqual(await chain.getLogs({ fromBlock: 0n }), logs);
    assert.equal((await chain.withdrawals(0n, head.number)).withdrawalRoot, withdrawals);
    assert.notEqual(withdrawals, `0x${"00".repeat(32)}`);
    // And it goes on from there.
    const next = await chain.executeBlock(await workloadBatch(head.number + 1n, head.hash));
    assert.equal(next.parentHash, head.hash);
  });

  it("writes nothing in the clear: no address, transaction or balance appears on disk", async () => {
    await chain.flush();
    const disk = await everything(dir.path);
    const block = (await chain.getBlock(5n))!;
    for (const needle of [
      hexToBytes(WALLETS[3]!.address),
      Buffer.from(WALLETS[3]!.address.slice(2).toLowerCase()),
      block.transactions[2]!.subarray(0, 40),
      hexToBytes(block.hash),
      hexToBytes(block.stateRoot),
    ]) {
      assert.equal(disk.includes(Buffer.from(needle)), false);
    }
  });

  it("refuses another sealing key and another chain", async () => {
    await chain.close();
    await assert.rejects(
      openChain(dir.path, { sealingKey: new StaticSealingKey(new Uint8Array(32).fill(8)) }),
      SealedDataError,
    );
    await assert.rejects(openChain(dir.path, { chainId: 444n }), ChainMismatchError);
    await assert.rejects(openChain(dir.path, { genesisTimestamp: 5n }), ChainMismatchError);
    chain = await openChain(dir.path);
  });
});
