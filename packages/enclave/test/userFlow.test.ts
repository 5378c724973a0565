import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  AssetKind,
  balanceLeafHash,
  buildLedgerTree,
  buildWithdrawalTree,
  computeWrappedTokenAddress,
  l2BridgeAbi,
  withdrawalLeafHash,
  wrappedERC20Abi,
  wrappedERC20Bytecode,
  wrappedERC721Abi,
  type BalanceLeaf,
} from "@obscuro/sdk";
import {
  decodeEventLog,
  encodeAbiParameters,
  encodeEventTopics,
  getAddress,
  getContractAddress,
  pad,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { L2_BRIDGE_ADDRESS, LedgerEntryNotFoundError, type L2Chain } from "../src/index.ts";
import {
  callData,
  deposits,
  ETHER,
  hexBytes,
  nextBatch,
  openChain,
  read,
  signTx,
  tempDirectory,
  wallet,
  type TxFields,
} from "./helpers/chain.ts";

const L1_TOKEN: Address = "0x00000000000000000000000000000000000a11ce";
const L1_NFT: Address = "0x00000000000000000000000000000000000b0b00";
const CAROL_L1: Address = "0x000000000000000000000000000000000ca201e1";
const COINBASE: Address = getAddress("0x00000000000000000000000000000000000c0ffe");

describe("an L2 user's day", () => {
  let dir: Awaited<ReturnType<typeof tempDirectory>>;
  let chain: L2Chain;
  const alice = wallet(11);
  const bob = wallet(12);
  const ownToken = getContractAddress({ from: alice.address, nonce: 0n });
  let nonce = 0;
  const send = async (tx: Omit<TxFields, "nonce">) => {
    const raw = await signTx(alice, { ...tx, nonce: nonce++ });
    const block = await chain.executeBlock(nextBatch(chain, { transactions: [hexBytes(raw)], coinbase: COINBASE }));
    return { block, receipt: (await chain.getReceipt(block.transactionHashes.at(-1)!))! };
  };

  before(async () => {
    dir = await tempDirectory();
    chain = await openChain(dir.path);
    await chain.executeBlock(
      nextBatch(chain, {
        deposits: deposits(chain, [
          { to: alice.address, amountOrId: 10n * ETHER },
          { kind: AssetKind.Erc20, to: alice.address, token: L1_TOKEN, amountOrId: 1_000n },
          { kind: AssetKind.Erc721, to: alice.address, token: L1_NFT, amountOrId: 7n },
        ]),
      }),
    );
  });
  after(async () => {
    await chain.close();
    await dir.cleanup();
  });

  it("deploys an ERC20 of their own, mints and transfers it", async () => {
    const initCode =
      `${wrappedERC20Bytecode}${encodeAbiParameters([{ type: "address" }], [zeroAddress]).slice(2)}` as Hex;
    const deployed = await send({ data: initCode, gas: 3_000_000n });
    assert.equal(deployed.receipt.status, "success");
    assert.equal(deployed.receipt.contractAddress, ownToken);
    assert.notEqual(await chain.getCode(ownToken), "0x");

    await send({ to: ownToken, data: callData(wrappedERC20Abi, "mint", [alice.address, 500n]) });
    const transferData = callData(wrappedERC20Abi, "transfer", [bob.address, 100n]);
    const estimate = await chain.estimateGas({ from: alice.address, to: ownToken, data: transferData });
    const transfer = await send({ to: ownToken, data: transferData, gas: estimate });
    assert.equal(transfer.receipt.status, "success");
    assert.ok(transfer.receipt.gasUsed <= estimate);
    assert.equal(await read(chain, ownToken, wrappedERC20Abi, "balanceOf", [bob.address]), 100n);
    assert.equal(await read(chain, ownToken, wrappedERC20Abi, "balanceOf", [alice.address]), 400n);
  });

  it("sends ETH; the coinbase earns the tips and the base fee is burned", async () => {
    const before = await chain.getBalance(alice.address);
    const coinbaseBefore = await chain.getBalance(COINBASE);
    const { block, receipt } = await send({ to: bob.address, value: ETHER, gas: 21_000n });
    assert.equal(await chain.getBalance(bob.address), ETHER);
    const fee = receipt.gasUsed * receipt.effectiveGasPrice;
    assert.equal(await chain.getBalance(alice.address), before - ETHER - fee);
    const tip = receipt.effectiveGasPrice - block.baseFeePerGas;
    assert.equal(await chain.getBalance(COINBASE), coinbaseBefore + receipt.gasUsed * tip);
  });

  it("finds logs by address, topic and block range", async () => {
    const [transferTopic] = encodeEventTopics({ abi: wrappedERC20Abi, eventName: "Transfer" });
    const all = await chain.getLogs({ fromBlock: 0n, address: ownToken, topics: [transferTopic!] });
    assert.equal(all.length, 2);
    const fromAlice = await chain.getLogs({
      fromBlock: 0n,
      address: [ownToken, L2_BRIDGE_ADDRESS],
      topics: [transferTopic!, pad(alice.address.toLowerCase() as Hex)],
    });
    assert.equal(fromAlice.length, 1);
    assert.equal(fromAlice[0]!.topics[2], pad(bob.address.toLowerCase() as Hex));
    const receipt = (await chain.getReceipt(fromAlice[0]!.transactionHash))!;
    assert.deepEqual(receipt.logs[0], fromAlice[0]);
    assert.equal((await chain.getLogs({ fromBlock: 1n, toBlock: 1n, address: ownToken })).length, 0);
  });

  it("withdraws each asset kind: leaves in the L1 bridge's format, a reproducible withdrawal root", async () => {
    const from = chain.head.number + 1n;
    await send({ to: L2_BRIDGE_ADDRESS, value: ETHER, data: callData(l2BridgeAbi, "withdrawEth", [CAROL_L1]) });
    await send({ to: L2_BRIDGE_ADDRESS, data: callData(l2BridgeAbi, "withdrawErc20", [L1_TOKEN, 400n, CAROL_L1]) });
    await send({ to: L2_BRIDGE_ADDRESS, data: callData(l2BridgeAbi, "withdrawErc721", [L1_NFT, 7n, CAROL_L1]) });
    const batch = await chain.withdrawals(from, chain.head.number);
    const expected = [
      { id: 0n, recipient: getAddress(CAROL_L1), kind: AssetKind.Eth, token: zeroAddress, amountOrId: ETHER },
      { id: 1n, recipient: getAddress(CAROL_L1), kind: AssetKind.Erc20, token: getAddress(L1_TOKEN), amountOrId: 400n },
      { id: 2n, recipient: getAddress(CAROL_L1), kind: AssetKind.Erc721, token: getAddress(L1_NFT), amountOrId: 7n },
    ];
    assert.deepEqual(
      batch.withdrawals.map(({ id, recipient, kind, token, amountOrId }) => ({
        id,
        recipient,
        kind,
        token,
        amountOrId,
      })),
      expected,
    );
    assert.ok(batch.withdrawals.every((w) => w.sender === alice.address));
    const tree = buildWithdrawalTree(expected);
    assert.equal(batch.withdrawalRoot, tree.root);
    for (const w of expected) assert.deepEqual(batch.proof(w.id), tree.proof(w));
    // The leaves are what the bridge's events say, hashed as the L1 bridge hashes them.
    for (const [i, w] of batch.withdrawals.entries()) {
      const receipt = (await chain.getReceipt(w.transactionHash))!;
      const event = decodeEventLog({
        abi: l2BridgeAbi,
        ...receipt.logs.at(-1)!,
        topics: receipt.logs.at(-1)!.topics as [Hex],
      });
      assert.equal(event.eventName, "WithdrawalInitiated");
      const { id, recipient, kind, l1Token, amountOrId } = event.args as {
        id: bigint;
        recipient: Address;
        kind: AssetKind;
        l1Token: Address;
        amountOrId: bigint;
      };
      assert.equal(
        withdrawalLeafHash({ id, recipient, kind, token: l1Token, amountOrId }),
        withdrawalLeafHash(expected[i]!),
      );
    }
    assert.equal((await chain.withdrawals(from, chain.head.number)).withdrawalRoot, tree.root);
    assert.equal((await chain.withdrawals(0n, from - 1n)).withdrawalRoot, `0x${"00".repeat(32)}`);
    // Burned: the wrapped ERC20 supply fell, the ERC721 is gone, the ETH sits in the bridge.
    const erc20 = computeWrappedTokenAddress({ kind: AssetKind.Erc20, l1Token: L1_TOKEN });
    const erc721 = computeWrappedTokenAddress({ kind: AssetKind.Erc721, l1Token: L1_NFT });
    assert.equal(await read(chain, erc20, wrappedERC20Abi, "totalSupply"), 600n);
    assert.equal(await read(chain, erc721, wrappedERC721Abi, "balanceOf", [alice.address]), 0n);
    assert.equal(await chain.getBalance(L2_BRIDGE_ADDRESS), ETHER);
  });

  it("keeps a ledger whose root is the SDK's ledger tree over the expected balances", async () => {
    const eth = async (account: Address): Promise<BalanceLeaf> => ({
      account,
      kind: AssetKind.Eth,
      token: zeroAddress,
      amountOrId: await chain.getBalance(account),
    });
    const expected: BalanceLeaf[] = [
      await eth(alice.address),
      await eth(bob.address),
      await eth(COINBASE),
      { account: alice.address, kind: AssetKind.Erc20, token: getAddress(L1_TOKEN), amountOrId: 600n },
    ];
    // The bridge's burned ETH, the user's own token and the burned ERC721 are not in it.
    const tree = buildLedgerTree(expected);
    assert.equal(chain.ledgerRoot(), tree.root);
    assert.equal(chain.ledgerLeaves().length, expected.length);
    for (const leaf of expected) {
      const proof = chain.balanceProof({ ...leaf, tokenId: undefined });
      assert.deepEqual(proof.proof, tree.proof(leaf));
      assert.equal(proof.root, tree.root);
      assert.equal(balanceLeafHash(proof.leaf), balanceLeafHash(leaf));
    }
    assert.throws(
      () => chain.balanceProof({ kind: AssetKind.Erc721, token: L1_NFT, account: alice.address, tokenId: 7n }),
      LedgerEntryNotFoundError,
    );
  });

  it("answers block reads by number and by hash", async () => {
    const head = chain.head;
    assert.deepEqual(await chain.getBlock(head.hash), head);
    assert.deepEqual(await chain.getBlock(head.number), head);
    assert.equal(await chain.getBlock(head.number + 1n), undefined);
  });
});
