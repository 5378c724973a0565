import type { Hex } from "viem";
import type { AttestationResult } from "../../types/attestation.ts";
import { attestationResultOf } from "./attestationResult.ts";
import { concatBytes, equalBytes, toHex } from "./bytes.ts";
import {
  parseEnclaveIdentity,
  parseTcbInfo,
  type DcapCollateral,
  type EnclaveIdentity,
  type SignedCollateral,
  type TcbInfo,
} from "./collateral.ts";
import { sha256, verifyP256 } from "./crypto.ts";
import { DcapError } from "./errors.ts";
import { intelSgxRootCa } from "./intelRootCa.ts";
import { parseDcapQuote, type DcapQuote } from "./quote.ts";
import { evaluateTcb, type TcbEvaluation } from "./tcb.ts";
import {
  checkCrlWindow,
  checkIssuedBy,
  checkValidity,
  parseCertificate,
  parseCrl,
  pemCertificates,
  type Certificate,
  type Crl,
} from "./x509.ts";

export const TCB_SIGNING_COMMON_NAME = "Intel SGX TCB Signing";
export const PCK_CA_COMMON_NAMES = ["Intel SGX PCK Platform CA", "Intel SGX PCK Processor CA"] as const;

export interface VerifyDcapQuoteParameters {
  /** The raw quote, or one already parsed with `parseDcapQuote`. */
  quote: Uint8Array | DcapQuote;
  /** Intel-signed collateral for the quote's platform (see `DcapCollateral`). */
  collateral: DcapCollateral;
  /**
   * The time (unix seconds) at which certificates, CRLs and collateral must be valid. Default:
   * the clock. The contracts use the block time; pass the pinned time of archived collateral.
   */
  now?: number | bigint;
  /** The trust anchor (DER). Default: the Intel SGX Root CA ({@link intelSgxRootCa}). */
  rootCertificate?: Uint8Array;
  /** The enclave key of the report envelope, copied into the result. Default: empty. */
  enclavePublicKey?: Hex;
}

export interface VerifyDcapQuoteReturnType {
  quote: DcapQuote;
  /** The PCK certificate chain from the quote: leaf, PCK CA (and the root if the quote carries it). */
  pckChain: Certificate[];
  tcbInfo: TcbInfo;
  qeIdentity: EnclaveIdentity;
  tcb: TcbEvaluation;
  /** What `DcapAttestationVerifier.verify` returns for the same report at the same time. */
  result: AttestationResult;
}

function checkCollateralWindow(kind: string, item: { issueDate: number; nextUpdate: number }, now: number): void {
  if (now < item.issueDate) throw new DcapError("DCAP_COLLATERAL_NOT_YET_VALID", `The ${kind} is not valid yet.`);
  if (now >= item.nextUpdate) throw new DcapError("DCAP_COLLATERAL_EXPIRED", `The ${kind} has expired.`);
}

function checkNotRevoked(crl: Crl, cert: Certificate): void {
  if (crl.revokedSerials.has(toHex(cert.serial))) {
    throw new DcapError("DCAP_CERTIFICATE_REVOKED", `${cert.subjectCommonName ?? "A certificate"} is revoked.`, {
      details: `serial ${toHex(cert.serial)}`,
    });
  }
}

function checkSigned(kind: string, item: SignedCollateral, signer: Certificate): void {
  if (!verifyP256(item.body, item.signature, signer.publicKey)) {
    throw new DcapError(
      "DCAP_INVALID_COLLATERAL_SIGNATURE",
      `The ${kind}'s signature does not verify under the TCB Signing key.`,
    );
  }
}

/**
 * Verifies an Intel SGX/TDX DCAP quote completely, off-chain, with the same rules as
 * `DcapAttestationVerifier`: the quote signature under the attestation key; the QE report
 * signature under the PCK key; the QE report data binding (`sha256(attestKey ‖ qeAuthData)`);
 * the PCK chain up to the pinned Intel SGX Root CA, every certificate and CRL in its window at
 * `now`, none revoked; the TCB info and QE identity signed by the Intel TCB Signing certificate
 * and in their windows; and the TCB status evaluated from them.
 * @throws {DcapError} with the code of the first check that failed.
 */
