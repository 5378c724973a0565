import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { bytesToHex, concatBytes, hexToBytes, keccak256, stringToBytes, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import {
  computeKeyCommitment,
  decryptMasterSecret,
  deriveNetworkKey,
  deriveRollupEpochKey,
  eciesEncrypt,
  encryptMasterSecret,
  generateEnclaveKey,
  generateMasterSecret,
  isErrorWithCode,
  MAX_KEY_EPOCH,
  verifyKeyCommitment,
} from "../src/index.ts";
import { firstValidScalar, networkKeyInfo } from "../src/crypto/deriveNetworkKey.ts";
import { referenceHkdf } from "./helpers/reference.ts";

const N = secp256k1.Point.CURVE().n;
const secretArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToHex);
const u64 = (value: bigint) => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value);
  return out;
};

describe("key derivation", () => {
  it("generateMasterSecret draws 32 fresh bytes", () => {
    const secrets = new Set(Array.from({ length: 16 }, generateMasterSecret));
    assert.equal(secrets.size, 16);
    for (const secret of secrets) assert.equal(hexToBytes(secret).length, 32);
  });

  it("deriveNetworkKey is HKDF-SHA256(secret, no salt, 'obscuro/network-key') and its address", () => {
    fc.assert(
      fc.property(secretArb, (masterSecret) => {
        const key = deriveNetworkKey({ masterSecret });
        const expected = referenceHkdf(hexToBytes(masterSecret), stringToBytes("obscuro/network-key"));
        assert.equal(key.privateKey, bytesToHex(expected)); // the first try is in range with probability 1 - 2^-128
        const account = privateKeyToAccount(key.privateKey);
        assert.equal(key.address, account.address);
        assert.equal(key.publicKey, `0x${account.publicKey.slice(4)}`);
        assert.deepEqual(deriveNetworkKey({ masterSecret: hexToBytes(masterSecret) }), key);
      }),
      { numRuns: 40 },
    );
  });

  it("the network-key retry tries info, info||0x01, info||0x02 … and takes the first scalar in [1, n-1]", () => {
    const label = stringToBytes("obscuro/network-key");
    assert.deepEqual(networkKeyInfo(0), label);
    assert.deepEqual(networkKeyInfo(1), concatBytes([label, Uint8Array.of(1)]));
    assert.deepEqual(networkKeyInfo(255), concatBytes([label, Uint8Array.of(255)]));

    const asBytes = (value: bigint) => hexToBytes(`0x${value.toString(16).padStart(64, "0")}`);
    const outputs = [0n, N, 2n ** 256n - 1n, N - 1n, 5n];
    const tried: number[] = [];
    const chosen = firstValidScalar((attempt) => (tried.push(attempt), asBytes(outputs[attempt]!)));
    assert.deepEqual(chosen, asBytes(N - 1n));
    assert.deepEqual(tried, [0, 1, 2, 3]);
  });

  it("fails with KEY_DERIVATION_FAILED when no try is in range, after 256 tries", () => {
    let tries = 0;
    assert.throws(
      () => firstValidScalar(() => (tries++, new Uint8Array(32))),
      (error) => isErrorWithCode(error, "KEY_DERIVATION_FAILED"),
    );
    assert.equal(tries, 256);
  });

  it("deriveRollupEpochKey is HKDF-SHA256(secret, no salt, 'obscuro/rollup-key' || uint64be(epoch))", () => {
    fc.assert(
      fc.property(secretArb, fc.bigInt({ min: 0n, max: MAX_KEY_EPOCH }), (masterSecret, keyEpoch) => {
        const expected = referenceHkdf(
          hexToBytes(masterSecret),
          concatBytes([stringToBytes("obscuro/rollup-key"), u64(keyEpoch)]),
        );
        assert.equal(deriveRollupEpochKey({ masterSecret, keyEpoch }), bytesToHex(expected));
      }),
      { numRuns: 40 },
    );
  });

  it("gives independent keys per epoch and accepts number and bigint epochs alike", () => {
    const masterSecret = generateMasterSecret();
    const keys = [0, 1, 2, 2 ** 32, Number.MAX_SAFE_INTEGER].map((keyEpoch) =>
      deriveRollupEpochKey({ masterSecret, keyEpoch }),
    );
    keys.push(deriveRollupEpochKey({ masterSecret, keyEpoch: MAX_KEY_EPOCH }));
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(
      deriveRollupEpochKey({ masterSecret, keyEpoch: 7 }),
      deriveRollupEpochKey({ masterSecret, keyEpoch: 7n }),
    );
    assert.notEqual(keys[0], deriveNetworkKey({ masterSecret }).privateKey);
  });

  it("refuses epochs outside [0, 2^64 - 1] with INVALID_KEY_EPOCH", () => {
    const masterSecret = generateMasterSecret();
    for (const keyEpoch of [-1, -1n, 2n ** 64n, 1.5, Number.NaN, 2 ** 64])
      assert.throws(
        () => deriveRollupEpochKey({ masterSecret, keyEpoch }),
        (error) => isErrorWithCode(error, "INVALID_KEY_EPOCH"),
        String(keyEpoch),
      );
  });

  it("refuses master secrets that are not 32 bytes with INVALID_MASTER_SECRET", () => {
    for (const masterSecret of ["0x", `0x${"11".repeat(31)}`, `0x${"11".repeat(33)}`, "0xgg"] as Hex[]) {
      assert.throws(
        () => deriveNetworkKey({ masterSecret }),
        (error) => isErrorWithCode(error, "INVALID_MASTER_SECRET"),
      );
      assert.throws(
        () => deriveRollupEpochKey({ masterSecret, keyEpoch: 0 }),
        (error) => isErrorWithCode(error, "INVALID_MASTER_SECRET"),
      );
    }
  });

  it("the key commitment is keccak256 of the 32 key bytes, and only the committed key verifies", () => {
    const masterSecret = generateMasterSecret();
    const epochKey = deriveRollupEpochKey({ masterSecret, keyEpoch: 3 });
    const keyCommitment = computeKeyCommitment(epochKey);
    assert.equal(keyCommitment, keccak256(hexToBytes(epochKey)));
    assert.equal(verifyKeyCommitment({ epochKey, keyCommitment }), true);
    assert.equal(
      verifyKeyCommitment({ epochKey, keyCommitment: keyCommitment.toUpperCase().replace("0X", "0x") as Hex }),
      true,
    );
    const otherEpoch = deriveRollupEpochKey({ masterSecret, keyEpoch: 4 });
    assert.equal(verifyKeyCommitment({ epochKey: otherEpoch, keyCommitment }), false);
    assert.throws(
      () => computeKeyCommitment("0x1234"),
      (error) => isErrorWithCode(error, "INVALID_EPOCH_KEY"),
    );
  });
});

