import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, isAddress } from "viem";
import {
  AssetKind,
  computeWrappedTokenAddress,
  isErrorWithCode,
  L2_BRIDGE_ADDRESS,
  L2_SYSTEM_ADDRESS,
  wrappedTokenInitCode,
} from "../src/index.ts";

const L1_TOKEN = "0x00000000000000000000000000000000000a11ce";

describe("L2 addresses", () => {
  it("are checksummed constants", () => {
    assert.equal(L2_BRIDGE_ADDRESS, getAddress(L2_BRIDGE_ADDRESS));
    assert.equal(L2_SYSTEM_ADDRESS, getAddress(L2_SYSTEM_ADDRESS));
  });

  it("computeWrappedTokenAddress: one address per (kind, L1 token, bridge), the L1 token in the init code", () => {
    const erc20 = computeWrappedTokenAddress({ kind: AssetKind.Erc20, l1Token: L1_TOKEN });
    const erc721 = computeWrappedTokenAddress({ kind: AssetKind.Erc721, l1Token: L1_TOKEN });
    const other = computeWrappedTokenAddress({
      kind: AssetKind.Erc20,
      l1Token: "0x00000000000000000000000000000000000b0b00",
    });
    const elsewhere = computeWrappedTokenAddress({
      kind: AssetKind.Erc20,
      l1Token: L1_TOKEN,
      bridge: "0x0000000000000000000000000000000000000042",
    });
    assert.ok(isAddress(erc20));
    assert.equal(new Set([erc20, erc721, other, elsewhere]).size, 4);
    assert.equal(computeWrappedTokenAddress({ kind: AssetKind.Erc20, l1Token: L1_TOKEN }), erc20);
    assert.ok(wrappedTokenInitCode(AssetKind.Erc20, L1_TOKEN).endsWith(L1_TOKEN.slice(2)));
  });

  it("ETH has no wrapped token", () => {
    assert.throws(
      () => computeWrappedTokenAddress({ kind: AssetKind.Eth, l1Token: L1_TOKEN }),
      (error) => isErrorWithCode(error, "NOT_A_WRAPPED_ASSET"),
    );
  });
});
