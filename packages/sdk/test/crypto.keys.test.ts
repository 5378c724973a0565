import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import {
  computeEnclaveId,
  generateEnclaveKey,
  getEnclavePublicKey,
  isErrorWithCode,
  isValidEnclavePublicKey,
  parseEnclavePublicKey,
} from "../src/index.ts";

const N = secp256k1.Point.CURVE().n;
const P = secp256k1.Point.CURVE().p;
const hex32 = (value: bigint): Hex => `0x${value.toString(16).padStart(64, "0")}`;
const privateKeyArb = fc.bigInt({ min: 1n, max: N - 1n }).map(hex32);

describe("enclave keys", () => {
  it("generateEnclaveKey: enclaveId is the key's Ethereum address (viem's independent derivation)", () => {
    for (let i = 0; i < 8; i++) {
      const key = generateEnclaveKey();
      const account = privateKeyToAccount(key.privateKey);
      assert.equal(key.enclaveId, account.address);
      assert.equal(key.publicKey, `0x${account.publicKey.slice(4)}`); // viem's key is 0x04 || x || y
      assert.equal(hexToBytes(key.publicKey).length, 64);
    }
  });

  it("generateEnclaveKey draws a different key each time", () => {
    const keys = new Set(Array.from({ length: 16 }, () => generateEnclaveKey().privateKey));
    assert.equal(keys.size, 16);
  });

  it("getEnclavePublicKey and computeEnclaveId agree with viem for any private key", () => {
    fc.assert(
      fc.property(privateKeyArb, (privateKey) => {
        const account = privateKeyToAccount(privateKey);
        const publicKey = getEnclavePublicKey(privateKey);
        assert.equal(publicKey, `0x${account.publicKey.slice(4)}`);
        assert.equal(computeEnclaveId(publicKey), account.address);
      }),
      { numRuns: 50 },
    );
  });

  it("the private key 1 gives the generator point", () => {
    const publicKey = getEnclavePublicKey(hex32(1n));
    const g = secp256k1.Point.BASE.toAffine();
    assert.equal(publicKey, `0x${g.x.toString(16).padStart(64, "0")}${g.y.toString(16).padStart(64, "0")}`);
  });

  it("refuses private keys outside [1, n-1] or of the wrong length with INVALID_PRIVATE_KEY", () => {
    for (const bad of [hex32(0n), hex32(N), hex32(N + 1n), hex32(2n ** 256n - 1n), "0x01", `0x${"11".repeat(33)}`]) {
      assert.throws(
        () => getEnclavePublicKey(bad as Hex),
        (error) => isErrorWithCode(error, "INVALID_PRIVATE_KEY"),
        bad,
      );
    }
    assert.throws(
      () => getEnclavePublicKey("0xzz" as Hex),
      (error) => isErrorWithCode(error, "INVALID_PRIVATE_KEY"),
    );
  });

  it("parseEnclavePublicKey accepts the 64-byte, 65-byte and compressed forms of one key alike", () => {
    fc.assert(
      fc.property(privateKeyArb, (privateKey) => {
        const point = secp256k1.getPublicKey(hexToBytes(privateKey), false);
        const compressed = secp256k1.getPublicKey(hexToBytes(privateKey), true);
        const canonical = bytesToHex(point.subarray(1));
        assert.equal(parseEnclavePublicKey(canonical), canonical);
        assert.equal(parseEnclavePublicKey(point), canonical);
        assert.equal(parseEnclavePublicKey(compressed), canonical);
        assert.equal(computeEnclaveId(compressed), computeEnclaveId(canonical));
      }),
      { numRuns: 30 },
    );
  });

  it("refuses points off the curve, infinity, out-of-field coordinates and bad lengths with INVALID_PUBLIC_KEY", () => {
    const good = hexToBytes(generateEnclaveKey().publicKey);
    const offCurve = Uint8Array.from(good);
    offCurve[63]! ^= 1; // y + 1 (or - 1): no longer on the curve
    const xBeyondField = new Uint8Array(64);
    xBeyondField.set(hexToBytes(hex32(P)), 0); // x = p is not a field element
    xBeyondField.set(good.subarray(32), 32);
    const wrongPrefix = new Uint8Array(65);
    wrongPrefix[0] = 0x05;
    wrongPrefix.set(good, 1);
    const cases: [string, Uint8Array | Hex][] = [
      ["off curve", offCurve],
      ["infinity as zeros", new Uint8Array(64)],
      ["x = p", xBeyondField],
      ["prefix 0x05", wrongPrefix],
      ["63 bytes", good.subarray(1)],
      ["empty", "0x"],
      ["odd hex", "0x123"],
    ];
    for (const [name, value] of cases) {
      assert.throws(
        () => parseEnclavePublicKey(value),
        (error) => isErrorWithCode(error, "INVALID_PUBLIC_KEY"),
        name,
      );
      assert.throws(
        () => computeEnclaveId(value),
        (error) => isErrorWithCode(error, "INVALID_PUBLIC_KEY"),
        name,
      );
      assert.equal(isValidEnclavePublicKey(value), false, name);
    }
    assert.equal(isValidEnclavePublicKey(good), true);
  });

  it("random 64-byte strings are accepted exactly when they are curve points", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
        const x = BigInt(bytesToHex(bytes.subarray(0, 32)));
        const y = BigInt(bytesToHex(bytes.subarray(32)));
        const mod = (a: bigint) => ((a % P) + P) % P;
        const onCurve = x < P && y < P && mod(y * y) === mod(x * x * x + 7n);
        assert.equal(isValidEnclavePublicKey(bytes), onCurve);
      }),
      { numRuns: 200 },
    );
  });
});
