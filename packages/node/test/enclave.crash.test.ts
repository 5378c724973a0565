import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { DEV_ENCLAVE_MEASUREMENT, devAuditors, startDevL1, type DevL1 } from "@obscuro/sdk/devtools";
import { EnclaveDriver } from "./helpers/enclaveDriver.ts";
import { TestWallet } from "./helpers/wallet.ts";

const SENDERS = 40;
const ROUNDS = 3;

/**
 * Issue 13: kill -9 of the enclave process while it executes a batch, then a restart on the same
 * sealed state: nothing acknowledged is lost and nothing is applied twice. Each round queues a
 * transfer from every sender, asks for a batch and kills the enclave at a random moment of it;
 * after the restart the batch is there or not at all, the queued transfers are still queued, and
 * once everything is sequenced every sender's nonce and every balance is exactly what one
 * application of each transfer gives.
 */
describe("the enclave survives kill -9 during a batch (issue 13)", () => {
  let l1: DevL1;
  let driver: EnclaveDriver;
  const senders: PrivateKeyAccount[] = Array.from({ length: SENDERS }, () => privateKeyToAccount(generatePrivateKey()));
  const receiver = privateKeyToAccount(generatePrivateKey());

  before(async () => {
    l1 = await startDevL1();
    await l1.mined(l1.wallet(0).approveMeasurement({ measurement: DEV_ENCLAVE_MEASUREMENT, auditors: devAuditors() }));
    driver = await EnclaveDriver.start(l1, l1.wallet(1));
    await driver.sync();
    await driver.register();
    await driver.sync();
    await driver.found();
    await driver.sync();
    for (const sender of senders)
      await l1.mined(l1.wallet(2).depositEth({ to: sender.address, amount: parseEther("1") }));
    await driver.sync();
    await produce();
  });
  after(async () => {
    await driver?.stop();
    await l1?.stop();
  });

  async function produce() {
    return driver.rpc.call("produceBatch", {
      timestamp: BigInt(Math.floor(Date.now() / 1000)),
      coinbase: driver.operator.account.address,
    });
  }

  it(`keeps every acknowledged transaction exactly once over ${ROUNDS} crashes`, async () => {
    const value = parseEther("0.001");
    for (let round = 0; round < ROUNDS; round++) {
      const headBefore = (await driver.rpc.call("getStatus", {})).l2Head.number;
      for (const sender of senders)
        await new TestWallet(sender, driver.rpc).send({ to: receiver.address, value, gas: 21_000n, nonce: round });
      assert.equal((await driver.rpc.call("getStatus", {})).mempool, SENDERS, "every transfer acknowledged");
      const batch = produce().then(
        () => "done",
        () => "cut",
      );
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
      await driver.enclave.kill();
      const outcome = await batch;
      await driver.enclave.restart();
      const status = await driver.rpc.call("getStatus", {});
      const committed = status.l2Head.number === headBefore + 1n;
      assert.ok(
        committed || status.l2Head.number === headBefore,
        `round ${round}: the batch is there or not at all (${outcome})`,
      );
      assert.equal(status.mempool, committed ? 0 : SENDERS, `round ${round}: what was not sequenced is still queued`);
      if (!committed) assert.ok(await produce(), "the batch after the restart");
    }
    const final = await driver.rpc.call("getStatus", {});
    assert.equal(final.mempool, 0);
    for (const sender of senders.slice(0, 5)) {
      const wallet = new TestWallet(sender, driver.rpc);
      assert.equal(await wallet.nonce(), ROUNDS, "each transfer applied once");
    }
    assert.equal(
      await new TestWallet(receiver, driver.rpc).balance(),
      value * BigInt(SENDERS * ROUNDS),
      "every transfer once",
    );
  });
});
