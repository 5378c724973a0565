import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bytesToHex, keccak256, parseEther, toHex, zeroHash } from "viem";
import { foundDevNetwork } from "../src/devtools/index.ts";
import {
  computeCalldataDataHash,
  deriveRollupEpochKey,
  encodeRollupPayload,
  signRollupHeader,
  type Emergency,
  type QueuedDepositLog,
  type RollupHeader,
  type SecretRequest,
  type SubmittedRollup,
} from "../src/index.ts";
import { startDevL1, type DevL1 } from "./helpers/devL1.ts";

/** Polls until `done()` or `ms` have passed. */
async function eventually(done: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the watcher");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The watchers a node runs, on anvil: secret requests (the genesis registration), deposits, rollups
 * with their whole header, and emergencies (a pause through the council) — each delivered once, in
 * order, from a client on the deployment's chain.
 */
describe("watchers of L1 events", () => {
  let l1: DevL1;
  before(async () => {
    l1 = await startDevL1();
  });
  after(async () => l1?.stop());

  it("delivers secret requests, deposits, rollups and emergencies", async () => {
    const { publicClient, wallet, mined, manifest } = l1;
    const [deployer, operator, depositor] = [wallet(0), wallet(1), wallet(2)];
    const requests: SecretRequest[] = [];
    const deposits: QueuedDepositLog[] = [];
    const rollups: SubmittedRollup[] = [];
    const emergencies: Emergency[] = [];
    const options = { pollingInterval: 100, onError: (error: Error) => assert.fail(error) };
    const unwatch = [
      publicClient.watchSecretRequests({ ...options, onRequests: (r) => requests.push(...r) }),
      publicClient.watchDeposits({ ...options, onDeposits: (d) => deposits.push(...d) }),
      publicClient.watchRollups({ ...options, onRollups: (r) => rollups.push(...r) }),
      publicClient.watchEmergencies({ ...options, onEmergencies: (e) => emergencies.push(...e) }),
    ];
    try {
      const founded = await foundDevNetwork(deployer, { operator: operator.account });
      await eventually(() => requests.length === 1);
      assert.equal(requests[0]!.enclaveId, founded.enclave.enclaveId);
      assert.equal(requests[0]!.operator, operator.account.address);

      await mined(depositor.depositEth({ to: depositor.account.address, amount: parseEther("1") }));
      await eventually(() => deposits.length === 1);
      assert.equal(deposits[0]!.index, 0n);

      const epochKey = deriveRollupEpochKey({ masterSecret: founded.masterSecret, keyEpoch: 0 });
      const rollupManagement = manifest.contracts.RollupManagement;
      const payload = bytesToHex(
        encodeRollupPayload({
          chainId: manifest.chainId,
          rollupContract: rollupManagement,
          keyEpoch: 0,
          transactions: [],
          epochKey,
        }),
      );
      const block = await publicClient.getBlock();
      const consumed = await publicClient.getDepositsConsumedAt({ l1BlockNumber: block.number });
      const header: RollupHeader = {
        parentHash: (await publicClient.getCanonicalHead()).hash,
        number: 1n,
        l1BlockNumber: block.number,
        l1BlockHash: block.hash,
        depositCount: consumed.depositCount,
        depositAcc: consumed.depositAcc,
        stateRoot: keccak256(toHex("state")),
        withdrawalRoot: zeroHash,
        dataHash: computeCalldataDataHash(payload),
        keyEpoch: 0,
        keyCommitment: keccak256(epochKey),
        enclaveId: founded.enclave.enclaveId,
      };
      const { rollupHash, signature } = await signRollupHeader({
        header,
        chainId: manifest.chainId,
        rollupManagement,
        enclavePrivateKey: founded.enclave.privateKey,
      });
      const receipt = await mined(operator.submitRollup({ header, signature, data: { kind: "calldata", payload } }));
      await eventually(() => rollups.length === 1);
      assert.equal(rollups[0]!.rollupHash, rollupHash);
      assert.deepEqual(rollups[0]!.header, header);
      assert.equal(rollups[0]!.blobs, false);
      assert.equal(rollups[0]!.transactionHash, receipt.transactionHash);

      // The deployer is the council here.
      await mined(deployer.pauseBridge({ duration: 600n }));
      await mined(deployer.unpauseBridge());
      await eventually(() => emergencies.length === 2);
      assert.deepEqual(
        emergencies.map((e) => e.kind),
        ["BridgePaused", "BridgeUnpaused"],
      );
      assert.equal((await publicClient.getEmergencyStatus()).paused, false);
    } finally {
      for (const stop of unwatch) stop();
    }
  });
});