describe("the master secret on L1", () => {
  it("genesis: encrypted to the enclave's own key, decrypted back, network key checked against L1", () => {
    const enclave = generateEnclaveKey();
    const masterSecret = generateMasterSecret();
    const networkKey = deriveNetworkKey({ masterSecret }).address; // what initializeNetwork records
    const ciphertext = encryptMasterSecret({ masterSecret, publicKey: enclave.publicKey });
    assert.equal(ciphertext.length, 129);
    const recovered = decryptMasterSecret({
      ciphertext: bytesToHex(ciphertext), // as read back from L1
      privateKey: enclave.privateKey,
      expectedNetworkKey: networkKey,
    });
    assert.equal(recovered.masterSecret, masterSecret);
    assert.equal(recovered.networkKey.address, networkKey);
  });

  it("a joiner decrypts the secret a responder encrypted to it, and nobody else can", () => {
    const joiner = generateEnclaveKey();
    const masterSecret = generateMasterSecret();
    const ciphertext = encryptMasterSecret({ masterSecret, publicKey: joiner.publicKey });
    assert.equal(decryptMasterSecret({ ciphertext, privateKey: joiner.privateKey }).masterSecret, masterSecret);
    assert.throws(
      () => decryptMasterSecret({ ciphertext, privateKey: generateEnclaveKey().privateKey }),
      (error) => isErrorWithCode(error, "ECIES_DECRYPTION_FAILED"),
    );
  });

  it("fails with NETWORK_KEY_MISMATCH when the secret does not give the network key on L1", () => {
    const joiner = generateEnclaveKey();
    const ciphertext = encryptMasterSecret({ masterSecret: generateMasterSecret(), publicKey: joiner.publicKey });
    const registered = deriveNetworkKey({ masterSecret: generateMasterSecret() }).address;
    assert.throws(
      () => decryptMasterSecret({ ciphertext, privateKey: joiner.privateKey, expectedNetworkKey: registered }),
      (error) => isErrorWithCode(error, "NETWORK_KEY_MISMATCH"),
    );
  });

  it("fails with ECIES_DECRYPTION_FAILED when the plaintext is not 32 bytes", () => {
    const joiner = generateEnclaveKey();
    const ciphertext = eciesEncrypt({ publicKey: joiner.publicKey, plaintext: new Uint8Array(31) });
    assert.throws(
      () => decryptMasterSecret({ ciphertext, privateKey: joiner.privateKey }),
      (error) => isErrorWithCode(error, "ECIES_DECRYPTION_FAILED"),
    );
  });

  it("refuses to encrypt a secret that is not 32 bytes with INVALID_MASTER_SECRET", () => {
    assert.throws(
      () => encryptMasterSecret({ masterSecret: "0x00", publicKey: generateEnclaveKey().publicKey }),
      (error) => isErrorWithCode(error, "INVALID_MASTER_SECRET"),
    );
  });
});
