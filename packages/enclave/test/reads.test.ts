import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { l2BridgeAbi } from "@obscuro/sdk";
import { decodeErrorResult, pad } from "viem";
import {
  BLOCK_GAS_LIMIT,
  ExecutionRevertedError,
  InvalidCallError,
  L2_BRIDGE_ADDRESS,
  LogQueryTooLargeError,
  MAX_LOG_BLOCK_RANGE,
  UnknownBlockError,
  type L2Chain,
} from "../src/index.ts";
import { callData, deposits, ETHER, nextBatch, openChain, tempDirectory, wallet } from "./helpers/chain.ts";

describe("reads", () => {
  let dir: Awaited<ReturnType<typeof tempDirectory>>;
  let chain: L2Chain;
  const alice = wallet(41);

  before(async () => {
    dir = await tempDirectory();
    chain = await openChain(dir.path);
    await chain.executeBlock(
      nextBatch(chain, { deposits: deposits(chain, [{ to: alice.address, amountOrId: ETHER }]) }),
    );
  });
  after(async () => {
    await chain.close();
    await dir.cleanup();
  });

  it("reports a reverting call's error and refuses to estimate it", async () => {
    const data = callData(l2BridgeAbi, "withdrawEth", [alice.address]);
    const result = await chain.call({ from: alice.address, to: L2_BRIDGE_ADDRESS, data });
    assert.equal(result.reverted, true);
    assert.equal(decodeErrorResult({ abi: l2BridgeAbi, data: result.returnData }).errorName, "L2Bridge_ZeroAmount");
    await assert.rejects(
      chain.estimateGas({ from: alice.address, to: L2_BRIDGE_ADDRESS, data }),
      (error) => error instanceof ExecutionRevertedError && error.data === result.returnData,
    );
  });

  it("estimates what a call needs, commits nothing, and checks its bounds", async () => {
    const data = callData(l2BridgeAbi, "withdrawEth", [alice.address]);
    const request = { from: alice.address, to: L2_BRIDGE_ADDRESS, data, value: 1n };
    const gas = await chain.estimateGas(request);
    assert.equal((await chain.call({ ...request, gas })).reverted, false);
    assert.equal((await chain.call({ ...request, gas: gas - 1n })).reverted, true);
    assert.equal(await chain.getBalance(L2_BRIDGE_ADDRESS), 0n);
    assert.equal(await chain.getNonce(alice.address), 0n);
    await assert.rejects(chain.call({ ...request, gas: BLOCK_GAS_LIMIT + 1n }), InvalidCallError);
    await assert.rejects(chain.call({ ...request, value: 2n * ETHER }), InvalidCallError);
    assert.equal(await chain.estimateGas({ from: alice.address, to: alice.address, value: 1n }), 21_000n);
  });

  it("reads storage, and bounds log queries", async () => {
    const slot = await chain.getStorageAt(
      L2_BRIDGE_ADDRESS,
      "0xd034182ed2de8b7f6327bde35a0b5b697219a0e0c65a13609684a631f85be801",
    );
    assert.equal(slot, pad("0x01"));
    await assert.rejects(chain.getLogs({ fromBlock: 0n, toBlock: MAX_LOG_BLOCK_RANGE }), LogQueryTooLargeError);
    await assert.rejects(chain.withdrawals(0n, chain.head.number + 1n), UnknownBlockError);
    await assert.rejects(chain.getLogs({ fromBlock: -1n, toBlock: 0n }), UnknownBlockError);
    assert.equal(await chain.getBlock(-1n), undefined);
  });
});
