import assert from "node:assert/strict";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DevKeyFileSealingKey, SealedDataError, SealingKeyError, StaticSealingKey } from "../src/index.ts";
import { Sealer } from "../src/chain/sealing/Sealer.ts";
import { tempDirectory } from "./helpers/chain.ts";

describe("sealing", () => {
  const sealer = new Sealer(new Uint8Array(32).fill(1));
  const aad = Uint8Array.of(1, 2, 3);
  const plaintext = new TextEncoder().encode("balance of alice: 42 ether");

  it("opens what it sealed, and the ciphertext hides the plaintext", () => {
    const sealed = sealer.batch().seal(aad, plaintext);
    assert.deepEqual(new Uint8Array(sealer.open(aad, sealed)), plaintext);
    assert.equal(Buffer.from(sealed).includes(Buffer.from("alice")), false);
  });

  it("refuses an altered byte, another location (aad) and another key", () => {
    const sealed = sealer.batch().seal(aad, plaintext);
    for (let i = 0; i < sealed.length; i++) {
      const altered = Uint8Array.from(sealed);
      altered[i]! ^= 0x01;
      assert.throws(() => sealer.open(aad, altered), SealedDataError, `byte ${i}`);
    }
    assert.throws(() => sealer.open(Uint8Array.of(1, 2, 4), sealed), SealedDataError);
    assert.throws(() => new Sealer(new Uint8Array(32).fill(2)).open(aad, sealed), SealedDataError);
    assert.throws(() => sealer.open(aad, sealed.subarray(0, 20)), SealedDataError);
  });

  it("never repeats a (key, nonce) pair: fresh epochs per batch, counters within one", () => {
    const batch = sealer.batch();
    const a = batch.seal(aad, plaintext);
    const b = batch.seal(aad, plaintext);
    const c = sealer.batch().seal(aad, plaintext);
    assert.notDeepEqual(a.subarray(1, 29), b.subarray(1, 29));
    assert.notDeepEqual(a.subarray(1, 17), c.subarray(1, 17));
  });

  it("blinds keys per table, deterministically, without revealing them", () => {
    const key = Uint8Array.of(0xaa, 0xbb);
    assert.deepEqual(sealer.blind(2, key), sealer.blind(2, key));
    assert.notDeepEqual(sealer.blind(2, key), sealer.blind(3, key));
    assert.equal(sealer.blind(2, key)[0], 2);
    const long = new Uint8Array(100).fill(5);
    assert.equal(sealer.blind(7, long).length, 33);
    assert.notDeepEqual(sealer.blind(7, long), sealer.blind(7, long.subarray(0, 64)));
  });

  it("the dev key file is created with mode 0600 and gives the same key again", async () => {
    const dir = await tempDirectory();
    try {
      const path = join(dir.path, "keys", "sealing.key");
      const first = await new DevKeyFileSealingKey(path).sealingKey();
      assert.equal((await stat(path)).mode & 0o777, 0o600);
      assert.deepEqual(await new DevKeyFileSealingKey(path).sealingKey(), first);
      // The key is derived: the file's bytes are not the key.
      assert.notDeepEqual(new Uint8Array(await readFile(path)), first);
      await writeFile(path, "short");
      await assert.rejects(new DevKeyFileSealingKey(path).sealingKey(), SealingKeyError);
    } finally {
      await dir.cleanup();
    }
  });

  it("a static key must be 32 bytes", () => {
    assert.throws(() => new StaticSealingKey(new Uint8Array(31)), SealingKeyError);
  });
});
