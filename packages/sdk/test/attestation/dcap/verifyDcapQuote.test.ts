import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keccak256, type Hex } from "viem";
import {
  DcapError,
  decodeDcapReport,
  encodeDcapReport,
  parseDcapQuote,
  verifyDcapQuote,
  type DcapCollateral,
  type DcapErrorCode,
} from "../../../src/attestation/dcap/index.ts";
import { TcbStatus, TeeType } from "../../../src/index.ts";
import { toHex } from "../../../src/attestation/dcap/bytes.ts";
import { fixture, indexedQuotes, quoteFixture, SCENARIOS } from "./fixtures.ts";

function codeOf(run: () => unknown): DcapErrorCode | "accepted" {
  try {
    run();
    return "accepted";
  } catch (error) {
    if (!(error instanceof DcapError)) throw error;
    return error.code;
  }
}

describe("verifyDcapQuote: the verdicts of INDEX.md §2 at the pinned times", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id} ${scenario.quote}`, () => {
      const verify = () =>
        verifyDcapQuote({ quote: quoteFixture(scenario.quote), collateral: scenario.collateral(), now: scenario.at });
      if ("error" in scenario.expected) {
        assert.equal(codeOf(verify), scenario.expected.error);
        return;
      }
      const { tcb, result } = verify();
      assert.equal(tcb.status, scenario.expected.status);
      assert.deepEqual(tcb.advisoryIds, scenario.expected.advisoryIds);
      assert.equal(result.tcbStatus, TcbStatus[scenario.expected.status as keyof typeof TcbStatus]);
    });
  }

  it("S2: the TDX module TDX_01 and the TD_QE are UpToDate, the platform OutOfDate", () => {
    const s2 = SCENARIOS.find((s) => s.id === "S2")!;
    const { tcb } = verifyDcapQuote({ quote: quoteFixture(s2.quote), collateral: s2.collateral(), now: s2.at });
    assert.equal(tcb.platformStatus, "OutOfDate");
    assert.equal(tcb.tdxModuleStatus, "UpToDate");
    assert.equal(tcb.qeStatus, "UpToDate");
  });

  it("S2 agrees with Automata's verified output (ZK journal): status OutOfDate, FMSPC, TD body", () => {
    const journal = fixture("expected/automata-zk-output-tdx-v4-00806f05-2025-06.bin");
    const s2 = SCENARIOS.find((s) => s.id === "S2")!;
    const quote = quoteFixture(s2.quote);
    const { tcb, pckChain } = verifyDcapQuote({ quote, collateral: s2.collateral(), now: s2.at });
    // Automata's enum: 4 = OutOfDate; layout per INDEX.md "expected/".
    assert.equal(journal[6], 4);
    assert.equal(tcb.status, "OutOfDate");
    assert.equal(toHex(journal.subarray(7, 13)), pckChain[0]!.sgx!.fmspc);
    assert.equal(toHex(journal.subarray(13, 13 + 584)), toHex(quote.subarray(48, 48 + 584)));
  });
});

describe("verifyDcapQuote: the AttestationResult", () => {
  const s1 = SCENARIOS.find((s) => s.id === "S1")!;
  const s5 = SCENARIOS.find((s) => s.id === "S5")!;
  const s10 = SCENARIOS.find((s) => s.id === "S10")!;
  const key: Hex = `0x${"ab".repeat(64)}`;

  it("SGX: MRENCLAVE, MRSIGNER, ISV ids, report data and the key as given", () => {
    const expected = indexedQuotes().find((q) => q.file === `${s1.quote}.bin`)!;
    const { result } = verifyDcapQuote({
      quote: quoteFixture(s1.quote),
      collateral: s1.collateral(),
      now: s1.at,
      enclavePublicKey: key,
    });
    assert.equal(result.teeType, TeeType.Sgx);
    assert.equal(result.measurement, expected.mrEnclave);
    assert.equal(result.signerMeasurement, expected.mrSigner);
    assert.equal(result.productId, expected.isvProdId);
    assert.equal(result.securityVersion, expected.isvSvn);
    assert.equal(result.debug, false);
    assert.equal(result.reportData, expected.reportData);
    assert.equal(result.enclavePublicKey, key);
  });

  it("S10: the DEBUG enclave verifies and is reported as debug", () => {
    const { result } = verifyDcapQuote({ quote: quoteFixture(s10.quote), collateral: s10.collateral(), now: s10.at });
    assert.equal(result.debug, true);
    assert.equal(result.tcbStatus, TcbStatus.ConfigurationAndSWHardeningNeeded);
  });

  it("TDX: the measurement digest of docs/attestation-dcap.md, computed from INDEX.md's fields", () => {
    const q = indexedQuotes().find((x) => x.file === `${s5.quote}.bin`)!;
    const { result } = verifyDcapQuote({ quote: quoteFixture(s5.quote), collateral: s5.collateral(), now: s5.at });
    const cat = (...parts: string[]) => `0x${parts.map((p) => p.slice(2)).join("")}` as Hex;
    assert.equal(result.teeType, TeeType.Tdx);
    assert.equal(
      result.measurement,
      keccak256(cat(q.mrTd, q.mrConfigId, q.rtmr0, q.rtmr1, q.rtmr2, q.rtmr3, q.mrServiceTd, q.tdAttributes, q.xfam)),
    );
    assert.equal(result.signerMeasurement, keccak256(cat(q.mrOwner, q.mrOwnerConfig)));
    assert.equal(result.productId, 0);
    assert.equal(result.securityVersion, 0);
    assert.equal(result.debug, false);
    assert.equal(result.reportData, q.reportData);
  });

  it("the report envelope round-trips and refuses a key that is not 64 bytes", () => {
    const quote = quoteFixture(s1.quote);
    const report = encodeDcapReport({ quote, enclavePublicKey: key });
    assert.deepEqual(decodeDcapReport(report), { quote: toHex(quote), enclavePublicKey: key });
    assert.equal(
      codeOf(() => encodeDcapReport({ quote, enclavePublicKey: "0x1234" })),
      "DCAP_INVALID_ENCLAVE_PUBLIC_KEY",
    );
  });
});

describe("verifyDcapQuote: every corruption is refused with its code", () => {
  const s1 = SCENARIOS.find((s) => s.id === "S1")!;
  const quote = quoteFixture(s1.quote);
  const parsed = parseDcapQuote(quote);
  const verify =
    (q: Uint8Array, collateral: DcapCollateral = s1.collateral(), now = s1.at) =>
    () =>
      verifyDcapQuote({ quote: q, collateral, now });
  const flip = (bytes: Uint8Array, at: number, mask = 0x01) => {
    const copy = bytes.slice();
    copy[at]! ^= mask;
    return copy;
  };
  /** The quote with one bit of its PCK leaf certificate's DER flipped (re-encoded to the same PEM layout). */
  const withPckBitFlipped = (derOffset: number) => {
    const certStart = quote.length - parsed.certificationData.length;
    const pem = Buffer.from(parsed.certificationData).toString("latin1");
    const begin = pem.indexOf("\n") + 1;
    const end = pem.indexOf("-----END CERTIFICATE-----");
    const der = Buffer.from(pem.slice(begin, end).replace(/\n/g, ""), "base64");
    der[derOffset]! ^= 0x01;
    const body = der.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n");
    assert.equal(body.length, end - begin);
    const copy = quote.slice();
    copy.set(Buffer.from(body, "latin1"), certStart + begin);
    return copy;
  };

  it("the unmodified quote verifies", () => assert.equal(codeOf(verify(quote)), "accepted"));
  it("a flipped bit in the body", () =>
    assert.equal(codeOf(verify(flip(quote, 48 + 64))), "DCAP_INVALID_QUOTE_SIGNATURE"));
  it("a flipped bit in the header", () =>
    assert.equal(codeOf(verify(flip(quote, 28))), "DCAP_INVALID_QUOTE_SIGNATURE"));
  it("a flipped bit in the quote signature", () =>
    assert.equal(codeOf(verify(flip(quote, 436 + 5))), "DCAP_INVALID_QUOTE_SIGNATURE"));
  it("a flipped bit in the attestation key", () =>
    assert.equal(codeOf(verify(flip(quote, 436 + 64 + 5))), "DCAP_INVALID_QUOTE_SIGNATURE"));
  it("a flipped bit in the QE report", () =>
    assert.equal(codeOf(verify(flip(quote, 436 + 128 + 258))), "DCAP_INVALID_QE_REPORT_SIGNATURE"));
  it("a flipped bit in the QE report signature", () =>
    assert.equal(codeOf(verify(flip(quote, 436 + 128 + 384 + 7))), "DCAP_INVALID_QE_REPORT_SIGNATURE"));
  it("a flipped bit in the QE authentication data (breaks the attestation key binding)", () =>
    assert.equal(codeOf(verify(flip(quote, 436 + 128 + 384 + 64 + 2 + 3))), "DCAP_QE_REPORT_DATA_MISMATCH"));
  it("a flipped bit in the PCK certificate (inside its signed part)", () =>
    assert.equal(codeOf(verify(withPckBitFlipped(20))), "DCAP_INVALID_CERTIFICATE_SIGNATURE")); // inside the serial number
  it("a truncated quote", () => assert.equal(codeOf(verify(quote.subarray(0, 3000))), "DCAP_QUOTE_TRUNCATED"));

  it("a flipped bit in the TCB info or QE identity signature, or in their bodies", () => {
    const c = s1.collateral();
    assert.equal(
      codeOf(verify(quote, { ...c, tcbInfo: { ...c.tcbInfo, signature: flip(c.tcbInfo.signature, 3) } })),
      "DCAP_INVALID_COLLATERAL_SIGNATURE",
    );
    assert.equal(
      codeOf(verify(quote, { ...c, tcbInfo: { ...c.tcbInfo, body: flip(c.tcbInfo.body, 200) } })),
      "DCAP_INVALID_COLLATERAL_SIGNATURE",
    );
    assert.equal(
      codeOf(verify(quote, { ...c, qeIdentity: { ...c.qeIdentity, signature: flip(c.qeIdentity.signature, 40) } })),
      "DCAP_INVALID_COLLATERAL_SIGNATURE",
    );
  });
  it("a flipped bit in a CRL or in the TCB Signing certificate", () => {
    const c = s1.collateral();
    assert.equal(codeOf(verify(quote, { ...c, pckCrl: flip(c.pckCrl, 200) })), "DCAP_INVALID_CRL_SIGNATURE");
    assert.equal(codeOf(verify(quote, { ...c, rootCaCrl: flip(c.rootCaCrl, 150) })), "DCAP_INVALID_CRL_SIGNATURE");
    assert.equal(
      codeOf(verify(quote, { ...c, tcbSigningCertificate: flip(c.tcbSigningCertificate, 20) })),
      "DCAP_INVALID_CERTIFICATE_SIGNATURE",
    );
  });

  it("expired collateral: past the QE identity's and then the TCB info's nextUpdate", () => {
    // S1: QE identity nextUpdate 2025-09-14T04:36:46Z, TCB info 05:08:18Z, PCK CRL 05:41:26Z.
    assert.equal(codeOf(verify(quote, s1.collateral(), 1757824606 - 1)), "accepted");
    assert.equal(codeOf(verify(quote, s1.collateral(), 1757824606)), "DCAP_COLLATERAL_EXPIRED");
    assert.equal(codeOf(verify(quote, s1.collateral(), 1757826498)), "DCAP_COLLATERAL_EXPIRED");
    assert.equal(codeOf(verify(quote, s1.collateral(), 1757828486)), "DCAP_CRL_EXPIRED");
  });
  it("collateral not yet valid before its issue date / thisUpdate", () => {
    // PCK CRL thisUpdate 2025-08-15T05:41:26Z is the latest start of S1's window.
    assert.equal(codeOf(verify(quote, s1.collateral(), 1755236486 - 1)), "DCAP_CRL_NOT_YET_VALID");
  });
  it("an expired TCB Signing certificate (the 2018 issue) and an expired root CRL", () => {
    const c = s1.collateral();
    assert.equal(
      codeOf(verify(quote, { ...c, tcbSigningCertificate: fixture("certs/intel-sgx-tcb-signing-2018-expired.der") })),
      "DCAP_CERTIFICATE_EXPIRED",
    );
    assert.equal(
      codeOf(verify(quote, { ...c, rootCaCrl: fixture("crl/intel-root-ca-crl-2024-03-20-expired.der") })),
      "DCAP_CRL_EXPIRED",
    );
  });
  it("collateral for another platform or TEE (valid at the same time)", () => {
    const s6 = SCENARIOS.find((s) => s.id === "S6")!;
    const s7 = SCENARIOS.find((s) => s.id === "S7")!;
    const sgx = s6.collateral();
    const tdx = s7.collateral();
    const at = Math.min(s6.at, s7.at);
    assert.equal(
      codeOf(verify(quoteFixture(s6.quote), { ...sgx, tcbInfo: tdx.tcbInfo }, at)),
      "DCAP_COLLATERAL_MISMATCH",
    );
    assert.equal(
      codeOf(verify(quoteFixture(s6.quote), { ...sgx, qeIdentity: tdx.qeIdentity }, at)),
      "DCAP_COLLATERAL_MISMATCH",
    );
  });
  it("a CRL from another issuer as the PCK CRL", () => {
    const c = s1.collateral();
    assert.equal(codeOf(verify(quote, { ...c, pckCrl: c.rootCaCrl })), "DCAP_ISSUER_MISMATCH");
  });
  it("another root as trust anchor", () => {
    assert.equal(
      codeOf(() =>
        verifyDcapQuote({
          quote,
          collateral: s1.collateral(),
          now: s1.at,
          rootCertificate: fixture("certs/intel-sgx-pck-platform-ca.der"),
        }),
      ),
      "DCAP_UNTRUSTED_ROOT",
    );
  });
});
