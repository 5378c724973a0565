import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseGwei } from "viem";
import { chooseDataMode, MAX_CALLDATA_PAYLOAD_BYTES } from "../src/roles/dataMode.ts";

describe("where an `auto` rollup's data goes", () => {
  it("takes calldata when it costs less than a whole blob: a small rollup, blob gas dear", () => {
    // 2,000 bytes × 40 gas × 1 gwei = 80,000 gwei < 1 blob × 131,072 × 1 gwei
    assert.equal(
      chooseDataMode({ payloadBytes: 2_000, baseFeePerGas: parseGwei("1"), blobBaseFee: parseGwei("1") }),
      "calldata",
    );
  });

  it("takes blobs when they cost less: the usual case, blob gas cheap", () => {
    assert.equal(chooseDataMode({ payloadBytes: 2_000, baseFeePerGas: parseGwei("1"), blobBaseFee: 1n }), "blobs");
    // 10,000 bytes × 40 × 1 gwei = 400,000 gwei > 131,072 × 1 gwei
    assert.equal(
      chooseDataMode({ payloadBytes: 10_000, baseFeePerGas: parseGwei("1"), blobBaseFee: parseGwei("1") }),
      "blobs",
    );
  });

  it("weighs a blob against the payload's calldata at the floor price, byte by byte", () => {
    const fees = { baseFeePerGas: 3n, blobBaseFee: 1n };
    assert.equal(chooseDataMode({ payloadBytes: 1_092, ...fees }), "calldata", "1,092 × 40 × 3 = 131,040 < 131,072");
    assert.equal(chooseDataMode({ payloadBytes: 1_093, ...fees }), "blobs", "1,093 × 40 × 3 = 131,160 > 131,072");
  });

  it("takes calldata on an L1 without blobs, and blobs for a payload too large for calldata", () => {
    assert.equal(chooseDataMode({ payloadBytes: 500_000, baseFeePerGas: 1n, blobBaseFee: undefined }), "calldata");
    assert.equal(
      chooseDataMode({
        payloadBytes: MAX_CALLDATA_PAYLOAD_BYTES + 1,
        baseFeePerGas: 0n,
        blobBaseFee: parseGwei("100"),
      }),
      "blobs",
    );
  });
});
