import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, createTestClient, createWalletClient, http, parseEther, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { startAnvil, type AnvilInstance } from "@obscuro/sdk/devtools";
import { computeHeaderHash, computeReceiptsRoot, type RpcHeader, type RpcReceipt } from "../../src/l1/l1Encoding.ts";

describe("L1 headers and receipts re-hashed inside the enclave", () => {
  let anvil: AnvilInstance;
  before(async () => {
    anvil = await startAnvil();
  });
  after(async () => anvil?.stop());

  it("gives the node's own block hash and receipts root, for blocks of several transaction types", async () => {
    const client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
    const test = createTestClient({ chain: foundry, transport: http(anvil.rpcUrl), mode: "anvil" });
    const wallet = createWalletClient({
      chain: foundry,
      transport: http(anvil.rpcUrl),
      account: privateKeyToAccount(anvil.accounts[0]!.privateKey),
    });
    await test.setAutomine(false);
    const to = anvil.accounts[1]!.address;
    await wallet.sendTransaction({ to, value: parseEther("1"), type: "legacy", gasPrice: 10n ** 10n });
    await wallet.sendTransaction({
      to,
      value: 1n,
      type: "eip2930",
      gasPrice: 10n ** 10n,
      accessList: [{ address: to, storageKeys: [] }],
    });
    await wallet.sendTransaction({ to, value: 2n, data: "0x1234" });
    await test.mine({ blocks: 1 });
    await test.setAutomine(true);
    for (const blockNumber of [0n, 1n]) {
      const header = (await client.request({
        method: "eth_getBlockByNumber",
        params: [`0x${blockNumber.toString(16)}`, false],
      })) as unknown as RpcHeader;
      assert.equal(computeHeaderHash(header), header.hash, `block ${blockNumber}`);
      const receipts = (await client.request({
        method: "eth_getBlockReceipts",
        params: [header.hash],
      } as never)) as RpcReceipt[];
      assert.equal(computeReceiptsRoot(receipts), header.receiptsRoot, `receipts of block ${blockNumber}`);
      if (blockNumber === 1n) assert.equal(receipts.length, 3);
    }
  });

  it("changes the hash when any field is altered, and refuses a header that skips a fork's field", async () => {
    const client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
    const header = (await client.request({
      method: "eth_getBlockByNumber",
      params: ["latest", false],
    })) as unknown as RpcHeader;
    for (const field of ["stateRoot", "receiptsRoot", "parentHash", "timestamp"] as const) {
      const altered = {
        ...header,
        [field]:
          field === "timestamp"
            ? (`0x${(BigInt(header.timestamp) + 1n).toString(16)}` as Hex)
            : (`0x${"11".repeat(32)}` as Hex),
      };
      assert.notEqual(computeHeaderHash(altered), header.hash, field);
    }
    assert.notEqual(computeHeaderHash({ ...header, withdrawalsRoot: undefined }), header.hash);
  });
});
