import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import fc from "fast-check";
import { encrypt as eciesjsEncrypt, ECIES_CONFIG } from "eciesjs";
import { bytesToHex, hexToBytes } from "viem";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { ECIES_OVERHEAD, eciesDecrypt, eciesEncrypt, generateEnclaveKey, isErrorWithCode } from "../src/index.ts";
import { referenceEciesDecrypt, referenceEciesEncrypt } from "./helpers/reference.ts";

const recipient = generateEnclaveKey();
const other = generateEnclaveKey();
const isDecryptionFailure = (error: unknown) => isErrorWithCode(error, "ECIES_DECRYPTION_FAILED");

describe("ECIES", () => {
  it("round-trips any plaintext, including empty", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (plaintext) => {
        const ciphertext = eciesEncrypt({ publicKey: recipient.publicKey, plaintext });
        assert.equal(ciphertext.length, ECIES_OVERHEAD + plaintext.length);
        assert.deepEqual(eciesDecrypt({ privateKey: recipient.privateKey, ciphertext }), plaintext);
      }),
      { numRuns: 60 },
    );
  });

  it("produces the documented layout: an independent decryption from the spec reads it", () => {
    const plaintext = new Uint8Array(randomBytes(32));
    const ciphertext = eciesEncrypt({ publicKey: recipient.publicKey, plaintext });
    assert.equal(ECIES_OVERHEAD, 97);
    assert.equal(ciphertext[0], 0x04);
    secp256k1.Point.fromBytes(ciphertext.subarray(0, 65)).assertValidity(); // ephemeral key on the curve
    assert.deepEqual(referenceEciesDecrypt(hexToBytes(recipient.privateKey), ciphertext), plaintext);
  });

  it("reads a ciphertext built independently from the spec", () => {
    const plaintext = new Uint8Array(randomBytes(45));
    const ciphertext = referenceEciesEncrypt(
      hexToBytes(recipient.publicKey),
      plaintext,
      secp256k1.utils.randomSecretKey(),
      new Uint8Array(randomBytes(16)),
    );
    assert.deepEqual(eciesDecrypt({ privateKey: recipient.privateKey, ciphertext }), plaintext);
  });

  it("interoperates with eciesjs's default configuration (the ecies/go, ecies-rs, eciespy format)", () => {
    assert.equal(ECIES_CONFIG.symmetricNonceLength, 16);
    const plaintext = new Uint8Array(randomBytes(32));
    const ciphertext = eciesjsEncrypt(recipient.publicKey.slice(2), plaintext);
    assert.deepEqual(eciesDecrypt({ privateKey: recipient.privateKey, ciphertext }), plaintext);
  });

  it("accepts the recipient key in 64-byte, 65-byte and compressed form", () => {
    const plaintext = Uint8Array.of(1, 2, 3);
    const sec1 = secp256k1.getPublicKey(hexToBytes(recipient.privateKey), false);
    for (const publicKey of [recipient.publicKey, sec1, secp256k1.Point.fromBytes(sec1).toBytes(true)]) {
      const ciphertext = eciesEncrypt({ publicKey, plaintext });
      assert.deepEqual(eciesDecrypt({ privateKey: recipient.privateKey, ciphertext }), plaintext);
    }
  });

  it("two encryptions of one plaintext differ (fresh ephemeral key and nonce)", () => {
    const plaintext = Uint8Array.of(7);
    const a = eciesEncrypt({ publicKey: recipient.publicKey, plaintext });
    const b = eciesEncrypt({ publicKey: recipient.publicKey, plaintext });
    assert.notDeepEqual(a.subarray(0, 65), b.subarray(0, 65));
    assert.notDeepEqual(a.subarray(65, 81), b.subarray(65, 81));
  });

  it("refuses an encryption to an invalid public key with INVALID_PUBLIC_KEY", () => {
    assert.throws(
      () => eciesEncrypt({ publicKey: new Uint8Array(64), plaintext: Uint8Array.of(1) }),
      (error) => isErrorWithCode(error, "INVALID_PUBLIC_KEY"),
    );
  });

  it("fails with ECIES_DECRYPTION_FAILED under the wrong key", () => {
    const ciphertext = eciesEncrypt({ publicKey: recipient.publicKey, plaintext: new Uint8Array(32) });
    assert.throws(() => eciesDecrypt({ privateKey: other.privateKey, ciphertext }), isDecryptionFailure);
  });

  it("fails with ECIES_DECRYPTION_FAILED when any bit of the ciphertext is flipped", () => {
    const plaintext = new Uint8Array(randomBytes(32));
    const ciphertext = eciesEncrypt({ publicKey: recipient.publicKey, plaintext });
    fc.assert(
      fc.property(fc.nat({ max: ciphertext.length * 8 - 1 }), (bit) => {
        const tampered = Uint8Array.from(ciphertext);
        tampered[bit >> 3]! ^= 1 << (bit & 7);
        assert.throws(
          () => eciesDecrypt({ privateKey: recipient.privateKey, ciphertext: tampered }),
          isDecryptionFailure,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("fails with ECIES_DECRYPTION_FAILED on every truncation and on an extension", () => {
    const ciphertext = eciesEncrypt({ publicKey: recipient.publicKey, plaintext: new Uint8Array(8) });
    for (let length = 0; length < ciphertext.length; length++) {
      assert.throws(
        () => eciesDecrypt({ privateKey: recipient.privateKey, ciphertext: ciphertext.subarray(0, length) }),
        isDecryptionFailure,
        `length ${length}`,
      );
    }
    const extended = Uint8Array.of(...ciphertext, 0);
    assert.throws(() => eciesDecrypt({ privateKey: recipient.privateKey, ciphertext: extended }), isDecryptionFailure);
    assert.throws(() => eciesDecrypt({ privateKey: recipient.privateKey, ciphertext: "0xnot" }), isDecryptionFailure);
  });

  it("fails with ECIES_DECRYPTION_FAILED when the ephemeral key is compressed or off the curve", () => {
    const ciphertext = eciesEncrypt({ publicKey: recipient.publicKey, plaintext: new Uint8Array(8) });
    const compressedPrefix = Uint8Array.from(ciphertext);
    compressedPrefix[0] = 0x02;
    const offCurve = Uint8Array.from(ciphertext);
    offCurve.fill(0, 1, 65);
    for (const bad of [compressedPrefix, offCurve])
      assert.throws(() => eciesDecrypt({ privateKey: recipient.privateKey, ciphertext: bad }), isDecryptionFailure);
  });

  it("refuses an invalid private key with INVALID_PRIVATE_KEY before touching the ciphertext", () => {
    const ciphertext = eciesEncrypt({ publicKey: recipient.publicKey, plaintext: new Uint8Array(1) });
    assert.throws(
      () => eciesDecrypt({ privateKey: bytesToHex(new Uint8Array(32)), ciphertext }),
      (error) => isErrorWithCode(error, "INVALID_PRIVATE_KEY"),
    );
  });
});
