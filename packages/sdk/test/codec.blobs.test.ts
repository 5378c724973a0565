import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import { bytesToHex, encodePacked, hexToBytes, keccak256, type Hex } from "viem";
import {
  assertBlobVersionedHashes,
  buildRollupBlobs,
  BYTES_PER_BLOB,
  computeBlobDataHash,
  computeCalldataDataHash,
  decodeBlobs,
  encodeBlobs,
  getKzg,
  isErrorWithCode,
  MAX_BLOB_PAYLOAD_BYTES,
  USABLE_BYTES_PER_BLOB,
} from "../src/index.ts";
import { referenceVersionedHash } from "./helpers/reference.ts";

const code = (expected: string) => (error: unknown) => isErrorWithCode(error, expected);
const random = (length: number) => new Uint8Array(randomBytes(length));
const FIRST_BLOB_PAYLOAD = USABLE_BYTES_PER_BLOB - 5;

describe("blob encoding", () => {
  it("fits 126,971 payload bytes in the first blob, 126,976 in each further blob, 761,851 in six", () => {
    assert.equal(FIRST_BLOB_PAYLOAD, 126_971);
    assert.equal(MAX_BLOB_PAYLOAD_BYTES, 761_851);
    const cases: [number, number][] = [
      [0, 1],
      [1, 1],
      [FIRST_BLOB_PAYLOAD, 1],
      [FIRST_BLOB_PAYLOAD + 1, 2],
      [FIRST_BLOB_PAYLOAD + USABLE_BYTES_PER_BLOB, 2],
      [FIRST_BLOB_PAYLOAD + USABLE_BYTES_PER_BLOB + 1, 3],
      [MAX_BLOB_PAYLOAD_BYTES, 6],
    ];
    for (const [length, count] of cases) {
      const payload = random(length);
      const blobs = encodeBlobs({ payload });
      assert.equal(blobs.length, count, `length ${length}`);
      for (const blob of blobs) assert.equal(blob.length, BYTES_PER_BLOB);
      assert.deepEqual(decodeBlobs({ blobs }), payload, `length ${length}`);
    }
    assert.throws(() => encodeBlobs({ payload: random(MAX_BLOB_PAYLOAD_BYTES + 1) }), code("BLOB_PAYLOAD_TOO_LARGE"));
  });

  it("lays out 0x00 || uint32be(length) || payload, 31 bytes per field element after a zero byte", () => {
    const payload = random(100);
    const [blob] = encodeBlobs({ payload });
    const stream: number[] = [];
    for (let f = 0; f < 4096; f++) {
      assert.equal(blob![f * 32], 0, `element ${f}`);
      stream.push(...blob!.subarray(f * 32 + 1, f * 32 + 32));
    }
    assert.deepEqual(stream.slice(0, 5), [0, 0, 0, 0, 100]);
    assert.deepEqual(Uint8Array.from(stream.slice(5, 105)), payload);
    assert.ok(stream.slice(105).every((byte) => byte === 0));
  });

  it("round-trips any payload, given as bytes or hex", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3 * USABLE_BYTES_PER_BLOB }), (payload) => {
        const blobs = encodeBlobs({ payload });
        assert.deepEqual(decodeBlobs({ blobs }), payload);
        assert.deepEqual(decodeBlobs({ blobs: blobs.map((blob) => bytesToHex(blob)) }), payload);
      }),
      { numRuns: 25 },
    );
  });

  it("fails with MALFORMED_BLOBS on anything encodeBlobs does not produce", () => {
    const payload = random(FIRST_BLOB_PAYLOAD + 10); // two blobs
    const blobs = encodeBlobs({ payload });
    const mutate = (index: number, offset: number, value: number) =>
      blobs.map((blob, i) => {
        const copy = Uint8Array.from(blob);
        if (i === index) copy[offset] = value;
        return copy;
      });
    const lengthField = (length: number) =>
      blobs.map((blob, i) => {
        const copy = Uint8Array.from(blob);
        if (i === 0) new DataView(copy.buffer).setUint32(2, length); // bytes 1..4 of the stream sit at 2..5
        return copy;
      });
    const cases: [string, Uint8Array[]][] = [
      ["no blobs", []],
      ["seven blobs", Array.from({ length: 7 }, () => new Uint8Array(BYTES_PER_BLOB))],
      ["short blob", [blobs[0]!.subarray(1), blobs[1]!]],
      ["high byte set", mutate(1, 32 * 7, 0x01)],
      ["unknown encoding version", mutate(0, 1, 0x01)],
      ["non-zero padding", mutate(1, BYTES_PER_BLOB - 1, 0x01)],
      ["length beyond the blobs", lengthField(2 * USABLE_BYTES_PER_BLOB)],
      ["a blob too many", lengthField(10)],
      ["a trailing zero blob", [...blobs, new Uint8Array(BYTES_PER_BLOB)]],
      ["a blob missing", [blobs[0]!]],
    ];
    for (const [name, bad] of cases) assert.throws(() => decodeBlobs({ blobs: bad }), code("MALFORMED_BLOBS"), name);
  });
});

