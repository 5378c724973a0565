import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBlockHeaderFromRLP, genTransactionsTrieRoot } from "@ethereumjs/block";
import { createTxFromRLP } from "@ethereumjs/tx";
import { bytesToHex, keccak256, type Hex } from "viem";
import { l2BridgeDeployedBytecode } from "@obscuro/sdk";
import {
  BLOCK_GAS_LIMIT,
  BlockRefusal,
  L2_BRIDGE_ADDRESS,
  createL2Common,
  InvalidBlockError,
  TransactionRefusal,
  type BatchInput,
  type L2Chain,
} from "../src/index.ts";
import { deposits, ETHER, hexBytes, nextBatch, openChain, signTx, tempDirectory, wallet } from "./helpers/chain.ts";

describe("blocks", () => {
  const dirs: Awaited<ReturnType<typeof tempDirectory>>[] = [];
  let sequencer: L2Chain;
  let validator: L2Chain;
  const alice = wallet(31);
  const bob = wallet(32);
  const common = createL2Common(443n);

  const transfer = async (nonce: number, value = 1n): Promise<Uint8Array> =>
    hexBytes(await signTx(alice, { nonce, to: bob.address, value, gas: 21_000n }));

  before(async () => {
    for (let i = 0; i < 2; i++) dirs.push(await tempDirectory());
    sequencer = await openChain(dirs[0]!.path);
    validator = await openChain(dirs[1]!.path);
    const funding = nextBatch(sequencer, {
      deposits: deposits(sequencer, [{ to: alice.address, amountOrId: 2n * ETHER }]),
    });
    await sequencer.executeBlock(funding);
    await validator.executeBlock(funding);
  });
  after(async () => {
    await sequencer.close();
    await validator.close();
    for (const dir of dirs) await dir.cleanup();
  });

  it("start from the same genesis on every node: the bridge predeployed, nothing else", async () => {
    assert.equal(sequencer.genesisHash, validator.genesisHash);
    const genesis = (await sequencer.getBlock(0n))!;
    assert.equal(genesis.hash, sequencer.genesisHash);
    assert.equal(genesis.stateRoot, (await validator.getBlock(0n))!.stateRoot);
    assert.equal(await sequencer.getCode(L2_BRIDGE_ADDRESS), l2BridgeDeployedBytecode.toLowerCase());
    assert.equal(await sequencer.getNonce(L2_BRIDGE_ADDRESS), 1n);
    assert.equal(genesis.transactionHashes.length, 0);
  });

  it("have standard headers: hash = keccak256(rlp(header)), roots as ethereumjs computes them", async () => {
    const block = await sequencer.executeBlock(
      nextBatch(sequencer, { transactions: [await transfer(0), await transfer(1)] }),
    );
    await validator.executeBlock(nextBatch(validator, { transactions: block.transactions }), {
      expectedHash: block.hash,
    });
    assert.equal(block.hash, keccak256(block.headerRlp));
    const header = createBlockHeaderFromRLP(block.headerRlp, { common });
    assert.equal(bytesToHex(header.hash()), block.hash);
    assert.equal(bytesToHex(header.stateRoot), block.stateRoot);
    assert.equal(bytesToHex(header.parentBeaconBlockRoot!), block.l1BlockHash);
    const txs = block.transactions.map((raw) => createTxFromRLP(raw, { common }));
    assert.equal(bytesToHex(await genTransactionsTrieRoot(txs)), block.transactionsRoot);
    assert.equal(block.gasUsed, 42_000n);
    assert.equal(block.baseFeePerGas, header.baseFeePerGas);
    const parent = (await sequencer.getBlock(block.number - 1n))!;
    assert.equal(block.baseFeePerGas, createBlockHeaderFromRLP(parent.headerRlp, { common }).calcNextBaseFee());
  });

  it("rejects a block from elsewhere with an invalid transaction, atomically", async () => {
    const head = validator.head;
    const balance = await validator.getBalance(alice.address);
    const bad = nextBatch(validator, { transactions: [await transfer(2), await transfer(2), await transfer(3)] });
    await assert.rejects(validator.executeBlock(bad), (error) => {
      assert.ok(error instanceof InvalidBlockError);
      assert.equal(error.reason, BlockRefusal.InvalidTransaction);
      assert.equal(error.transactionIndex, 1);
      assert.equal((error.cause as { reason?: string }).reason, TransactionRefusal.NonceTooLow);
      return true;
    });
    assert.equal(validator.head.hash, head.hash);
    assert.equal(await validator.getBalance(alice.address), balance);
    assert.equal(await validator.getNonce(alice.address), 2n);
    assert.equal(
      await validator.getReceipt(bytesToHex(createTxFromRLP(await transfer(2), { common }).hash())),
      undefined,
    );
  });

  it("rejects a block that is not the next one", async () => {
    const refused = async (batch: BatchInput, reason: BlockRefusal) =>
      assert.rejects(validator.executeBlock(batch), (e) => e instanceof InvalidBlockError && e.reason === reason);
    await refused(nextBatch(validator, { number: validator.head.number + 2n }), BlockRefusal.WrongNumber);
    await refused(nextBatch(validator, { parentHash: validator.head.parentHash }), BlockRefusal.WrongParent);
    await refused(
      nextBatch(validator, { timestamp: validator.head.timestamp - 1n }),
      BlockRefusal.TimestampBeforeParent,
    );
    await refused(
      nextBatch(validator, { l1BlockNumber: validator.head.l1BlockNumber - 1n }),
      BlockRefusal.L1BlockBeforeParent,
    );
    await refused(
      nextBatch(validator, { l1BlockNumber: validator.head.l1BlockNumber, l1BlockHash: `0x${"ab".repeat(32)}` }),
      BlockRefusal.L1BlockHashMismatch,
    );
  });

  it("rejects a block whose result differs from the announced hash, and stays usable", async () => {
    const batch = nextBatch(validator, { transactions: [await transfer(2)] });
    const balance = await validator.getBalance(bob.address);
    await assert.rejects(
      validator.executeBlock(batch, { expectedHash: `0x${"11".repeat(32)}` as Hex }),
      (e) => e instanceof InvalidBlockError && e.reason === BlockRefusal.HashMismatch,
    );
    assert.equal(await validator.getBalance(bob.address), balance);
    assert.equal(await validator.getNonce(alice.address), 2n);
    // The same block, once announced correctly, applies.
    const built = await sequencer.executeBlock(nextBatch(sequencer, { transactions: batch.transactions }));
    await validator.executeBlock(nextBatch(validator, { transactions: batch.transactions }), {
      expectedHash: built.hash,
    });
    assert.equal(await validator.getBalance(bob.address), balance + 1n);
  });

  it("buildBlock keeps the valid candidates in order and says why it left the others out", async () => {
    const candidates = [
      await transfer(3),
      await transfer(3), // used nonce
      hexBytes(await signTx(alice, { nonce: 4, to: bob.address, value: 10n * ETHER, gas: 21_000n })), // no funds
      await transfer(4),
      Uint8Array.of(0x02, 0x01), // garbage
      await transfer(6), // gap
      await transfer(5),
    ];
    const head = sequencer.head;
    const { block, excluded } = await sequencer.buildBlock({
      timestamp: head.timestamp + 1n,
      l1BlockNumber: head.l1BlockNumber,
      l1BlockHash: head.l1BlockHash,
      coinbase: head.coinbase,
      deposits: [],
      transactions: candidates,
    });
    assert.deepEqual(block.transactions, [candidates[0], candidates[3], candidates[6]]);
    assert.deepEqual(
      excluded.map((e) => [e.index, e.error.reason]),
      [
        [1, TransactionRefusal.NonceTooLow],
        [2, TransactionRefusal.InsufficientFunds],
        [4, TransactionRefusal.Malformed],
        [5, TransactionRefusal.NonceTooHigh],
      ],
    );
    // Another node executing the built block strictly reaches the same hash.
    const replayed = await validator.executeBlock(
      {
        ...nextBatch(validator, { transactions: block.transactions }),
        timestamp: block.timestamp,
        l1BlockNumber: block.l1BlockNumber,
        l1BlockHash: block.l1BlockHash,
        coinbase: block.coinbase,
      },
      { expectedHash: block.hash },
    );
    assert.equal(replayed.stateRoot, block.stateRoot);
  });

  it("admits a transaction only if its gas limit fits what the block has left", async () => {
    const head = sequencer.head;
    const withGas = async (nonce: number, gas: bigint) =>
      hexBytes(await signTx(alice, { nonce, to: bob.address, gas }));
    const { block, excluded } = await sequencer.buildBlock({
      timestamp: head.timestamp + 1n,
      l1BlockNumber: head.l1BlockNumber,
      l1BlockHash: head.l1BlockHash,
      coinbase: head.coinbase,
      deposits: [],
      // After the first uses 21,000 gas, a 60M limit no longer fits; a smaller one still does.
      transactions: [
        await withGas(6, 21_000n),
        await withGas(7, BLOCK_GAS_LIMIT),
        await withGas(7, BLOCK_GAS_LIMIT - 21_000n),
      ],
    });
    assert.equal(block.transactions.length, 2);
    assert.deepEqual(
      excluded.map((e) => [e.index, e.error.reason]),
      [[1, TransactionRefusal.GasLimitTooHigh]],
    );
  });
});
