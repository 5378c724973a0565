import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  bytesToHex,
  createPublicClient,
  createTestClient,
  custom,
  http,
  parseEther,
  type Address,
  type PublicClient,
  type TestClient,
  toBlobSidecars,
} from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { pino } from "pino";
import { buildRollupBlobs } from "@obscuro/sdk";
import { startAnvil, type AnvilInstance } from "@obscuro/sdk/devtools";
import { HostDatabase, type L1TransactionRecord } from "../src/db/HostDatabase.ts";
import { L1Submitter, type L1Intent } from "../src/l1/L1Submitter.ts";

const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });

describe("L1 submitter: record before send, once per key, re-price, cancel, survive a crash", () => {
  let anvil: AnvilInstance;
  let client: PublicClient;
  let testClient: TestClient;
  let operator: PrivateKeyAccount;
  let db: HostDatabase;
  const recipient: Address = privateKeyToAccount(generatePrivateKey()).address;

  /** A plain ETH transfer of `wei` to the recipient. */
  const transfer = (key: string, wei: bigint, prepare?: () => void): L1Intent => ({
    key,
    kind: "transfer",
    prepare: async () => {
      prepare?.();
      return { to: recipient, data: "0x", value: wei, gas: 21_000n };
    },
  });

  const submitter = (
    options: { client?: PublicClient; isSuperseded?: (record: L1TransactionRecord) => Promise<boolean> } = {},
  ) =>
    new L1Submitter({
      db,
      account: operator,
      client: options.client ?? client,
      chainId: anvil.chainId,
      logger,
      policy: { bumpAfterBlocks: 2 },
      isSuperseded: options.isSuperseded,
    });

  /** A client whose broadcasts never reach L1: the node crashes right after signing. */
  const deadClient = () =>
    createPublicClient({
      chain: foundry,
      transport: custom({
        request: async ({ method, params }) => {
          if (method === "eth_sendRawTransaction") throw new Error("connection reset");
          return client.request({ method, params } as never);
        },
      }),
    }) as PublicClient;

  /** Mines a block and lets the submitter see it. */
  async function nextHead(s: L1Submitter): Promise<bigint> {
    await testClient.mine({ blocks: 1 });
    const head = await client.getBlockNumber({ cacheTime: 0 });
    await s.onHead(head);
    return head;
  }

  before(async () => {
    anvil = await startAnvil();
    client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
    testClient = createTestClient({ chain: foundry, transport: http(anvil.rpcUrl), mode: "anvil" });
    await testClient.setAutomine(false);
  });
  after(async () => anvil?.stop());
  beforeEach(async () => {
    db = HostDatabase.open(":memory:");
    // a fresh funded operator per test, so nonces start at 0
    operator = privateKeyToAccount(generatePrivateKey());
    await testClient.setBalance({ address: operator.address, value: parseEther("100") });
  });

  it("records the signed transaction before broadcasting it, settles it, and sends a key only once", async () => {
    const s = submitter();
    const record = await s.submit(transfer("pay:1", 1000n));
    assert.equal(record.status, "pending");
    assert.equal(record.nonce, 0);
    const [attempt] = db.attempts("pay:1");
    assert.ok(attempt && attempt.sentAtBlock > 0n, "recorded, then broadcast");
    await nextHead(s);
    assert.equal(s.get("pay:1")?.status, "mined");
    assert.equal(s.get("pay:1")?.minedHash, attempt.hash);
    // the same key again: the record, never a second transaction
    let prepared = 0;
    const again = await s.submit(transfer("pay:1", 1000n, () => prepared++));
    assert.equal(again.status, "mined");
    assert.equal(prepared, 0);
    assert.equal(await client.getTransactionCount({ address: operator.address }), 1);
    assert.equal((await client.getBalance({ address: recipient })) >= 1000n, true);
  });

  it("records nothing and uses no nonce when preparing fails (the call would revert)", async () => {
    const s = submitter();
    await assert.rejects(
      s.submit({ key: "bad", kind: "x", prepare: async () => Promise.reject(new Error("would revert")) }),
      /would revert/,
    );
    assert.equal(s.get("bad"), undefined);
    const record = await s.submit(transfer("pay:2", 1n));
    assert.equal(record.nonce, 0, "the nonce was not burned");
  });

  it("broadcasts after a restart what a crash left signed but unsent", async () => {
    const crashed = submitter({ client: deadClient() });
    await crashed.submit(transfer("pay:3", 7n));
    assert.equal(db.attempts("pay:3")[0]!.sentAtBlock, 0n, "signed and recorded, never sent");
    const pending = await client.getBlock({ blockTag: "pending", includeTransactions: true });
    assert.equal(
      pending.transactions.filter((tx) => tx.from.toLowerCase() === operator.address.toLowerCase()).length,
      0,
    );
    // the restarted node reconciles from the same database
    const restarted = submitter();
    await restarted.reconcile();
    await nextHead(restarted);
    assert.equal(restarted.get("pay:3")?.status, "mined");
    assert.equal(db.attempts("pay:3").length, 1, "the same transaction, not a new one");
  });

  it("cancels after a restart, instead of broadcasting, what was superseded while the node was down", async () => {
    const recipientBefore = await client.getBalance({ address: recipient });
    const crashed = submitter({ client: deadClient() });
    await crashed.submit(transfer("rollup:superseded", 7n));
    const asked: string[] = [];
    const restarted = submitter({
      isSuperseded: async (record) => {
        asked.push(record.key);
        return true;
      },
    });
    await restarted.reconcile();
    assert.deepEqual(asked, ["rollup:superseded"]);
    await nextHead(restarted);
    assert.equal(restarted.get("rollup:superseded")?.status, "cancelled");
    const [signed, cancellation] = db.attempts("rollup:superseded");
    assert.equal(signed!.sentAtBlock, 0n, "the superseded transaction was never broadcast");
    assert.equal(cancellation?.cancel, true);
    assert.equal(await client.getBalance({ address: recipient }), recipientBefore, "nothing was paid");
    assert.equal(await client.getTransactionCount({ address: operator.address }), 1, "the nonce is used up");
  });

  it("re-prices a transaction the market left behind, at the same nonce", async () => {
    const s = submitter();
    await s.submit(transfer("pay:4", 5n));
    const first = db.attempts("pay:4")[0]!;
    // the base fee jumps over the attempt's cap: it cannot be included
    await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: first.maxFeePerGas * 3n });
    await testClient.mine({ blocks: 1 });
    await s.onHead(await client.getBlockNumber({ cacheTime: 0 }));
    assert.equal(s.get("pay:4")?.status, "pending");
    for (let i = 0; i < 10 && s.get("pay:4")?.status === "pending"; i++) {
      await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: first.maxFeePerGas * 3n });
      await nextHead(s);
    }
    const attempts = db.attempts("pay:4");
    assert.equal(s.get("pay:4")?.status, "mined", `still pending after ${attempts.length} attempts`);
    assert.ok(attempts.length >= 2, "re-priced");
    assert.ok(attempts.every((a) => a.nonce === first.nonce));
    assert.ok(attempts.at(-1)!.maxFeePerGas > first.maxFeePerGas);
  });

  it("gives the nonce to a cancellation when a stuck transaction can no longer succeed, so later ones go through", async () => {
    const s = submitter();
    let valid = true;
    await s.submit({
      key: "doomed",
      kind: "rollup",
      prepare: async () => {
        if (!valid) throw new Error("RollupManagement_UnknownParent");
        return { to: recipient, data: "0x", value: 1n, gas: 21_000n };
      },
    });
    const stuck = db.attempts("doomed")[0]!;
    await s.submit(transfer("after", 2n));
    valid = false;
    for (let i = 0; i < 10 && s.get("doomed")?.status === "pending"; i++) {
      await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: stuck.maxFeePerGas * 2n });
      await nextHead(s);
    }
    assert.equal(s.get("doomed")?.status, "cancelled");
    for (let i = 0; i < 10 && s.get("after")?.status === "pending"; i++) await nextHead(s);
    assert.equal(s.get("after")?.status, "mined");
    assert.equal(await client.getTransactionCount({ address: operator.address }), 2);
    await assert.rejects(
      s.waitForMined("doomed", 1_000),
      (e) => (e as { code?: string }).code === "L1_TRANSACTION_FAILED",
    );
  });

  it("signs blob transactions locally and tracks them by the hash L1 gives them", async () => {
    const s = submitter();
    const { blobs, commitments, proofs, versionedHashes } = buildRollupBlobs({ payload: new Uint8Array(1000).fill(7) });
    const sidecars = toBlobSidecars({ blobs: blobs.map((b) => bytesToHex(b)), commitments, proofs });
    await s.submit({
      key: "blob",
      kind: "rollup",
      prepare: async () => ({ to: recipient, data: "0x", gas: 50_000n, blobs: { sidecars, versionedHashes } }),
    });
    await nextHead(s);
    const record = s.get("blob")!;
    assert.equal(record.status, "mined");
    const transaction = await client.getTransaction({ hash: record.minedHash! });
    assert.equal(transaction.type, "eip4844");
    assert.deepEqual(transaction.blobVersionedHashes, versionedHashes);
  });

  it("puts back to pending what a reorg took out of L1, and settles it again", async () => {
    const s = submitter();
    await s.submit(transfer("pay:5", 9n));
    const head = await nextHead(s);
    assert.equal(s.get("pay:5")?.status, "mined");
    assert.deepEqual(s.onReorg(head - 1n), ["pay:5"]);
    assert.equal(s.get("pay:5")?.status, "pending");
    await s.onHead(head);
    assert.equal(s.get("pay:5")?.status, "mined", "still in the chain here: settled again");
  });
});
