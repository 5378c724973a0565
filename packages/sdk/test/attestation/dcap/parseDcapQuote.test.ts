import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import {
  DcapError,
  parseCertificate,
  parseDcapQuote,
  pemCertificates,
  type SgxReportBody,
  type TdReportBody,
} from "../../../src/attestation/dcap/index.ts";
import { toHex } from "../../../src/attestation/dcap/bytes.ts";
import { fixture, indexedQuotes } from "./fixtures.ts";

const QUOTES = indexedQuotes();

describe("parseDcapQuote: every fixture quote, field by field against INDEX.md §4", () => {
  it("INDEX.md lists all 14 quotes", () => assert.equal(QUOTES.length, 14));

  for (const expected of QUOTES) {
    it(expected.file, () => {
      const bytes = fixture(`quotes/${expected.file}`);
      assert.equal(bytes.length, expected.size);
      assert.equal(`0x${createHash("sha256").update(bytes).digest("hex")}`, expected.sha256);

      const quote = parseDcapQuote(bytes);
      assert.equal(quote.version, expected.version);
      assert.equal(quote.attestationKeyType, expected.attestationKeyType);
      assert.equal(quote.teeType, expected.teeType);
      assert.equal(quote.qeSvn, expected.qeSvn);
      assert.equal(quote.pceSvn, expected.pceSvn);
      assert.equal(quote.qeVendorId, expected.qeVendorId);
      assert.equal(quote.userData, expected.userData);
      assert.equal(quote.v5Body?.type ?? 0, expected.v5BodyType);
      assert.equal(quote.v5Body?.size ?? 0, expected.v5BodySize);
      if (quote.body.kind === "sgx") {
        const sgx: SgxReportBody = quote.body.report;
        assert.equal(sgx.cpuSvn, expected.cpuSvn);
        assert.equal(sgx.miscSelect, expected.miscSelect);
        assert.equal(sgx.attributes, expected.attributes);
        assert.equal(sgx.mrEnclave, expected.mrEnclave);
        assert.equal(sgx.mrSigner, expected.mrSigner);
        assert.equal(sgx.isvProdId, expected.isvProdId);
        assert.equal(sgx.isvSvn, expected.isvSvn);
        assert.equal(sgx.reportData, expected.reportData);
        assert.equal(sgx.debug, expected.debug);
        assert.equal(expected.mrTd, "", "INDEX lists TD fields for an SGX quote");
      } else {
        const td: TdReportBody = quote.body.report;
        for (const field of [
          "teeTcbSvn",
          "mrSeam",
          "mrSignerSeam",
          "seamAttributes",
          "tdAttributes",
          "xfam",
          "mrTd",
          "mrConfigId",
          "mrOwner",
          "mrOwnerConfig",
          "rtmr0",
          "rtmr1",
          "rtmr2",
          "rtmr3",
          "reportData",
        ] as const) {
          assert.equal(td[field], expected[field], field);
        }
        assert.equal(td.teeTcbSvn2 ?? "", expected.teeTcbSvn2);
        assert.equal(td.mrServiceTd ?? "", expected.mrServiceTd);
        assert.equal(td.debug, expected.debug);
        assert.equal(quote.body.kind, expected.v5BodyType === 3 ? "td15" : "td10");
      }
      assert.equal(quote.signatureDataLength, expected.signatureDataLength);
      assert.equal(quote.outerCertificationDataSize ?? 0, expected.outerCertificationDataSize);
      assert.equal(quote.qeReportBody.mrSigner, expected.qeMrSigner);
      assert.equal(quote.qeReportBody.isvProdId, expected.qeIsvProdId);
      assert.equal(quote.qeReportBody.isvSvn, expected.qeIsvSvn);
      assert.equal(quote.qeAuthData.length, expected.qeAuthDataLength);
      assert.equal(toHex(quote.qeAuthData.subarray(0, 8)), expected.qeAuthDataPrefix);
      assert.equal(quote.certificationDataType, expected.certificationDataType);
      assert.equal(quote.certificationData.length, expected.certificationDataSize);
      assert.equal(quote.paddingLength, expected.paddingLength);

      const [pck, ca] = pemCertificates(Buffer.from(quote.certificationData).toString("latin1")).map(parseCertificate);
      assert.equal(ca?.subjectCommonName, expected.pckIssuer);
      assert.equal(pck?.issuerCommonName, expected.pckIssuer);
      assert.equal(pck?.sgx?.fmspc, expected.fmspc);
      assert.equal(pck?.sgx?.pceId, expected.pceId);
      assert.deepEqual(pck?.sgx?.tcbComponents, expected.tcbComponents);
      assert.equal(pck?.sgx?.pceSvn, expected.pckPceSvn);
      assert.equal(pck?.notBefore, expected.pckNotBefore);
      assert.equal(pck?.notAfter, expected.pckNotAfter);
    });
  }
});

describe("parseDcapQuote: malformed quotes are refused with a code", () => {
  const sgx = fixture("quotes/sgx-v3-quote-automata-00606a.bin");
  const padded = fixture("quotes/tdx-v4-quote-automata-00806f05.bin");
  const code = (bytes: Uint8Array) => {
    try {
      parseDcapQuote(bytes);
    } catch (error) {
      assert.ok(error instanceof DcapError);
      return error.code;
    }
    return "accepted";
  };
  const edit = (bytes: Uint8Array, at: number, value: number) => {
    const copy = bytes.slice();
    copy[at] = value;
    return copy;
  };

  it("truncated anywhere", () => {
    for (const length of [0, 47, 431, 435, 1000, 4733]) {
      assert.equal(code(sgx.subarray(0, length)), "DCAP_QUOTE_TRUNCATED", `length ${length}`);
    }
  });
  it("a padded quote cut inside its padding still parses; cut into the signature data it does not", () => {
    assert.equal(code(padded.subarray(0, padded.length - 3000)), "accepted");
    assert.equal(code(padded.subarray(0, 4935 - 1)), "DCAP_QUOTE_TRUNCATED");
  });
  it("non-zero bytes after the signature data", () => {
    assert.equal(code(edit(padded, padded.length - 1, 1)), "DCAP_QUOTE_TRAILING_DATA");
    const extended = new Uint8Array(sgx.length + 1);
    extended.set(sgx);
    extended[sgx.length] = 0x2a;
    assert.equal(code(extended), "DCAP_QUOTE_TRAILING_DATA");
  });
  it("a signature data length one byte off", () => {
    const view = (q: Uint8Array, delta: number) => {
      const copy = q.slice();
      new DataView(copy.buffer).setUint32(432, new DataView(q.buffer, q.byteOffset).getUint32(432, true) + delta, true);
      return copy;
    };
    assert.equal(code(view(sgx, -1)), "DCAP_QUOTE_LENGTH_MISMATCH");
    assert.equal(code(view(sgx, 1)), "DCAP_QUOTE_TRUNCATED");
  });
  it("unsupported version, key type, TEE type and QE vendor", () => {
    assert.equal(code(edit(sgx, 0, 2)), "DCAP_QUOTE_UNSUPPORTED_VERSION");
    assert.equal(code(edit(sgx, 2, 3)), "DCAP_QUOTE_UNSUPPORTED_ATTESTATION_KEY_TYPE");
    assert.equal(code(edit(sgx, 4, 0x81)), "DCAP_QUOTE_UNSUPPORTED_TEE_TYPE");
    assert.equal(code(edit(sgx, 12, 0)), "DCAP_QUOTE_UNSUPPORTED_QE_VENDOR");
  });
});
