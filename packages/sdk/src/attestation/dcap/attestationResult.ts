import { concat, keccak256, type Hex } from "viem";
import { TcbStatus, TeeType } from "../../types/attestation.ts";
import type { AttestationResult } from "../../types/attestation.ts";
import type { TcbStatusName } from "./collateral.ts";
import type { DcapQuote, TdReportBody } from "./quote.ts";

const ZERO_48: Hex = `0x${"00".repeat(48)}`;

/**
 * The TDX code identity auditors approve: keccak256(MRTD ‖ MRCONFIGID ‖ RTMR0 ‖ RTMR1 ‖ RTMR2 ‖
 * RTMR3 ‖ MRSERVICETD ‖ TDATTRIBUTES ‖ XFAM), MRSERVICETD being 48 zero bytes for TD 1.0. Every
 * field that decides what runs in the TD or who may read it is in; see docs/attestation-dcap.md.
 */
export function tdxMeasurement(td: TdReportBody): Hex {
  return keccak256(
    concat([
      td.mrTd,
      td.mrConfigId,
      td.rtmr0,
      td.rtmr1,
      td.rtmr2,
      td.rtmr3,
      td.mrServiceTd ?? ZERO_48,
      td.tdAttributes,
      td.xfam,
    ]),
  );
}

/** The TDX owner identity: keccak256(MROWNER ‖ MROWNERCONFIG). */
export function tdxSignerMeasurement(td: TdReportBody): Hex {
  return keccak256(concat([td.mrOwner, td.mrOwnerConfig]));
}

/** The `AttestationResult` the on-chain verifier returns for this quote and status. */
export function attestationResultOf(
  quote: DcapQuote,
  tcbStatus: TcbStatusName,
  enclavePublicKey: Hex,
): AttestationResult {
  if (quote.body.kind === "sgx") {
    const sgx = quote.body.report;
    return {
      teeType: TeeType.Sgx,
      measurement: sgx.mrEnclave,
      signerMeasurement: sgx.mrSigner,
      productId: sgx.isvProdId,
      securityVersion: sgx.isvSvn,
      debug: sgx.debug,
      tcbStatus: TcbStatus[tcbStatus],
      enclavePublicKey,
      reportData: sgx.reportData,
    };
  }
  const td = quote.body.report;
  return {
    teeType: TeeType.Tdx,
    measurement: tdxMeasurement(td),
    signerMeasurement: tdxSignerMeasurement(td),
    productId: 0,
    securityVersion: 0,
    debug: td.debug,
    tcbStatus: TcbStatus[tcbStatus],
    enclavePublicKey,
    reportData: td.reportData,
  };
}
