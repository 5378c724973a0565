import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { before, describe, it } from "node:test";
import { bytesToHex, hexToBytes, keccak256, type Address, type Hex } from "viem";
import {
  buildRollupBlobs,
  computeCalldataDataHash,
  computeEnclaveId,
  computeKeyCommitment,
  computeRollupPayloadAad,
  decodeBlobs,
  decodeRollupPayload,
  decryptMasterSecret,
  deriveNetworkKey,
  deriveRollupEpochKey,
  eciesDecrypt,
  encodeBlobs,
  encodeRollupPayload,
  getEnclavePublicKey,
  getKzg,
} from "../src/index.ts";
import { deterministicBytes, generateVectors } from "../scripts/generate-test-vectors.ts";
import { referenceEciesEncrypt } from "./helpers/reference.ts";

type Vectors = ReturnType<typeof generateVectors>;
const vectors = JSON.parse(
  await readFile(new URL("./vectors/crypto-vectors.json", import.meta.url), "utf8"),
) as Vectors;

describe("committed test vectors", () => {
  before(() => getKzg());

  it("enclave keys: public key and enclaveId (private key 1 → 0x7E5F…5Bdf, the well-known address)", () => {
    assert.equal(vectors.keys[0]!.enclaveId, "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    for (const key of vectors.keys) {
      assert.equal(getEnclavePublicKey(key.privateKey), key.publicKey);
      assert.equal(computeEnclaveId(key.publicKey), key.enclaveId);
    }
  });

  it("ECIES: the SDK decrypts each fixed ciphertext, and the spec reproduces it byte for byte", () => {
    assert.equal(vectors.ecies.length, 3);
    for (const vector of vectors.ecies) {
      const plaintext = eciesDecrypt({ privateKey: vector.recipientPrivateKey, ciphertext: vector.ciphertext });
      assert.equal(bytesToHex(plaintext), vector.plaintext, vector.name);
      const rebuilt = referenceEciesEncrypt(
        hexToBytes(vector.recipientPublicKey),
        hexToBytes(vector.plaintext),
        hexToBytes(vector.ephemeralPrivateKey),
        hexToBytes(vector.nonce),
      );
      assert.equal(bytesToHex(rebuilt), vector.ciphertext, vector.name);
    }
  });

  it("the master secret on L1: decrypts, derives the committed network key and checks it", () => {
    const { derivation } = vectors;
    const vector = vectors.ecies.find((entry) => entry.name === "master secret")!;
    assert.equal(vector.plaintext, derivation.masterSecret);
    const result = decryptMasterSecret({
      ciphertext: vector.ciphertext,
      privateKey: vector.recipientPrivateKey,
      expectedNetworkKey: derivation.networkKey.address,
    });
    assert.equal(result.masterSecret, derivation.masterSecret);
  });

  it("derivations: network key, epoch keys and key commitments for the fixed master secret", () => {
    const { masterSecret, networkKey, epochs } = vectors.derivation;
    assert.equal(deterministicBytes("obscuro/vectors/master-secret", 32).length, 32);
    assert.equal(masterSecret, bytesToHex(deterministicBytes("obscuro/vectors/master-secret", 32)));
    assert.deepEqual(deriveNetworkKey({ masterSecret }), networkKey);
    for (const epoch of epochs) {
      const epochKey = deriveRollupEpochKey({ masterSecret, keyEpoch: BigInt(epoch.keyEpoch) });
      assert.equal(epochKey, epoch.epochKey, `epoch ${epoch.keyEpoch}`);
      assert.equal(computeKeyCommitment(epochKey), epoch.keyCommitment);
    }
  });

  it("rollup payload: fixed nonce and quality give the committed bytes, which decode to the transactions", () => {
    const vector = vectors.rollupPayload;
    const context = {
      chainId: BigInt(vector.chainId),
      rollupContract: vector.rollupContract as Address,
      keyEpoch: BigInt(vector.keyEpoch),
    };
    assert.equal(bytesToHex(computeRollupPayloadAad(context)), vector.aad);
    const payload = encodeRollupPayload({
      ...context,
      transactions: vector.transactions as Hex[],
      epochKey: vector.epochKey,
      nonce: vector.nonce,
      quality: vector.quality,
    });
    // Brotli output is deterministic for a given library version; if a Node upgrade changes it,
    // the decoding check below still holds and the vectors need regenerating, not the format.
    assert.equal(bytesToHex(payload), vector.payload);
    const transactions = decodeRollupPayload({ ...context, payload: vector.payload, epochKey: vector.epochKey });
    assert.deepEqual(
      transactions.map((tx) => bytesToHex(tx)),
      vector.transactions,
    );
    assert.equal(computeCalldataDataHash(vector.payload), vector.calldataDataHash);
  });

  it("blobs: encodings, KZG commitments, proofs, versioned hashes and dataHash", () => {
    const payloads = [
      hexToBytes(vectors.rollupPayload.payload),
      deterministicBytes("obscuro/vectors/blob-payload", 200_000),
    ];
    vectors.blobs.forEach((vector, i) => {
      const payload = payloads[i]!;
      const blobs = encodeBlobs({ payload });
      assert.deepEqual(
        blobs.map((blob) => keccak256(blob)),
        vector.blobKeccak256,
        vector.name,
      );
      assert.deepEqual(decodeBlobs({ blobs }), payload);
      const built = buildRollupBlobs({ payload });
      assert.deepEqual(built.commitments, vector.commitments, vector.name);
      assert.deepEqual(built.proofs, vector.proofs, vector.name);
      assert.deepEqual(built.versionedHashes, vector.versionedHashes, vector.name);
      assert.equal(built.dataHash, vector.dataHash, vector.name);
    });
    assert.equal(vectors.blobs[1]!.versionedHashes.length, 2);
  });

  it("the committed file is exactly what the generator produces", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(generateVectors())), vectors);
  });
});
