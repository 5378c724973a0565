import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bytesToHex, keccak256, toHex, zeroHash, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { pino } from "pino";
import {
  computeCalldataDataHash,
  deriveRollupEpochKey,
  encodeRollupPayload,
  rollupSlashingAbi,
  signRollupHeader,
  type RollupHeader,
} from "@obscuro/sdk";
import { foundDevNetwork, startDevL1, type DevL1, type FoundDevNetworkReturnType } from "@obscuro/sdk/devtools";
import { HostDatabase } from "../src/db/HostDatabase.ts";
import { L1Submitter } from "../src/l1/L1Submitter.ts";
import { ProtocolIntents, type ProtocolAddresses } from "../src/l1/protocolIntents.ts";
import { ForkSlasher } from "../src/roles/ForkSlasher.ts";

const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });
const FORK_EXPIRY = 6;
const FINALITY_DELAY = 4;

/**
 * The fork rule's reporter on anvil: the genesis aggregator publishes two branches from the same
 * parent; the contender dies two rollups deep; another node's fork slasher finds the dead rollup
 * and slashes its publisher once, for the reporter's share.
 */
describe("fork slasher: the publisher of a dead fork is reported and slashed once", () => {
  let l1: DevL1;
  let founded: FoundDevNetworkReturnType;
  let slasher: ForkSlasher;
  let submitter: L1Submitter;
  let contracts: ProtocolAddresses;

  before(async () => {
    l1 = await startDevL1({ deploy: { rollup: { finalityDelay: FINALITY_DELAY, forkExpiry: FORK_EXPIRY } } });
    founded = await foundDevNetwork(l1.wallet(0), { operator: l1.wallet(1).account });
    const { manifest, publicClient } = l1;
    contracts = {
      networkManagement: manifest.contracts.NetworkManagement,
      rollupManagement: manifest.contracts.RollupManagement,
      bridgeManagement: manifest.contracts.BridgeManagement,
      rollupSlashing: manifest.contracts.RollupSlashing,
      obscuroToken: manifest.contracts.ObscuroToken,
    };
    const account = privateKeyToAccount(l1.anvil.accounts[3]!.privateKey);
    submitter = new L1Submitter({
      db: HostDatabase.open(":memory:"),
      account,
      client: publicClient,
      chainId: l1.anvil.chainId,
      logger,
    });
    slasher = new ForkSlasher({
      client: publicClient,
      contracts,
      submitter,
      intents: new ProtocolIntents(publicClient, contracts, account.address),
      log: logger,
      operator: account.address,
      fromBlock: manifest.deployBlock,
    });
  });
  after(async () => l1?.stop());

  /**
   * Signs and submits, from the genesis aggregator, a calldata rollup on `parent` (on a fork,
   * `canonicalSibling` is the canonical rollup after the fork point).
   */
  async function publish(
    parent: { hash: Hex; number: bigint },
    tag: string,
    canonicalSibling?: Hex,
  ): Promise<{ hash: Hex; number: bigint }> {
    const { publicClient, anvil, manifest } = l1;
    const rollupManagement = manifest.contracts.RollupManagement;
    const l1Block = await publicClient.getBlock();
    const consumed = await publicClient.getDepositsConsumedAt({ l1BlockNumber: l1Block.number });
    const epochKey = deriveRollupEpochKey({ masterSecret: founded.masterSecret, keyEpoch: 0 });
    const payload = bytesToHex(
      encodeRollupPayload({
        chainId: anvil.chainId,
        rollupContract: rollupManagement,
        keyEpoch: 0,
        transactions: [toHex(tag)],
        epochKey,
      }),
    );
    const header: RollupHeader = {
      parentHash: parent.hash,
      number: parent.number + 1n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: keccak256(toHex(`state/${tag}`)),
      withdrawalRoot: zeroHash,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch: 0,
      keyCommitment: parent.number === 0n ? keccak256(epochKey) : zeroHash,
      enclaveId: founded.enclave.enclaveId,
    };
    const { rollupHash, signature } = await signRollupHeader({
      header,
      chainId: anvil.chainId,
      rollupManagement,
      enclavePrivateKey: founded.enclave.privateKey,
    });
    await l1.mined(
      l1.wallet(1).submitRollup({
        header,
        signature,
        data: { kind: "calldata", payload },
        depositCheckpoint: consumed.checkpoint,
        canonicalSibling,
      }),
    );
    return { hash: rollupHash, number: header.number };
  }

  async function headOnce(): Promise<void> {
    const block = await l1.publicClient.getBlock({ blockTag: "latest" });
    await submitter.onHead(block.number);
    await slasher.onHead({ number: block.number, hash: block.hash, timestamp: block.timestamp });
  }

  async function forkSlashes() {
    return l1.publicClient.getContractEvents({
      address: contracts.rollupSlashing,
      abi: rollupSlashingAbi,
      eventName: "ForkPublisherSlashed",
      fromBlock: l1.manifest.deployBlock,
      strict: true,
    });
  }

  it("reports nothing while both branches live, then slashes the dead branch's deep rollup once", async () => {
    const genesis = await l1.publicClient.getCanonicalHead();
    const main1 = await publish(genesis, "main/1");
    const fork1 = await publish(genesis, "fork/1", main1.hash);
    const fork2 = await publish(fork1, "fork/2", main1.hash);
    let main = await publish(main1, "main/2");
    main = await publish(main, "main/3");
    await headOnce();
    assert.equal((await forkSlashes()).length, 0, "a live fork is nobody's fault yet");
    assert.ok(slasher.watching >= 5, `watching ${slasher.watching} rollups`);

    // The contender is not extended for forkExpiry blocks while the main branch goes on: it dies.
    for (let i = 0; i < FORK_EXPIRY; i++) main = await publish(main, `main/${4 + i}`);
    const stakeBefore = (await l1.publicClient.getAggregator({ operator: l1.wallet(1).account.address })).stake;
    await headOnce();
    await l1.testClient.mine({ blocks: 1 });
    await headOnce();

    const slashes = await forkSlashes();
    assert.deepEqual(
      slashes.map((s) => s.args.rollupHash),
      [fork2.hash],
      "the rollup two deep on the dead branch, not its first (depth 1) nor the main branch's",
    );
    assert.equal(submitter.get(`slashForkPublisher:${fork2.hash}`)?.status, "mined");
    const stakeAfter = (await l1.publicClient.getAggregator({ operator: l1.wallet(1).account.address })).stake;
    assert.ok(stakeAfter < stakeBefore, `publisher stake ${stakeBefore} → ${stakeAfter}`);

    // Later heads report nothing more: the slashed rollup is no longer watched, and nothing else is slashable.
    await l1.testClient.mine({ blocks: FINALITY_DELAY + FORK_EXPIRY + 1 });
    await headOnce();
    await l1.testClient.mine({ blocks: 1 });
    await headOnce();
    assert.equal((await forkSlashes()).length, 1);
    assert.equal(slasher.watching, 0, "every rollup's fate is settled");
  });
});
