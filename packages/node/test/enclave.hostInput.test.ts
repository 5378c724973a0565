import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseEther, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { EnclaveRpcError } from "@obscuro/enclave/rpc";
import { DEV_ENCLAVE_MEASUREMENT, devAuditors, startDevL1, type DevL1 } from "@obscuro/sdk/devtools";
import { collectL1Blocks, EnclaveDriver, toFeed } from "./helpers/enclaveDriver.ts";

const refused = (e: unknown) => e instanceof EnclaveRpcError && e.remoteCode === "L1_BLOCK_REFUSED";

/**
 * Issue 13: the host cannot cheat the enclave. It feeds L1 blocks, but the enclave takes only
 * blocks on an unbroken parent-hash chain, re-hashed from their headers, with every receipt of a
 * block that may hold a protocol event checked against the receipts root. A forged deposit log, a
 * broken parent chain and a hidden reorg are each refused; the enclave's state does not move.
 */
describe("the enclave refuses what a cheating host feeds it (issue 13)", () => {
  let l1: DevL1;
  let enclave: EnclaveDriver;
  const alice = privateKeyToAccount(generatePrivateKey());

  const collect = (from: bigint) => collectL1Blocks(l1, from);

  async function head() {
    return (await enclave.rpc.call("getStatus", {})).l1Head!;
  }

  before(async () => {
    l1 = await startDevL1();
    await l1.mined(l1.wallet(0).approveMeasurement({ measurement: DEV_ENCLAVE_MEASUREMENT, auditors: devAuditors() }));
    enclave = await EnclaveDriver.start(l1, l1.wallet(1));
    await enclave.sync();
  });
  after(async () => {
    await enclave?.stop();
    await l1?.stop();
  });

  it("refuses a forged deposit log, a made-up receipt, and missing receipts, and keeps its head", async () => {
    const start = (await head()).number + 1n;
    await l1.mined(l1.wallet(2).depositEth({ to: alice.address, amount: parseEther("1") }));
    const [block] = (await collect(start)).slice(-1);
    assert.ok(block?.receipts?.length, "a deposit block, with receipts");
    const before = await head();

    // the deposit's amount raised in its log
    const forged = structuredClone(block);
    const log = forged
      .receipts!.flatMap((r) => r.logs)
      .find((l) => l.address.toLowerCase() === l1.manifest.contracts.BridgeManagement.toLowerCase())!;
    log.data = `${log.data.slice(0, -2)}ff` as Hex;
    await assert.rejects(enclave.rpc.call("feedL1Block", toFeed(forged)), refused);

    // a whole receipt added
    const padded = structuredClone(block);
    padded.receipts!.push(structuredClone(padded.receipts![0]!));
    await assert.rejects(enclave.rpc.call("feedL1Block", toFeed(padded)), refused);

    // the receipts withheld for a block whose bloom may hold a protocol event
    const bare = { ...structuredClone(block), receipts: undefined };
    await assert.rejects(enclave.rpc.call("feedL1Block", toFeed(bare)), refused);

    // a header altered to commit to other receipts no longer hashes to itself
    const rehashed = structuredClone(block);
    rehashed.header = { ...rehashed.header, receiptsRoot: `0x${"ab".repeat(32)}` };
    await assert.rejects(enclave.rpc.call("feedL1Block", toFeed(rehashed)), refused);

    assert.deepEqual(await head(), before, "nothing moved");
    assert.equal((await enclave.rpc.call("getStatus", {})).depositsSeen, 0n);
    const accepted = await enclave.rpc.call("feedL1Block", toFeed(block));
    assert.equal(accepted.deposits, 1, "the real block is taken");
  });

  it("refuses a block that does not extend its chain: a gap, or a parent it never accepted", async () => {
    const start = (await head()).number + 1n;
    await l1.testClient.mine({ blocks: 3 });
    const blocks = await collect(start);
    const before = await head();
    await assert.rejects(enclave.rpc.call("feedL1Block", toFeed(blocks[1]!)), refused, "a gap");
    const orphan = structuredClone(blocks[0]!);
    orphan.header = { ...orphan.header, parentHash: `0x${"11".repeat(32)}` };
    await assert.rejects(enclave.rpc.call("feedL1Block", toFeed(orphan)), refused, "an unknown parent");
    assert.deepEqual(await head(), before);
    for (const block of blocks) await enclave.rpc.call("feedL1Block", toFeed(block));
    assert.equal((await head()).hash, blocks.at(-1)!.hash);
  });

  it("cannot be made to miss a reorg: the new chain is taken only from the fork, and what the old one held is forgotten", async () => {
    const fork = await head();
    const snapshot = await l1.testClient.snapshot();
    await l1.mined(l1.wallet(2).depositEth({ to: alice.address, amount: parseEther("2") }));
    const old = await collect(fork.number + 1n);
    for (const block of old) await enclave.rpc.call("feedL1Block", toFeed(block));
    const seen = (await enclave.rpc.call("getStatus", {})).depositsSeen;
    // L1 reorganizes: the deposit's block is replaced by an empty one, and the chain grows
    await l1.testClient.revert({ id: snapshot });
    await l1.testClient.setNextBlockTimestamp({ timestamp: BigInt(Math.floor(Date.now() / 1000) + 600) });
    await l1.testClient.mine({ blocks: 3 });
    const replacement = await collect(fork.number + 1n);
    assert.notEqual(replacement[0]!.hash, old[0]!.hash);
    // a host hiding the reorg feeds the new chain's later block on top of the old one: refused
    await assert.rejects(enclave.rpc.call("feedL1Block", toFeed(replacement.at(-1)!)), refused);
    // from the fork it is taken, and the old branch's deposit is gone
    const taken = await enclave.rpc.call("feedL1Block", toFeed(replacement[0]!));
    assert.equal(taken.reorgedTo, fork.number);
    for (const block of replacement.slice(1)) await enclave.rpc.call("feedL1Block", toFeed(block));
    const after = await enclave.rpc.call("getStatus", {});
    assert.equal(after.depositsSeen, seen - 1n, "the reorged-away deposit is forgotten");
    assert.equal(after.l1Head?.hash, replacement.at(-1)!.hash);
  });
});
