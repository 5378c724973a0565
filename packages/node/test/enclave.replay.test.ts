import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { erc20Abi, hexToBytes, keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  generateEnclaveKey,
  signRollupHeader,
  type GenerateEnclaveKeyReturnType,
  type RollupHeader,
} from "@obscuro/sdk";
import {
  buildDevRegistration,
  DEV_ENCLAVE_MEASUREMENT,
  devAuditors,
  startDevL1,
  type DevL1,
} from "@obscuro/sdk/devtools";
import { L1_WINDOW } from "@obscuro/enclave";
import { EnclaveDriver } from "./helpers/enclaveDriver.ts";
import { TestWallet } from "./helpers/wallet.ts";

type Wallet = ReturnType<DevL1["wallet"]>;

/**
 * Issue 13: a second enclave process replays the network's rollups from L1 alone, once it has the
 * secret through `respondSecret`, and reaches the genesis enclave's roots; rollups that lie about
 * a root or carry a tampered payload are caught by both, and their testimonies slash the publisher.
 */
describe("replay from L1 and invalid rollups (issue 13)", () => {
  let l1: DevL1;
  let genesis: EnclaveDriver;
  let joiner: EnclaveDriver;
  let treasury: Wallet;
  const alice = privateKeyToAccount(generatePrivateKey());
  const bob = privateKeyToAccount(generatePrivateKey());

  /** Builds the genesis enclave's next rollup and publishes it (blobs or calldata). */
  async function publish(mode: "blobs" | "calldata"): Promise<Hex> {
    const built = await genesis.rpc.call("buildRollup", { mode });
    await l1.mined(
      genesis.operator.submitRollup({ header: built.header, signature: built.signature, data: toRollupData(built) }),
    );
    return built.rollupHash;
  }

  async function batch(): Promise<void> {
    await genesis.rpc.call("produceBatch", {
      timestamp: BigInt(Math.floor(Date.now() / 1000)),
      coinbase: genesis.operator.account.address,
    });
  }

  /** A node whose enclave key the test holds: it can sign whatever a faulty or malicious enclave would. */
  async function rogueAggregator(index: number): Promise<{ key: GenerateEnclaveKeyReturnType; operator: Wallet }> {
    const key = generateEnclaveKey();
    const operator = l1.wallet(index);
    const { report, l1BlockNumber } = await buildDevRegistration(l1.publicClient, {
      operator: operator.account.address,
      enclavePublicKey: key.publicKey,
    });
    await l1.mined(operator.registerNode({ report, l1BlockNumber }));
    await genesis.respondToRequest(key.enclaveId, key.publicKey);
    await l1.mined(
      treasury.writeContract({
        address: l1.manifest.contracts.ObscuroToken,
        abi: erc20Abi,
        functionName: "transfer",
        args: [operator.account.address, parseEther("10000")],
      }),
    );
    await l1.mined(
      operator.registerAggregator({
        enclaveId: key.enclaveId,
        hostAddress: `/ip4/127.0.0.1/tcp/${40000 + index}`,
        amount: parseEther("10000"),
      }),
    );
    return { key, operator };
  }

  async function statusOf(driver: EnclaveDriver) {
    return driver.rpc.call("getStatus", {});
  }

  before(async () => {
    l1 = await startDevL1({ anvil: { accounts: 12 } });
    treasury = l1.wallet(0);
    await l1.mined(treasury.approveMeasurement({ measurement: DEV_ENCLAVE_MEASUREMENT, auditors: devAuditors() }));
    genesis = await EnclaveDriver.start(l1, l1.wallet(1));
    await genesis.sync();
    await genesis.register();
    await genesis.sync();
    await genesis.found();
    await genesis.stake(treasury);
    await genesis.sync();
    // traffic: deposits, transfers, two rollups (blobs, then calldata)
    await l1.mined(l1.wallet(2).depositEth({ to: alice.address, amount: parseEther("3") }));
    await genesis.sync();
    await batch();
    const aliceWallet = new TestWallet(alice, genesis.rpc);
    await aliceWallet.send({ to: bob.address, value: parseEther("1"), gas: 21_000n, nonce: 0 });
    await batch();
    await publish("blobs");
    await genesis.sync();
    await aliceWallet.send({ to: bob.address, value: parseEther("0.25"), gas: 21_000n, nonce: 1 });
    await l1.mined(l1.wallet(2).depositEth({ to: bob.address, amount: parseEther("2") }));
    await genesis.sync();
    await batch();
    await publish("calldata");
    await genesis.sync();
  });
  after(async () => {
    await joiner?.stop();
    await genesis?.stop();
    await l1?.stop();
  });

  it("replays every rollup from L1 alone after receiving the secret, long after the rollups' L1 blocks left its window of recent blocks, and reaches the same roots", async () => {
    joiner = await EnclaveDriver.start(l1, l1.wallet(3));
    await joiner.sync();
    const before = await statusOf(joiner);
    assert.equal(before.hasSecret, false);
    assert.equal(before.pendingRollups, 2, "both rollups wait for the secret");
    // The secret comes more than L1_WINDOW blocks later: the rollups' batches are checked against
    // L1 blocks the enclave keeps only in its store by then.
    await l1.testClient.mine({ blocks: L1_WINDOW + 8 });
    await Promise.all([joiner.sync(), genesis.sync()]);
    await joiner.register();
    await genesis.respondTo(joiner);
    const fee = (await l1.publicClient.getNetworkInfo()).registrationFee;
    assert.ok(fee > 0n);
    await joiner.sync();
    await genesis.sync();
    await joiner.receiveSecret();
    const [a, b] = await Promise.all([statusOf(genesis), statusOf(joiner)]);
    assert.equal(b.pendingRollups, 0);
    assert.deepEqual(b.safe, a.safe, "the same safe rollup");
    assert.deepEqual(b.l2Head, a.l2Head, "the same L2 head (hash covers the EVM state root)");
    const bobSeenByJoiner = await new TestWallet(bob, joiner.rpc).balance();
    assert.equal(bobSeenByJoiner, parseEther("3.25"));
  });

  it("catches a rollup whose header lies about the state root; the testimonies slash its publisher", async () => {
    const rogue = await rogueAggregator(4);
    await Promise.all([genesis.sync(), joiner.sync()]);
    // the rogue takes an honest batch of transactions but lies about the ledger root
    await new TestWallet(bob, genesis.rpc).send({
      to: alice.address,
      value: parseEther("0.1"),
      gas: 21_000n,
      nonce: 0,
    });
    await batch();
    const honest = await genesis.rpc.call("buildRollup", { mode: "calldata" });
    const header: RollupHeader = {
      ...honest.header,
      stateRoot: keccak256(toHex("a ledger where the rogue is rich")),
      enclaveId: rogue.key.enclaveId,
    };
    const { rollupHash, signature } = await signRollupHeader({
      header,
      chainId: l1.anvil.chainId,
      rollupManagement: l1.manifest.contracts.RollupManagement,
      enclavePrivateKey: rogue.key.privateKey,
    });
    await l1.mined(rogue.operator.submitRollup({ header, signature, data: toRollupData(honest) }));
    const [fromGenesis, fromJoiner] = await Promise.all([genesis.sync(), joiner.sync()]);
    const testimonies = [fromGenesis, fromJoiner].map((results) => {
      const verdict = results.flatMap((r) => r.rollups).find((r) => r.rollupHash === rollupHash);
      assert.equal(verdict?.status, "invalid");
      assert.equal(verdict?.reason, "STATE_ROOT_MISMATCH");
      return verdict!.testimony!;
    });
    await slashAndCheck(rogue, header, testimonies);
  });

  it("catches a rollup whose payload was tampered with; the testimonies slash its publisher", async () => {
    const rogue = await rogueAggregator(5);
    await Promise.all([genesis.sync(), joiner.sync()]);
    // the invalid rollup's transactions went back to the mempool: the sequencer batches them again
    await batch();
    const honest = await genesis.rpc.call("buildRollup", { mode: "calldata" });
    if ((honest as unknown as { data: { kind: string; payload: Hex } }).data.kind !== "calldata")
      throw new Error("unreachable");
    const payload = hexToBytes((honest as unknown as { data: { payload: Hex } }).data.payload);
    payload[payload.length - 20]! ^= 0xff; // one ciphertext byte flipped
    const tampered = toHex(payload);
    const header: RollupHeader = { ...honest.header, dataHash: keccak256(tampered), enclaveId: rogue.key.enclaveId };
    const { rollupHash, signature } = await signRollupHeader({
      header,
      chainId: l1.anvil.chainId,
      rollupManagement: l1.manifest.contracts.RollupManagement,
      enclavePrivateKey: rogue.key.privateKey,
    });
    await l1.mined(rogue.operator.submitRollup({ header, signature, data: { kind: "calldata", payload: tampered } }));
    const [fromGenesis, fromJoiner] = await Promise.all([genesis.sync(), joiner.sync()]);
    const testimonies = [fromGenesis, fromJoiner].map((results) => {
      const verdict = results.flatMap((r) => r.rollups).find((r) => r.rollupHash === rollupHash);
      assert.equal(verdict?.status, "invalid");
      assert.equal(verdict?.reason, "UNDECODABLE_PAYLOAD");
      return verdict!.testimony!;
    });
    await slashAndCheck(rogue, header, testimonies);
    // and the network goes on: the honest rollup of the same transactions lands and both apply it
    const next = await publish("blobs");
    const [a, b] = await Promise.all([genesis.sync(), joiner.sync()]);
    assert.equal(a.flatMap((r) => r.rollups).find((r) => r.rollupHash === next)?.status, "applied");
    assert.equal(b.flatMap((r) => r.rollups).find((r) => r.rollupHash === next)?.status, "applied");
    assert.deepEqual((await statusOf(joiner)).l2Head, (await statusOf(genesis)).l2Head);
  });

  async function slashAndCheck(
    rogue: { key: GenerateEnclaveKeyReturnType; operator: Wallet },
    header: RollupHeader,
    testimonies: { witness: Address; signature: Hex }[],
  ) {
    const staked = (await l1.publicClient.getAggregator({ operator: rogue.operator.account.address })).stake;
    assert.ok(staked > 0n);
    await l1.mined(l1.wallet(6).slashInvalidRollup({ header, testimonies }));
    assert.equal(
      (await l1.publicClient.getAggregator({ operator: rogue.operator.account.address })).stake,
      0n,
      "the whole stake slashed",
    );
    await Promise.all([genesis.sync(), joiner.sync()]);
  }
});

/** A rollup built by an enclave, as `submitRollup` takes its data. */
function toRollupData(built: {
  header: RollupHeader;
  data:
    | { kind: "blobs"; blobs: Hex[]; commitments: Hex[]; proofs: Hex[]; versionedHashes: Hex[] }
    | { kind: "calldata"; payload: Hex };
}) {
  if (built.data.kind === "calldata") return { kind: "calldata" as const, payload: built.data.payload };
  return {
    kind: "blobs" as const,
    blobs: {
      blobs: built.data.blobs.map((b) => hexToBytes(b)),
      commitments: built.data.commitments,
      proofs: built.data.proofs,
      versionedHashes: built.data.versionedHashes,
      dataHash: built.header.dataHash,
    } as never,
  };
}
