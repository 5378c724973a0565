import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concat, encodeAbiParameters, keccak256, pad, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  computeEnclaveId,
  computeReportData,
  isErrorWithCode,
  isValidEnclavePublicKey,
  parseEnclavePublicKey,
  SECP256K1_P,
  sortAuditorSignatures,
  tcbStatusMask,
  TcbStatus,
  TeeType,
  teeTypeMask,
} from "../../src/index.ts";

describe("enclave keys and report data", () => {
  it("takes the 64- and 65-byte forms of a key and derives the enclave id as an address", () => {
    for (let i = 0; i < 20; i++) {
      const account = privateKeyToAccount(generatePrivateKey());
      const key64 = `0x${account.publicKey.slice(4)}` as Hex;
      assert.equal(parseEnclavePublicKey(account.publicKey), key64);
      assert.equal(parseEnclavePublicKey(key64), key64);
      assert.equal(computeEnclaveId(account.publicKey), account.address);
      assert.equal(isValidEnclavePublicKey(key64), true);
    }
  });

  it("refuses points off the curve and unreduced coordinates", () => {
    const gx = 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n;
    const gy = 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n;
    const y1 = 0x4218f20ae6c646b363db68605822fb14264ca8d2587fdd6fbc750d587e76a7een; // (1, y1) is on the curve
    const key = (x: bigint, y: bigint) =>
      concat([pad(`0x${x.toString(16)}`, { size: 32 }), pad(`0x${y.toString(16)}`, { size: 32 })]);
    assert.equal(isValidEnclavePublicKey(key(gx, gy)), true);
    assert.equal(isValidEnclavePublicKey(key(1n, y1)), true);
    assert.equal(isValidEnclavePublicKey(key(1n + SECP256K1_P, y1)), false);
    assert.equal(isValidEnclavePublicKey(key(gx, gy + 1n)), false);
    assert.equal(isValidEnclavePublicKey(key(0n, 0n)), false);
    assert.equal(
      parseEnclavePublicKey(`0x04${key(gx, gy).slice(2)}`),
      key(gx, gy),
      "the 65-byte form normalizes to 64",
    );
    assert.throws(
      () => parseEnclavePublicKey(key(gx, gy + 1n)),
      (e) => isErrorWithCode(e, "INVALID_PUBLIC_KEY"),
    );
    assert.throws(
      () => parseEnclavePublicKey("0x1234"),
      (e) => isErrorWithCode(e, "INVALID_PUBLIC_KEY"),
    );
  });

  it("binds key, operator and L1 block in the report data, independently computed", () => {
    const enclave = privateKeyToAccount(generatePrivateKey());
    const operator = privateKeyToAccount(generatePrivateKey()).address;
    const l1BlockHash = keccak256("0x1234");
    const { commitment, reportData } = computeReportData({
      enclavePublicKey: enclave.publicKey,
      operator,
      l1BlockNumber: 123n,
      l1BlockHash,
    });
    // abi.encode(bytes, address, uint256, bytes32), written out by hand.
    const manual = keccak256(
      concat([
        pad("0x80", { size: 32 }),
        pad(operator, { size: 32 }),
        pad("0x7b", { size: 32 }),
        l1BlockHash,
        pad("0x40", { size: 32 }),
        `0x${enclave.publicKey.slice(4)}`,
      ]),
    );
    assert.equal(commitment, manual);
    assert.equal(
      commitment,
      keccak256(
        encodeAbiParameters(
          [{ type: "bytes" }, { type: "address" }, { type: "uint256" }, { type: "bytes32" }],
          [`0x${enclave.publicKey.slice(4)}`, operator, 123n, l1BlockHash],
        ),
      ),
    );
    assert.equal(reportData, concat([commitment, pad("0x", { size: 32 })]));
    assert.throws(
      () =>
        computeReportData({ enclavePublicKey: enclave.publicKey, operator, l1BlockNumber: 1n, l1BlockHash: "0x12" }),
      (e) => isErrorWithCode(e, "INVALID_ATTESTATION_INPUT"),
    );
    assert.throws(
      () =>
        computeReportData({ enclavePublicKey: enclave.publicKey, operator: "0xnope", l1BlockNumber: 1n, l1BlockHash }),
      (e) => isErrorWithCode(e, "INVALID_ATTESTATION_INPUT"),
    );
  });

  it("sorts auditor signatures by signer and refuses a signer twice", () => {
    const a = { signer: "0x00000000000000000000000000000000000000aA", signature: "0xa1" } as const;
    const b = { signer: "0x00000000000000000000000000000000000000Bb", signature: "0xb1" } as const;
    const c = { signer: "0x0000000000000000000000000000000000000001", signature: "0xc1" } as const;
    assert.deepEqual(sortAuditorSignatures([b, a, c]), ["0xc1", "0xa1", "0xb1"]);
    assert.throws(
      () =>
        sortAuditorSignatures([
          a,
          b,
          { ...a, signer: "0x00000000000000000000000000000000000000aa", signature: "0xa2" },
        ]),
      (e) => isErrorWithCode(e, "DUPLICATE_AUDITOR_SIGNATURE"),
    );
  });

  it("builds the policy's masks", () => {
    assert.equal(teeTypeMask([TeeType.Sgx, TeeType.Tdx]), 0b110);
    assert.equal(tcbStatusMask([TcbStatus.UpToDate, TcbStatus.SWHardeningNeeded]), 0b11);
    assert.equal(tcbStatusMask([]), 0);
  });
});
