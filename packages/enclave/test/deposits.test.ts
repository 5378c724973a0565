import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AssetKind, computeWrappedTokenAddress, l2BridgeAbi, wrappedERC20Abi, wrappedERC721Abi } from "@obscuro/sdk";
import { decodeEventLog, getAddress, zeroAddress, type Address } from "viem";
import {
  BlockRefusal,
  DEPOSIT_TX_TYPE,
  InvalidBlockError,
  L2_BRIDGE_ADDRESS,
  L2_SYSTEM_ADDRESS,
  type L2Chain,
} from "../src/index.ts";
import { deposits, ETHER, nextBatch, openChain, read, tempDirectory, wallet } from "./helpers/chain.ts";

const L1_TOKEN: Address = "0x00000000000000000000000000000000000a11ce";
const L1_NFT: Address = "0x00000000000000000000000000000000000b0b00";

describe("deposits", () => {
  let dir: Awaited<ReturnType<typeof tempDirectory>>;
  let chain: L2Chain;
  const alice = wallet(1);
  const bob = wallet(2);

  before(async () => {
    dir = await tempDirectory();
    chain = await openChain(dir.path);
  });
  after(async () => {
    await chain.close();
    await dir.cleanup();
  });

  it("credits ETH, ERC20 and ERC721 in one block with no action of the recipients", async () => {
    const queue = deposits(chain, [
      { to: alice.address, amountOrId: 3n * ETHER },
      { kind: AssetKind.Erc20, to: alice.address, token: L1_TOKEN, amountOrId: 1_000n },
      { kind: AssetKind.Erc721, to: bob.address, token: L1_NFT, amountOrId: 42n },
      { kind: AssetKind.Erc20, to: bob.address, token: L1_TOKEN, amountOrId: 250n },
    ]);
    const block = await chain.executeBlock(nextBatch(chain, { deposits: queue }));

    assert.equal(await chain.getBalance(alice.address), 3n * ETHER);
    const erc20 = computeWrappedTokenAddress({ kind: AssetKind.Erc20, l1Token: L1_TOKEN });
    const erc721 = computeWrappedTokenAddress({ kind: AssetKind.Erc721, l1Token: L1_NFT });
    assert.equal(await read(chain, erc20, wrappedERC20Abi, "balanceOf", [alice.address]), 1_000n);
    assert.equal(await read(chain, erc20, wrappedERC20Abi, "balanceOf", [bob.address]), 250n);
    assert.equal(await read(chain, erc20, wrappedERC20Abi, "L1_TOKEN"), getAddress(L1_TOKEN));
    assert.equal(await read(chain, erc721, wrappedERC721Abi, "ownerOf", [42n]), bob.address);
    assert.equal(await read(chain, L2_BRIDGE_ADDRESS, l2BridgeAbi, "depositCount"), 4n);
    assert.equal(chain.nextDepositIndex, 4n);
    assert.equal(block.depositCount, 4n);
    assert.equal(block.gasUsed, 0n);
    assert.equal(block.transactionHashes.length, 4);
  });

  it("gives each deposit a system transaction with a receipt and its DepositFinalized log", async () => {
    const block = (await chain.getBlock(1n))!;
    for (const [index, hash] of block.transactionHashes.entries()) {
      const receipt = (await chain.getReceipt(hash))!;
      assert.equal(receipt.type, DEPOSIT_TX_TYPE);
      assert.equal(receipt.status, "success");
      assert.equal(receipt.from, L2_SYSTEM_ADDRESS);
      assert.equal(receipt.gasUsed, 0n);
      const finalized = receipt.logs
        .filter((log) => log.address === L2_BRIDGE_ADDRESS)
        .map((log) => decodeEventLog({ abi: l2BridgeAbi, data: log.data, topics: log.topics as [`0x${string}`] }))
        .find((event) => event.eventName === "DepositFinalized");
      assert.equal((finalized?.args as { index: bigint } | undefined)?.index, BigInt(index));
      const location = (await chain.getTransaction(hash))!;
      assert.equal(location.blockNumber, 1n);
      assert.equal(location.transactionIndex, index);
    }
  });

  it("no key and no account for the system address: system calls leave it untouched", async () => {
    assert.equal(await chain.getNonce(L2_SYSTEM_ADDRESS), 0n);
    assert.equal(await chain.getBalance(L2_SYSTEM_ADDRESS), 0n);
    assert.equal(await chain.getCode(L2_SYSTEM_ADDRESS), "0x");
  });

  it("refuses deposits out of queue order, atomically", async () => {
    const head = chain.head;
    const [skipped] = deposits(chain, [{ to: alice.address, amountOrId: ETHER }]);
    const outOfOrder = { ...skipped!, index: skipped!.index + 1n };
    await assert.rejects(
      chain.executeBlock(nextBatch(chain, { deposits: [outOfOrder] })),
      (error) => error instanceof InvalidBlockError && error.reason === BlockRefusal.DepositOutOfOrder,
    );
    const malformed = { ...skipped!, token: L1_TOKEN };
    await assert.rejects(
      chain.executeBlock(nextBatch(chain, { deposits: [malformed] })),
      (error) => error instanceof InvalidBlockError && error.reason === BlockRefusal.InvalidDeposit,
    );
    assert.equal(chain.head.hash, head.hash);
    assert.equal(await chain.getBalance(alice.address), 3n * ETHER);
  });

  it("puts the ledger entries of every deposit in the ledger", () => {
    const leaves = chain.ledgerLeaves();
    const find = (kind: AssetKind, account: Address, token: Address = zeroAddress) =>
      leaves.find((l) => l.kind === kind && l.account === account && l.token === getAddress(token));
    assert.equal(find(AssetKind.Eth, alice.address)?.amountOrId, 3n * ETHER);
    assert.equal(find(AssetKind.Erc20, alice.address, L1_TOKEN)?.amountOrId, 1_000n);
    assert.equal(find(AssetKind.Erc20, bob.address, L1_TOKEN)?.amountOrId, 250n);
    assert.equal(find(AssetKind.Erc721, bob.address, L1_NFT)?.amountOrId, 42n);
    assert.equal(leaves.length, 4);
  });
});
