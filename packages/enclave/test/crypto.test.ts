import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import { ecrecover } from "@ethereumjs/util";
import { createRequire } from "node:module";
import type Secp256k1Module from "secp256k1";
import { hexToBytes, keccak256 } from "viem";
import { nativeEcrecover, nativeKeccak256, orderedTrieRoot } from "../src/index.ts";

const secp256k1 = createRequire(import.meta.url)("secp256k1") as typeof Secp256k1Module;
const keccak_256 = (message: Uint8Array): Uint8Array => hexToBytes(keccak256(message));

describe("native crypto hooks", () => {
  it("keccak256 equals the reference for every length around the rate", () => {
    for (const length of [0, 1, 31, 32, 33, 135, 136, 137, 271, 272, 1000]) {
      const message = randomBytes(length);
      assert.deepEqual(nativeKeccak256(message), keccak_256(message), `length ${length}`);
      // A view into a larger buffer hashes only its own bytes.
      const padded = Buffer.concat([Buffer.from([9, 9]), message, Buffer.from([9])]);
      assert.deepEqual(nativeKeccak256(padded.subarray(2, 2 + length)), keccak_256(message));
    }
  });

  it("keccak256 returns arrays that start their own buffer (ethereumjs reads `.buffer`)", () => {
    const digest = nativeKeccak256(Uint8Array.of(1, 2, 3));
    assert.equal(digest.byteOffset, 0);
    assert.equal(digest.buffer.byteLength, 32);
  });

  it("ecrecover equals @ethereumjs/util's for typed, EIP-155 and pre-EIP-155 signatures", () => {
    for (let i = 0; i < 20; i++) {
      const key = hexToBytes(keccak256(Uint8Array.of(i + 1)));
      const hash = randomBytes(32);
      const { signature, recid } = secp256k1.ecdsaSign(hash, key);
      const recovery = BigInt(recid);
      const r = signature.subarray(0, 32);
      const s = signature.subarray(32, 64);
      for (const [v, chainId] of [
        [recovery, undefined],
        [27n + recovery, undefined],
        [443n * 2n + 35n + recovery, 443n],
      ] as const) {
        assert.deepEqual(nativeEcrecover(hash, v, r, s, chainId), ecrecover(hash, v, r, s, chainId));
      }
    }
  });

  it("ecrecover refuses a recovery id that is not 0 or 1", () => {
    assert.throws(() => nativeEcrecover(randomBytes(32), 29n, randomBytes(32), randomBytes(32)));
  });
});

describe("orderedTrieRoot", () => {
  it("equals @ethereumjs/mpt for lists of every shape", async () => {
    for (const count of [0, 1, 2, 15, 16, 17, 127, 128, 129, 300]) {
      const values = Array.from({ length: count }, (_, i) => randomBytes(1 + ((i * 37) % 120)));
      const trie = new MerklePatriciaTrie();
      for (const [index, value] of values.entries()) await trie.put(RLP.encode(index), value);
      assert.deepEqual(orderedTrieRoot(values), trie.root(), `${count} values`);
    }
  });
});
