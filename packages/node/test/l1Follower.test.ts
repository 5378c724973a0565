import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, custom, keccak256, parseEther, toHex, zeroHash, type PublicClient } from "viem";
import { foundry } from "viem/chains";
import { pino } from "pino";
import {
  buildRollupBlobs,
  deriveRollupEpochKey,
  encodeRollupPayload,
  signRollupHeader,
  type RollupHeader,
} from "@obscuro/sdk";
import { foundDevNetwork, startDevL1, type DevL1, type FoundDevNetworkReturnType } from "@obscuro/sdk/devtools";
import { HostDatabase } from "../src/db/HostDatabase.ts";
import { BlobFetcher } from "../src/l1/BlobFetcher.ts";
import { L1Follower, type FollowedL1Block } from "../src/l1/L1Follower.ts";

const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });

describe("L1 follower: blocks in order, receipts when they matter, verified blobs, reorgs, outages", () => {
  let l1: DevL1;
  let client: PublicClient;
  let founded: FoundDevNetworkReturnType;

  const follower = (db: HostDatabase, seen: FollowedL1Block[], reorgs: bigint[] = [], c: PublicClient = client) =>
    new L1Follower({
      client: c,
      db,
      blobs: new BlobFetcher({ beaconUrl: l1.anvil.rpcUrl, db, logger }),
      logger,
      watch: [
        l1.manifest.contracts.BridgeManagement,
        l1.manifest.contracts.RollupManagement,
        l1.manifest.contracts.NetworkManagement,
      ],
      rollupManagement: l1.manifest.contracts.RollupManagement,
      startBlock: l1.manifest.deployBlock,
      onBlock: async (block) => {
        seen.push(block);
      },
      onReorg: async (ancestor) => {
        reorgs.push(ancestor.number);
        seen.splice(seen.findIndex((b) => b.number > ancestor.number));
      },
    });

  async function drain(f: L1Follower): Promise<void> {
    for (let i = 0; i < 1000 && (await f.step()); i++);
  }

  before(async () => {
    l1 = await startDevL1();
    client = l1.publicClient as unknown as PublicClient;
    founded = await foundDevNetwork(l1.wallet(0), { operator: l1.wallet(1).account });
  });
  after(async () => l1?.stop());

  it("hands over every block from the deployment on, with receipts only where a protocol event may be", async () => {
    const db = HostDatabase.open(":memory:");
    const seen: FollowedL1Block[] = [];
    await l1.testClient.mine({ blocks: 2 }); // blocks without protocol events
    const deployer = l1.wallet(0);
    const deposit = await l1.mined(deployer.depositEth({ to: deployer.account.address, amount: parseEther("1") }));
    const f = follower(db, seen);
    await drain(f);
    const head = await client.getBlockNumber({ cacheTime: 0 });
    assert.deepEqual(
      seen.map((b) => b.number),
      Array.from({ length: Number(head - l1.manifest.deployBlock) + 1 }, (_, i) => l1.manifest.deployBlock + BigInt(i)),
    );
    for (let i = 1; i < seen.length; i++) assert.equal(seen[i]!.parentHash, seen[i - 1]!.hash);
    const depositBlock = seen.find((b) => b.number === deposit.blockNumber)!;
    assert.ok(depositBlock.receipts?.some((r) => r.transactionHash === deposit.transactionHash));
    const empty = seen.find((b) => b.number === deposit.blockNumber - 1n)!;
    assert.equal(empty.receipts, undefined, "an empty block: the bloom rules it out");
    assert.equal(db.latestL1Block()?.number, head);
  });

  it("brings a blob rollup's blobs, checked against the versioned hashes, and keeps them", async () => {
    const db = HostDatabase.open(":memory:");
    const seen: FollowedL1Block[] = [];
    const f = follower(db, seen);
    await drain(f);
    const rollupManagement = l1.manifest.contracts.RollupManagement;
    const l1Block = await client.getBlock();
    const consumed = await l1.publicClient.getDepositsConsumedAt({ l1BlockNumber: l1Block.number });
    const epochKey = deriveRollupEpochKey({ masterSecret: founded.masterSecret, keyEpoch: 0 });
    const payload = encodeRollupPayload({
      chainId: l1.anvil.chainId,
      rollupContract: rollupManagement,
      keyEpoch: 0,
      transactions: [toHex("batch")],
      epochKey,
    });
    const blobs = buildRollupBlobs({ payload });
    const head = await l1.publicClient.getCanonicalHead();
    const header: RollupHeader = {
      parentHash: head.hash,
      number: 1n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: keccak256(toHex("state")),
      withdrawalRoot: zeroHash,
      dataHash: blobs.dataHash,
      keyEpoch: 0,
      keyCommitment: keccak256(epochKey),
      enclaveId: founded.enclave.enclaveId,
    };
    const { signature } = await signRollupHeader({
      header,
      chainId: l1.anvil.chainId,
      rollupManagement,
      enclavePrivateKey: founded.enclave.privateKey,
    });
    const receipt = await l1.mined(l1.wallet(1).submitRollup({ header, signature, data: { kind: "blobs", blobs } }));
    await drain(f);
    const block = seen.find((b) => b.number === receipt.blockNumber)!;
    assert.equal(block.rollups.length, 1);
    const [rollup] = block.rollups;
    assert.equal(rollup!.transactionHash, receipt.transactionHash);
    assert.deepEqual(
      rollup!.blobs.map((b) => b.versionedHash),
      blobs.versionedHashes,
    );
    assert.deepEqual(rollup!.blobs[0]!.blob, blobs.blobs[0]);
    assert.ok(db.getBlob(blobs.versionedHashes[0]!), "kept for joining peers");
  });

  it("walks back to the common ancestor on a reorg and goes on along the new chain", async () => {
    const db = HostDatabase.open(":memory:");
    const seen: FollowedL1Block[] = [];
    const reorgs: bigint[] = [];
    const f = follower(db, seen, reorgs);
    await drain(f);
    const fork = await client.getBlockNumber({ cacheTime: 0 });
    const snapshot = await l1.testClient.snapshot();
    await l1.testClient.mine({ blocks: 3 });
    await drain(f);
    const abandoned = seen.at(-1)!.hash;
    await l1.testClient.revert({ id: snapshot });
    // a different chain from the fork point: one more block, and with other contents
    await l1.testClient.setNextBlockTimestamp({ timestamp: BigInt(Math.floor(Date.now() / 1000) + 1000) });
    await l1.testClient.mine({ blocks: 4 });
    await drain(f);
    assert.deepEqual(reorgs, [fork]);
    const head = await client.getBlock();
    assert.equal(db.latestL1Block()?.hash, head.hash);
    assert.ok(!seen.some((b) => b.hash === abandoned), "the abandoned blocks are forgotten");
    for (let i = 1; i < seen.length; i++) assert.equal(seen[i]!.parentHash, seen[i - 1]!.hash);
  });

  it("rides out an L1 RPC outage with backoff and catches up", async () => {
    const db = HostDatabase.open(":memory:");
    const seen: FollowedL1Block[] = [];
    let down = true;
    let refused = 0;
    const flaky = createPublicClient({
      chain: foundry,
      transport: custom({
        request: async ({ method, params }) => {
          if (down) {
            refused++;
            throw new Error("ECONNREFUSED");
          }
          return client.request({ method, params } as never);
        },
      }),
    }) as PublicClient;
    const controller = new AbortController();
    const f = follower(db, seen, [], flaky);
    const running = f.run(controller.signal);
    const deadline = Date.now() + 20_000;
    while (refused < 2) {
      assert.ok(Date.now() < deadline, "the follower kept trying");
      await new Promise((r) => setTimeout(r, 50));
    }
    down = false;
    const head = await client.getBlockNumber({ cacheTime: 0 });
    while (!seen.some((b) => b.number === head)) {
      assert.ok(Date.now() < deadline, `caught up to ${head} within 20 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    controller.abort();
    await running;
    assert.ok(refused >= 2);
  });
});
