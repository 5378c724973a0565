import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { RLP } from "@ethereumjs/rlp";
import { createTxFromRLP } from "@ethereumjs/tx";
import { Account, bigIntToUnpaddedBytes, SECP256K1_ORDER } from "@ethereumjs/util";
import { toHex, type Hex } from "viem";
import {
  BLOCK_GAS_LIMIT,
  createL2Common,
  InvalidTransactionError,
  MAX_NONCE_GAP,
  TransactionRefusal,
  type L2Chain,
} from "../src/index.ts";
import { checkSender, decodeTransaction } from "../src/chain/execution/transactions.ts";
import {
  deposits,
  ETHER,
  GWEI,
  hexBytes,
  nextBatch,
  openChain,
  signTx,
  tempDirectory,
  wallet,
} from "./helpers/chain.ts";

describe("validateTransaction", () => {
  let dir: Awaited<ReturnType<typeof tempDirectory>>;
  let chain: L2Chain;
  const alice = wallet(21);
  const bob = wallet(22);

  before(async () => {
    dir = await tempDirectory();
    chain = await openChain(dir.path);
    await chain.executeBlock(
      nextBatch(chain, { deposits: deposits(chain, [{ to: alice.address, amountOrId: ETHER }]) }),
    );
    const first = await signTx(alice, { nonce: 0, to: bob.address, value: 1n, gas: 21_000n });
    await chain.executeBlock(nextBatch(chain, { transactions: [hexBytes(first)] }));
  });
  after(async () => {
    await chain.close();
    await dir.cleanup();
  });

  const refusedWith = async (raw: Hex | Uint8Array, reason: TransactionRefusal, options = {}) => {
    const result = await chain.validateTransaction(raw, options);
    assert.equal(result.valid, false, `expected ${reason}`);
    if (result.valid) return;
    assert.ok(result.error instanceof InvalidTransactionError);
    assert.equal(result.error.code, "INVALID_TRANSACTION");
    assert.equal(result.error.reason, reason);
  };

  it("accepts EIP-1559, EIP-2930 and EIP-155 legacy transactions", async () => {
    for (const type of ["eip1559", "eip2930", "legacy"] as const) {
      const fees = type === "eip1559" ? {} : { gasPrice: 10n * GWEI };
      const raw = await signTx(alice, { nonce: 1, to: bob.address, value: 1n, gas: 21_000n, type, ...fees });
      const result = await chain.validateTransaction(raw);
      assert.ok(result.valid, type);
      assert.equal(result.transaction.sender, alice.address);
      assert.equal(result.transaction.nonce, 1n);
    }
  });

  it("refuses each kind of invalid transaction with its reason code", async () => {
    const ok = { nonce: 1, to: bob.address, value: 1n, gas: 21_000n };
    await refusedWith(await signTx(alice, { ...ok, chainId: 1 }), TransactionRefusal.WrongChainId);
    await refusedWith(
      await signTx(alice, { ...ok, chainId: 1, type: "legacy", gasPrice: 10n * GWEI }),
      TransactionRefusal.WrongChainId,
    );
    await refusedWith(
      await signTx(alice, { ...ok, chainId: undefined, type: "legacy", gasPrice: 10n * GWEI }),
      TransactionRefusal.ReplayUnprotected,
    );
    await refusedWith(await signTx(alice, { ...ok, nonce: 0 }), TransactionRefusal.NonceTooLow);
    await refusedWith(
      await signTx(alice, { ...ok, nonce: 2 + Number(MAX_NONCE_GAP) }),
      TransactionRefusal.NonceTooHigh,
    );
    await refusedWith(await signTx(alice, { ...ok, value: 2n * ETHER }), TransactionRefusal.InsufficientFunds);
    await refusedWith(await signTx(bob, { ...ok, nonce: 0 }), TransactionRefusal.InsufficientFunds);
    await refusedWith(await signTx(alice, { ...ok, gas: 20_999n }), TransactionRefusal.IntrinsicGasTooLow);
    await refusedWith(await signTx(alice, { ...ok, gas: BLOCK_GAS_LIMIT + 1n }), TransactionRefusal.GasLimitTooHigh);
    await refusedWith(
      await signTx(alice, { ...ok, maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }),
      TransactionRefusal.FeeCapTooLow,
    );
    await refusedWith(
      await signTx(alice, { nonce: 1, data: toHex(new Uint8Array(49_153)), gas: 10_000_000n }),
      TransactionRefusal.InitCodeTooLarge,
    );
    const raw = hexBytes(await signTx(alice, ok));
    for (const type of [0x00, 0x03, 0x04, 0x7e]) {
      await refusedWith(Uint8Array.of(type, ...raw.subarray(1)), TransactionRefusal.UnsupportedType);
    }
    await refusedWith(Uint8Array.of(0x02, 0xff, 0x01), TransactionRefusal.Malformed);
    await refusedWith(raw.subarray(0, raw.length - 3), TransactionRefusal.Malformed);
    await refusedWith("0xnothex" as Hex, TransactionRefusal.Malformed);
    await refusedWith(new Uint8Array(140_000).fill(2), TransactionRefusal.TooLarge);
  });

  it("refuses a signature with a high s, or one that does not recover", async () => {
    const common = createL2Common(443n);
    const tx = createTxFromRLP(hexBytes(await signTx(alice, { nonce: 1, to: bob.address, gas: 21_000n })), { common });
    const withSignature = (v: bigint, r: bigint, s: bigint): Uint8Array => {
      const fields = tx.raw().slice(0, -3) as Uint8Array[];
      const body = RLP.encode([
        ...fields,
        bigIntToUnpaddedBytes(v),
        bigIntToUnpaddedBytes(r),
        bigIntToUnpaddedBytes(s),
      ]);
      return Uint8Array.of(0x02, ...body);
    };
    await refusedWith(withSignature(1n - tx.v!, tx.r!, SECP256K1_ORDER - tx.s!), TransactionRefusal.InvalidSignature);
    await refusedWith(withSignature(tx.v!, 0n, tx.s!), TransactionRefusal.InvalidSignature);
    // A valid-looking signature of nobody's key for this message: refused as unrecoverable, or
    // recovered to an account with nothing.
    const other = await chain.validateTransaction(withSignature(tx.v!, tx.r! ^ 1n, tx.s!));
    assert.equal(other.valid, false);
  });

  it("checks the nonce against the pending nonce when given one", async () => {
    const pendingNonce = () => 5n;
    await refusedWith(
      await signTx(alice, { nonce: 3, to: bob.address, gas: 21_000n }),
      TransactionRefusal.NonceTooLow,
      { pendingNonce },
    );
    const result = await chain.validateTransaction(await signTx(alice, { nonce: 5, to: bob.address, gas: 21_000n }), {
      pendingNonce,
    });
    assert.ok(result.valid);
  });

  it("refuses a sender with code (EIP-3607), accepts an EIP-7702 delegation", async () => {
    const common = createL2Common(443n);
    const decoded = decodeTransaction(
      hexBytes(await signTx(alice, { nonce: 0, to: bob.address, gas: 21_000n })),
      common,
    );
    const contract = new Account(0n, ETHER, undefined, new Uint8Array(32).fill(1));
    await assert.rejects(
      checkSender(decoded, contract, async () => Uint8Array.of(0x60, 0x00), { expected: 0n, maxGap: 0n }),
      (error) => error instanceof InvalidTransactionError && error.reason === TransactionRefusal.SenderNotEoa,
    );
    const delegation = Uint8Array.of(0xef, 0x01, 0x00, ...new Uint8Array(20));
    await checkSender(decoded, contract, async () => delegation, { expected: 0n, maxGap: 0n });
  });

  it("changes nothing", async () => {
    const head = chain.head;
    const balance = await chain.getBalance(alice.address);
    await chain.validateTransaction(await signTx(alice, { nonce: 1, to: bob.address, value: 5n, gas: 21_000n }));
    assert.equal(chain.head.hash, head.hash);
    assert.equal(await chain.getBalance(alice.address), balance);
    assert.equal(await chain.getNonce(alice.address), 1n);
    assert.equal(await chain.getBlock(head.number + 1n), undefined);
  });
});