describe("KZG and dataHash", () => {
  before(() => getKzg()); // load the trusted setup once (about 2 s)

  it("getKzg is loaded once and shared", () => {
    assert.equal(getKzg(), getKzg());
  });

  it("builds commitments, proofs and versioned hashes that verify, and the dataHash of the versioned hashes", () => {
    const payload = random(FIRST_BLOB_PAYLOAD + 1000);
    const built = buildRollupBlobs({ payload });
    assert.equal(built.blobs.length, 2);
    const kzg = getKzg();
    built.blobs.forEach((blob, i) => {
      const commitment = hexToBytes(built.commitments[i]!);
      assert.equal(commitment.length, 48);
      assert.equal(kzg.verifyBlobKzgProof(blob, commitment, hexToBytes(built.proofs[i]!)), true);
      assert.equal(built.versionedHashes[i], bytesToHex(referenceVersionedHash(commitment)));
    });
    assert.equal(
      kzg.verifyBlobKzgProof(built.blobs[0]!, hexToBytes(built.commitments[0]!), hexToBytes(built.proofs[1]!)),
      false,
    );
    // The contract side: keccak256(abi.encodePacked(bytes32[] hashes)) over blobhash(0..k).
    assert.equal(built.dataHash, keccak256(encodePacked(["bytes32[]"], [built.versionedHashes])));
    assert.equal(built.dataHash, computeBlobDataHash(built.versionedHashes));
    assert.deepEqual(decodeBlobs({ blobs: built.blobs }), payload);
  });

  it("computes the 128 cell proofs of each blob on request (EIP-7594 wrapper)", () => {
    const built = buildRollupBlobs({ payload: random(1000), cellProofs: true });
    assert.equal(built.cellProofs?.length, 1);
    assert.equal(built.cellProofs![0]!.length, 128);
    assert.equal(buildRollupBlobs({ payload: random(10) }).cellProofs, undefined);
  });

  it("assertBlobVersionedHashes accepts the committed blobs and refuses others with typed errors", () => {
    const built = buildRollupBlobs({ payload: random(FIRST_BLOB_PAYLOAD + 1) });
    const { blobs, versionedHashes } = built;
    assertBlobVersionedHashes({ blobs, versionedHashes });
    assertBlobVersionedHashes({ blobs: blobs.map((blob) => bytesToHex(blob)), versionedHashes });
    const altered = blobs.map((blob) => Uint8Array.from(blob));
    altered[1]![100]! ^= 1;
    const mismatch = code("BLOB_VERSIONED_HASH_MISMATCH");
    assert.throws(() => assertBlobVersionedHashes({ blobs: altered, versionedHashes }), mismatch);
    assert.throws(() => assertBlobVersionedHashes({ blobs: [blobs[1]!, blobs[0]!], versionedHashes }), mismatch);
    assert.throws(() => assertBlobVersionedHashes({ blobs: [blobs[0]!], versionedHashes }), mismatch);
    const aboveModulus = blobs.map((blob) => Uint8Array.from(blob));
    aboveModulus[0]![0] = 0xff; // field element ≥ BLS modulus: not a valid blob
    assert.throws(() => assertBlobVersionedHashes({ blobs: aboveModulus, versionedHashes }), code("MALFORMED_BLOBS"));
    assert.throws(
      () => assertBlobVersionedHashes({ blobs: [blobs[0]!.subarray(1), blobs[1]!], versionedHashes }),
      code("MALFORMED_BLOBS"),
    );
  });

  it("computeBlobDataHash refuses malformed lists with INVALID_VERSIONED_HASH", () => {
    const good = `0x01${"ab".repeat(31)}` as Hex;
    for (const bad of [
      [],
      Array(7).fill(good),
      [`0x02${"ab".repeat(31)}`],
      [`0x01${"ab".repeat(30)}`],
      ["0x01"],
    ] as Hex[][])
      assert.throws(() => computeBlobDataHash(bad), code("INVALID_VERSIONED_HASH"));
    assert.equal(computeBlobDataHash([good]), keccak256(good));
  });

  it("computeCalldataDataHash is keccak256 of the payload bytes", () => {
    const payload = random(1234);
    assert.equal(computeCalldataDataHash(payload), keccak256(payload));
    assert.equal(computeCalldataDataHash(bytesToHex(payload)), keccak256(payload));
    assert.throws(() => computeCalldataDataHash("0xz" as Hex), code("MALFORMED_ROLLUP_PAYLOAD"));
  });
});
