import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { concat, keccak256, numberToHex, slice, toHex, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { buildDevReport, encodeDevReportBody } from "../../src/devtools/index.ts";
import {
  decodeDevReport,
  DEV_REPORT_BODY_LENGTH,
  DEV_REPORT_LENGTH,
  DevReportLayout,
  getDevReportDigest,
  isErrorWithCode,
  SECP256K1_N,
  SgxAttributeFlags,
  TcbStatus,
  TeeType,
} from "../../src/index.ts";

const VENDOR = generatePrivateKey();
const hex = (bytes: number): Hex => toHex(randomBytes(bytes));
const enclaveKey = () => privateKeyToAccount(generatePrivateKey()).publicKey;

function randomFields() {
  return {
    cpuSvn: hex(16),
    miscSelect: randomBytes(4).readUInt32BE(),
    attributes: { flags: randomBytes(8).readBigUInt64BE(), xfrm: randomBytes(8).readBigUInt64BE() },
    mrEnclave: hex(32),
    mrSigner: hex(32),
    isvProdId: randomBytes(2).readUInt16BE(),
    isvSvn: randomBytes(2).readUInt16BE(),
    reportData: hex(64),
    enclavePublicKey: enclaveKey(),
    tcbStatus: randomBytes(1)[0]! % 8,
  } as const;
}

describe("dev reports", () => {
  it("round-trips any field values through build and decode (100 random reports)", async () => {
    for (let i = 0; i < 100; i++) {
      const fields = randomFields();
      const report = await buildDevReport({
        ...fields,
        tcbStatus: fields.tcbStatus as TcbStatus,
        vendorPrivateKey: VENDOR,
      });
      assert.equal((report.length - 2) / 2, DEV_REPORT_LENGTH);
      const decoded = await decodeDevReport({ report, vendor: privateKeyToAddress(VENDOR) });
      assert.deepEqual(decoded.fields, { ...fields, enclavePublicKey: `0x${fields.enclavePublicKey.slice(4)}` });
      assert.equal(decoded.result.teeType, TeeType.Simulated);
      assert.equal(decoded.result.debug, (fields.attributes.flags & SgxAttributeFlags.Debug) !== 0n);
      assert.equal(decoded.result.productId, fields.isvProdId);
      assert.equal(decoded.result.securityVersion, fields.isvSvn);
      assert.equal(decoded.body, slice(report, 0, DEV_REPORT_BODY_LENGTH));
      assert.equal(decoded.digest, getDevReportDigest(decoded.body));
    }
  });

  it("lays SGX integers out little-endian at the documented offsets", () => {
    const body = encodeDevReportBody({
      mrEnclave: `0x${"aa".repeat(32)}`,
      mrSigner: `0x${"bb".repeat(32)}`,
      reportData: `0x${"cc".repeat(64)}`,
      enclavePublicKey: enclaveKey(),
      miscSelect: 0x11223344,
      isvProdId: 0x1234,
      isvSvn: 0x0102,
      attributes: { flags: 0x07n, xfrm: 0xe7n },
      tcbStatus: TcbStatus.OutOfDate,
    });
    const at = (f: { offset: number; length: number }) => slice(body, f.offset, f.offset + f.length);
    assert.equal(at(DevReportLayout.formatVersion), "0x0001");
    assert.equal(at(DevReportLayout.miscSelect), "0x44332211");
    assert.equal(at(DevReportLayout.attributes), "0x0700000000000000e700000000000000");
    assert.equal(at(DevReportLayout.isvProdId), "0x3412");
    assert.equal(at(DevReportLayout.isvSvn), "0x0201");
    assert.equal(at(DevReportLayout.tcbStatus), "0x04");
    assert.equal(at(DevReportLayout.mrEnclave), `0x${"aa".repeat(32)}`);
  });

  it("defaults to a production-mode, up-to-date enclave", async () => {
    const report = await buildDevReport({
      vendorPrivateKey: VENDOR,
      mrEnclave: hex(32),
      mrSigner: hex(32),
      reportData: hex(64),
      enclavePublicKey: enclaveKey(),
    });
    const { fields, result } = await decodeDevReport({ report });
    assert.equal(result.debug, false);
    assert.equal(result.tcbStatus, TcbStatus.UpToDate);
    assert.deepEqual(fields.attributes, { flags: SgxAttributeFlags.Init | SgxAttributeFlags.Mode64Bit, xfrm: 3n });
  });

  it("signs with the domain tag, deterministically and low-s", async () => {
    const fields = randomFields();
    const a = await buildDevReport({ ...fields, tcbStatus: TcbStatus.UpToDate, vendorPrivateKey: VENDOR });
    const b = await buildDevReport({ ...fields, tcbStatus: TcbStatus.UpToDate, vendorPrivateKey: VENDOR });
    assert.equal(a, b);
    const body = slice(a, 0, DEV_REPORT_BODY_LENGTH);
    assert.equal(
      getDevReportDigest(body),
      keccak256(concat([keccak256(toHex("Obscuro.DevAttestationReport.v1")), body])),
    );
    const s = BigInt(slice(a, 267, 299));
    assert.ok(s <= SECP256K1_N / 2n);
  });

  describe("refusals", () => {
    async function goodReport() {
      const fields = randomFields();
      return buildDevReport({ ...fields, tcbStatus: TcbStatus.UpToDate, vendorPrivateKey: VENDOR });
    }
    const rejects = (promise: Promise<unknown>, code: string) =>
      assert.rejects(promise, (error) => isErrorWithCode(error, code));

    it("refuses random bytes and wrong lengths", async () => {
      const report = await goodReport();
      await rejects(decodeDevReport({ report: "0x" }), "INVALID_REPORT_LENGTH");
      await rejects(decodeDevReport({ report: slice(report, 0, 299) }), "INVALID_REPORT_LENGTH");
      await rejects(decodeDevReport({ report: concat([report, "0x00"]) }), "INVALID_REPORT_LENGTH");
      await rejects(decodeDevReport({ report: "not hex" as Hex }), "INVALID_REPORT_LENGTH");
      for (let i = 0; i < 50; i++) {
        await assert.rejects(decodeDevReport({ report: hex(300), vendor: privateKeyToAddress(VENDOR) }), (error) =>
          ["UNSUPPORTED_REPORT_FORMAT", "INVALID_REPORT_SIGNATURE", "WRONG_REPORT_SIGNER"].some((code) =>
            isErrorWithCode(error, code),
          ),
        );
      }
    });

    it("refuses another signer, a malleable signature and a bad v", async () => {
      const report = await goodReport();
      const other = await buildDevReport({
        ...(await decodeDevReport({ report })).fields,
        vendorPrivateKey: generatePrivateKey(),
      });
      await rejects(decodeDevReport({ report: other, vendor: privateKeyToAddress(VENDOR) }), "WRONG_REPORT_SIGNER");

      const body = slice(report, 0, 235);
      const r = slice(report, 235, 267);
      const s = BigInt(slice(report, 267, 299));
      const v = Number(BigInt(slice(report, 299)));
      const highS = concat([
        body,
        r,
        numberToHex(SECP256K1_N - s, { size: 32 }),
        numberToHex(v === 27 ? 28 : 27, { size: 1 }),
      ]);
      await rejects(decodeDevReport({ report: highS }), "INVALID_REPORT_SIGNATURE");
      await rejects(decodeDevReport({ report: concat([slice(report, 0, 299), "0x1d"]) }), "INVALID_REPORT_SIGNATURE");
      await rejects(decodeDevReport({ report: concat([body, `0x${"00".repeat(64)}1b`]) }), "INVALID_REPORT_SIGNATURE");
    });

    it("refuses tampered bodies, unknown format versions and bad inputs to the builder", async () => {
      const report = await goodReport();
      const flipped =
        `${report.slice(0, 2 + 2 * 40)}${(Number.parseInt(report.slice(82, 84), 16) ^ 1).toString(16).padStart(2, "0")}${report.slice(84)}` as Hex;
      await rejects(decodeDevReport({ report: flipped, vendor: privateKeyToAddress(VENDOR) }), "WRONG_REPORT_SIGNER");
      await rejects(decodeDevReport({ report: `0x0002${report.slice(6)}` }), "UNSUPPORTED_REPORT_FORMAT");

      const base = {
        vendorPrivateKey: VENDOR,
        mrEnclave: hex(32),
        mrSigner: hex(32),
        reportData: hex(64),
        enclavePublicKey: enclaveKey(),
      };
      await rejects(buildDevReport({ ...base, mrEnclave: hex(31) }), "INVALID_ATTESTATION_INPUT");
      await rejects(buildDevReport({ ...base, reportData: hex(32) }), "INVALID_ATTESTATION_INPUT");
      await rejects(buildDevReport({ ...base, isvSvn: 65_536 }), "INVALID_ATTESTATION_INPUT");
      await rejects(buildDevReport({ ...base, miscSelect: -1 }), "INVALID_ATTESTATION_INPUT");
      await rejects(
        buildDevReport({ ...base, attributes: { flags: 2n ** 64n, xfrm: 0n } }),
        "INVALID_ATTESTATION_INPUT",
      );
      await rejects(buildDevReport({ ...base, tcbStatus: 8 as TcbStatus }), "UNKNOWN_TCB_STATUS");
      await rejects(buildDevReport({ ...base, enclavePublicKey: `0x${"00".repeat(63)}07` }), "INVALID_PUBLIC_KEY");
      await rejects(buildDevReport({ ...base, vendorPrivateKey: `0x${"00".repeat(32)}` }), "INVALID_ATTESTATION_INPUT");
    });
  });
});
