import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { RollbackOutOfRangeError, type L2Block, type L2Chain } from "../src/index.ts";
import { hexBytes, openChain, signTx, tempDirectory } from "./helpers/chain.ts";
import { WALLETS, workloadBatch } from "./helpers/workload.ts";

interface Snapshot {
  block: L2Block;
  ledgerRoot: `0x${string}`;
  balances: bigint[];
  withdrawalRoot: `0x${string}`;
}

describe("rollback", () => {
  let dir: Awaited<ReturnType<typeof tempDirectory>>;
  let chain: L2Chain;
  const snapshots: Snapshot[] = [];
  const snapshot = async (): Promise<Snapshot> => ({
    block: chain.head,
    ledgerRoot: chain.ledgerRoot(),
    balances: await Promise.all(WALLETS.map((w) => chain.getBalance(w.address))),
    withdrawalRoot: (await chain.withdrawals(0n, chain.head.number)).withdrawalRoot,
  });
  const expectAt = async (n: number) => {
    const expected = snapshots[n]!;
    assert.deepEqual(chain.head, expected.block);
    assert.equal(chain.ledgerRoot(), expected.ledgerRoot);
    assert.deepEqual(await Promise.all(WALLETS.map((w) => chain.getBalance(w.address))), expected.balances);
    assert.equal((await chain.withdrawals(0n, chain.head.number)).withdrawalRoot, expected.withdrawalRoot);
    assert.equal(chain.nextDepositIndex, expected.block.depositCount);
  };

  before(async () => {
    dir = await tempDirectory();
    chain = await openChain(dir.path, { flushInterval: 4 });
    snapshots.push(await snapshot());
    for (let n = 1n; n <= 12n; n++) {
      await chain.executeBlock(await workloadBatch(n, chain.head.hash));
      snapshots.push(await snapshot());
    }
  });
  after(async () => {
    await chain.close();
    await dir.cleanup();
  });

  it("returns to an earlier block between two kept states: state, ledger, deposits, withdrawals", async () => {
    const removed = snapshots[11]!.block;
    await chain.rollbackTo(10n);
    await expectAt(10);
    assert.equal(await chain.getBlock(11n), undefined);
    assert.equal(await chain.getBlock(removed.hash), undefined);
    assert.equal(await chain.getReceipt(removed.transactionHashes[0]!), undefined);
    assert.equal(await chain.getTransaction(removed.transactionHashes[0]!), undefined);

    await chain.rollbackTo(6n);
    await expectAt(6);
    // Before the withdrawal of block 10, and before the deposit of block 7.
    assert.notEqual(snapshots[6]!.withdrawalRoot, snapshots[10]!.withdrawalRoot);
    assert.ok(snapshots[6]!.block.depositCount < snapshots[7]!.block.depositCount);
  });

  it("goes on from there with other blocks, and the replaced ones can come back", async () => {
    const other = await workloadBatch(7n, chain.head.hash);
    const alternative = await chain.executeBlock({ ...other, transactions: other.transactions.slice(0, 2) });
    assert.notEqual(alternative.hash, snapshots[7]!.block.hash);
    await chain.rollbackTo(6n);
    await expectAt(6);
    for (let n = 7n; n <= 12n; n++) await chain.executeBlock(await workloadBatch(n, chain.head.hash));
    await expectAt(12);
  });

  it("is durable: a reopened chain is at the block rolled back to", async () => {
    await chain.rollbackTo(3n);
    await chain.close();
    chain = await openChain(dir.path, { flushInterval: 4 });
    await expectAt(3);
    await chain.rollbackTo(0n);
    await expectAt(0);
    assert.equal(chain.ledgerRoot(), `0x${"00".repeat(32)}`);
  });

  it("refuses a block ahead of the head", async () => {
    await assert.rejects(chain.rollbackTo(chain.head.number + 1n), RollbackOutOfRangeError);
    await assert.rejects(chain.rollbackTo(-1n), RollbackOutOfRangeError);
  });

  it("keeps serving calls after a rollback (state caches dropped)", async () => {
    for (let n = 1n; n <= 2n; n++) await chain.executeBlock(await workloadBatch(n, chain.head.hash));
    const tx = await signTx(WALLETS[0]!, { nonce: 1, to: WALLETS[1]!.address, value: 1n, gas: 21_000n });
    assert.ok((await chain.validateTransaction(hexBytes(tx))).valid);
    assert.equal(await chain.getNonce(WALLETS[0]!.address), 1n);
  });
});
