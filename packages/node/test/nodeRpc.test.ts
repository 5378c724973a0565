import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseEther, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  authorizeViewingKey,
  createViewingKey,
  decryptPrivateResponse,
  encryptPrivateRequest,
  encryptTransaction,
  isNetworkPublicKey,
  L2_CHAIN_ID,
} from "@obscuro/sdk";
import { DEV_ENCLAVE_MEASUREMENT, devAuditors, startDevL1, type DevL1 } from "@obscuro/sdk/devtools";
import { EnclaveDriver } from "./helpers/enclaveDriver.ts";

/** The node's wallet-facing endpoint: network description, encrypted transactions and requests, public reads. */
describe("the node's JSON-RPC endpoint for gateways", () => {
  let l1: DevL1;
  let driver: EnclaveDriver;
  let url: string;
  const alice = privateKeyToAccount(generatePrivateKey());

  async function rpc(
    method: string,
    params: unknown[] = [],
  ): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    return (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
  }

  before(async () => {
    l1 = await startDevL1();
    await l1.mined(l1.wallet(0).approveMeasurement({ measurement: DEV_ENCLAVE_MEASUREMENT, auditors: devAuditors() }));
    driver = await EnclaveDriver.start(l1, l1.wallet(1));
    url = await driver.serveRpc();
  });
  after(async () => {
    await driver?.stop();
    await l1?.stop();
  });

  it("says it is not ready before the enclave holds the secret", async () => {
    assert.equal((await rpc("obscuro_getNetwork")).error?.code, -32002);
  });

  it("describes the network, takes encrypted transactions and answers private requests encrypted", async () => {
    await driver.sync();
    await driver.register();
    await driver.sync();
    await driver.found();
    await driver.sync();
    await l1.mined(l1.wallet(2).depositEth({ to: alice.address, amount: parseEther("1") }));
    await driver.sync();
    await driver.rpc.call("produceBatch", {
      timestamp: BigInt(Math.floor(Date.now() / 1000)),
      coinbase: driver.operator.account.address,
    });

    const network = (await rpc("obscuro_getNetwork")).result as {
      networkKey: `0x${string}`;
      networkPublicKey: Hex;
      l2ChainId: Hex;
    };
    assert.equal(BigInt(network.l2ChainId), L2_CHAIN_ID);
    assert.ok(isNetworkPublicKey(network.networkPublicKey, network.networkKey));
    assert.equal((await rpc("eth_chainId")).result, `0x${L2_CHAIN_ID.toString(16)}`);
    assert.equal((await rpc("eth_blockNumber")).result, "0x1");
    assert.equal(
      (await rpc("eth_getBalance", [alice.address, "latest"])).error?.code,
      4100,
      "private without a viewing key",
    );

    const raw = await alice.signTransaction({
      chainId: Number(L2_CHAIN_ID),
      type: "eip1559",
      nonce: 0,
      to: alice.address,
      value: 1n,
      gas: 21_000n,
      maxFeePerGas: 5_000_000_000n,
      maxPriorityFeePerGas: 1n,
    });
    const sent = (await rpc("obscuro_sendTransaction", [encryptTransaction(raw, network.networkPublicKey)])).result as {
      hash: Hex;
    };
    assert.match(sent.hash, /^0x[0-9a-f]{64}$/);
    const again = await rpc("obscuro_sendTransaction", [
      encryptTransaction(
        await alice.signTransaction({
          chainId: 1,
          type: "eip1559",
          nonce: 0,
          to: alice.address,
          gas: 21_000n,
          maxFeePerGas: 5n,
          maxPriorityFeePerGas: 1n,
        }),
        network.networkPublicKey,
      ),
    ]);
    assert.equal(again.error?.code, -32000);
    assert.equal(again.error?.data, "WRONG_CHAIN_ID");

    const viewingKey = createViewingKey();
    const authorization = await authorizeViewingKey({
      account: alice,
      viewingKey: viewingKey.address,
      networkKey: network.networkKey,
      l2ChainId: L2_CHAIN_ID,
    });
    const { encrypted } = await encryptPrivateRequest({
      networkPublicKey: network.networkPublicKey,
      viewingKey,
      authorization,
      method: "eth_getBalance",
      params: [alice.address, "latest"],
    });
    const answer = (await rpc("obscuro_privateRequest", [encrypted])).result as { encrypted: Hex };
    const response = decryptPrivateResponse(answer.encrypted, viewingKey.privateKey);
    assert.ok("result" in response);
    assert.equal(BigInt(response.result as Hex), parseEther("1"));
    // replayed: refused
    assert.equal((await rpc("obscuro_privateRequest", [encrypted])).error?.code, 4100);
    // a viewing key authorized by another account than the one it claims to speak for: refused
    const mallory = privateKeyToAccount(generatePrivateKey());
    const foreign = await authorizeViewingKey({
      account: mallory,
      viewingKey: viewingKey.address,
      networkKey: network.networkKey,
      l2ChainId: L2_CHAIN_ID,
    });
    const forged = await encryptPrivateRequest({
      networkPublicKey: network.networkPublicKey,
      viewingKey,
      authorization: { ...foreign, account: alice.address },
      method: "eth_getBalance",
      params: [alice.address, "latest"],
    });
    assert.equal((await rpc("obscuro_privateRequest", [forged.encrypted])).error?.code, 4100);
  });
});