export function verifyDcapQuote(parameters: VerifyDcapQuoteParameters): VerifyDcapQuoteReturnType {
  const now = Number(parameters.now ?? Math.floor(Date.now() / 1000));
  const quote = parameters.quote instanceof Uint8Array ? parseDcapQuote(parameters.quote) : parameters.quote;
  const root = parseCertificate(parameters.rootCertificate ?? intelSgxRootCa());
  const { collateral } = parameters;

  // 1. The quote: signed by the attestation key, which the QE vouches for.
  if (!verifyP256(quote.signedData, quote.signature, quote.attestationKey)) {
    throw new DcapError(
      "DCAP_INVALID_QUOTE_SIGNATURE",
      "The quote's signature does not verify under its attestation key.",
    );
  }
  const pckChain = pemCertificates(Buffer.from(quote.certificationData).toString("latin1")).map(parseCertificate);
  const [pck, pckCa] = pckChain;
  if (!pck || !pckCa) throw new DcapError("DCAP_MALFORMED_PEM", "The quote's PCK chain needs a leaf and its CA.");
  if (!verifyP256(quote.qeReport, quote.qeReportSignature, pck.publicKey)) {
    throw new DcapError(
      "DCAP_INVALID_QE_REPORT_SIGNATURE",
      "The QE report's signature does not verify under the PCK key.",
    );
  }
  const binding = concatBytes(sha256(concatBytes(quote.attestationKey, quote.qeAuthData)), new Uint8Array(32));
  if (toHex(binding) !== quote.qeReportBody.reportData) {
    throw new DcapError("DCAP_QE_REPORT_DATA_MISMATCH", "The QE report does not commit to the attestation key.");
  }

  // 2. The PCK chain, up to the pinned root.
  for (const extra of pckChain.slice(2)) {
    if (!equalBytes(extra.der, root.der))
      throw new DcapError("DCAP_UNTRUSTED_ROOT", "The quote's chain ends in another root.");
  }
  if (!pck.sgx) throw new DcapError("DCAP_MISSING_SGX_EXTENSION", "The PCK certificate has no SGX extension.");
  if (!PCK_CA_COMMON_NAMES.includes(pckCa.subjectCommonName as (typeof PCK_CA_COMMON_NAMES)[number]) || !pckCa.isCa) {
    throw new DcapError("DCAP_NOT_A_CA", "The PCK certificate's issuer is not an Intel PCK CA.");
  }
  checkIssuedBy(pck, pckCa, "certificate");
  checkIssuedBy(pckCa, root, "certificate");
  for (const cert of [root, pckCa, pck]) checkValidity(cert, now);

  // 3. Revocation.
  const rootCrl = parseCrl(collateral.rootCaCrl);
  checkIssuedBy(rootCrl, root, "crl");
  checkCrlWindow(rootCrl, now);
  const pckCrl = parseCrl(collateral.pckCrl);
  checkIssuedBy(pckCrl, pckCa, "crl");
  checkCrlWindow(pckCrl, now);
  checkNotRevoked(rootCrl, pckCa);
  checkNotRevoked(pckCrl, pck);

  // 4. Intel-signed TCB info and QE identity.
  const signing = parseCertificate(collateral.tcbSigningCertificate);
  if (signing.subjectCommonName !== TCB_SIGNING_COMMON_NAME) {
    throw new DcapError("DCAP_ISSUER_MISMATCH", "The collateral signer is not the Intel SGX TCB Signing certificate.");
  }
  checkIssuedBy(signing, root, "certificate");
  checkValidity(signing, now);
  checkNotRevoked(rootCrl, signing);
  checkSigned("TCB info", collateral.tcbInfo, signing);
  checkSigned("QE identity", collateral.qeIdentity, signing);
  const tcbInfo = parseTcbInfo(collateral.tcbInfo.body);
  const qeIdentity = parseEnclaveIdentity(collateral.qeIdentity.body);
  checkCollateralWindow("TCB info", tcbInfo, now);
  checkCollateralWindow("QE identity", qeIdentity, now);
  const sgx = quote.body.kind === "sgx";
  if (
    tcbInfo.id !== (sgx ? "SGX" : "TDX") ||
    tcbInfo.fmspc !== pck.sgx.fmspc ||
    tcbInfo.pceId !== pck.sgx.pceId ||
    qeIdentity.id !== (sgx ? "QE" : "TD_QE")
  ) {
    throw new DcapError("DCAP_COLLATERAL_MISMATCH", "The collateral is for another platform or TEE.", {
      details: `quote: ${sgx ? "SGX" : "TDX"} FMSPC ${pck.sgx.fmspc}; TCB info: ${tcbInfo.id} FMSPC ${tcbInfo.fmspc}; QE identity: ${qeIdentity.id}`,
    });
  }

  // 5. Status.
  const tcb = evaluateTcb(quote, pck.sgx, tcbInfo, qeIdentity);
  return {
    quote,
    pckChain,
    tcbInfo,
    qeIdentity,
    tcb,
    result: attestationResultOf(quote, tcb.status, parameters.enclavePublicKey ?? "0x"),
  };
}
