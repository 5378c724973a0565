import { fromHex } from "./bytes.ts";
import type { EnclaveIdentity, IsvTcbLevel, TcbInfo, TcbLevel, TcbStatusName } from "./collateral.ts";
import { DcapError } from "./errors.ts";
import type { DcapQuote, SgxReportBody, TdReportBody } from "./quote.ts";
import type { SgxExtension } from "./x509.ts";

/** How the TCB of a verified quote was judged, with what Intel's collateral says about it. */
export interface TcbEvaluation {
  /** The converged status (platform, TDX module and QE), as the contracts report it. */
  status: TcbStatusName;
  /** The platform's TCB level status (SGX components + PCESVN, and TDX components for TDX). */
  platformStatus: TcbStatusName;
  /** The quoting enclave's status from its identity. */
  qeStatus: TcbStatusName;
  /** TDX only: the TDX module's status from its identity (`UpToDate` for a module without one). */
  tdxModuleStatus?: TcbStatusName;
  /** Intel security advisories of the matched levels (platform, then module, then QE), deduplicated. */
  advisoryIds: string[];
  /** The matched platform TCB level. */
  tcbLevel: TcbLevel;
}

function maskedEqual(value: Uint8Array, mask: Uint8Array, expected: Uint8Array): boolean {
  if (value.length !== mask.length || mask.length !== expected.length) return false;
  return value.every((b, i) => (b & mask[i]!) === (expected[i]! & mask[i]!));
}

/** First level whose ISV SVN is at most `isvSvn` (levels are ordered newest first). */
function isvLevel(levels: IsvTcbLevel[], isvSvn: number): IsvTcbLevel | undefined {
  return levels.find((level) => isvSvn >= level.isvSvn);
}

/** Intel's convergence of a platform status with an enclave's (QE or TDX module) status. */
function converge(platform: TcbStatusName, other: TcbStatusName): TcbStatusName {
  if (other === "Revoked") return "Revoked";
  if (other === "OutOfDate") {
    if (platform === "UpToDate" || platform === "SWHardeningNeeded") return "OutOfDate";
    if (platform === "ConfigurationNeeded" || platform === "ConfigurationAndSWHardeningNeeded") {
      return "OutOfDateConfigurationNeeded";
    }
  }
  return platform;
}

/**
 * Checks the quoting enclave's report against its Intel identity and returns its TCB level
 * (`Revoked` when its ISV SVN is below every listed level).
 */
export function evaluateQeIdentity(
  qeReport: SgxReportBody,
  identity: EnclaveIdentity,
): IsvTcbLevel | { status: "Revoked"; advisoryIds: string[] } {
  const fail = (what: string) =>
    new DcapError("DCAP_QE_IDENTITY_MISMATCH", `The quoting enclave does not match Intel's ${identity.id} identity.`, {
      details: what,
    });
  if (qeReport.mrSigner.toLowerCase() !== identity.mrSigner) throw fail("MRSIGNER");
  if (qeReport.isvProdId !== identity.isvProdId) throw fail("ISVPRODID");
  if (!maskedEqual(fromHex(qeReport.miscSelect), fromHex(identity.miscselectMask), fromHex(identity.miscselect))) {
    throw fail("MISCSELECT");
  }
  if (!maskedEqual(fromHex(qeReport.attributes), fromHex(identity.attributesMask), fromHex(identity.attributes))) {
    throw fail("ATTRIBUTES");
  }
  return isvLevel(identity.tcbLevels, qeReport.isvSvn) ?? { status: "Revoked", advisoryIds: [] };
}

/**
 * Evaluates a quote's TCB status the way Intel's QVL does: the first TCB level (newest first)
 * whose SGX components and PCESVN the PCK certificate meets, and for TDX whose TDX components
 * the TD report's TEE_TCB_SVN meets (bytes 0-1 skipped when byte 1, the TDX module version, is
 * set); then the TDX module identity `TDX_<version>` and the QE identity, converged.
 * @throws {DcapError} `DCAP_TCB_LEVEL_NOT_FOUND`, `DCAP_TDX_MODULE_*`, `DCAP_QE_IDENTITY_MISMATCH`.
 */
export function evaluateTcb(
  quote: DcapQuote,
  pck: SgxExtension,
  tcbInfo: TcbInfo,
  qeIdentity: EnclaveIdentity,
): TcbEvaluation {
  const qe = evaluateQeIdentity(quote.qeReportBody, qeIdentity);
  const td = quote.body.kind === "sgx" ? undefined : (quote.body.report as TdReportBody);
  const teeTcbSvn = td ? fromHex(td.teeTcbSvn) : undefined;
  const skipModule = teeTcbSvn !== undefined && teeTcbSvn[1]! > 0;

  const tcbLevel = tcbInfo.tcbLevels.find((level) => {
    if (pck.pceSvn < level.pceSvn) return false;
    if (!level.sgxComponents.every((svn, i) => pck.tcbComponents[i]! >= svn)) return false;
    if (teeTcbSvn === undefined) return true;
    const tdx = level.tdxComponents ?? [];
    return tdx.every((svn, i) => (skipModule && i < 2) || teeTcbSvn[i]! >= svn);
  });
  if (!tcbLevel) {
    throw new DcapError("DCAP_TCB_LEVEL_NOT_FOUND", "No TCB level of Intel's TCB info matches the platform.", {
      details: `FMSPC ${tcbInfo.fmspc}, PCK components [${pck.tcbComponents.join(",")}] PCESVN ${pck.pceSvn}`,
    });
  }

  let status = tcbLevel.status;
  const advisoryIds = [...tcbLevel.advisoryIds];
  let tdxModuleStatus: TcbStatusName | undefined;
  if (td && teeTcbSvn) {
    const version = teeTcbSvn[1]!;
    let expected = tcbInfo.tdxModule;
    tdxModuleStatus = "UpToDate";
    if (version > 0) {
      const id = `TDX_${version.toString(16).toUpperCase().padStart(2, "0")}`;
      const identity = tcbInfo.tdxModuleIdentities.find((m) => m.id === id);
      if (!identity) throw new DcapError("DCAP_TDX_MODULE_NOT_FOUND", `Intel's TCB info has no ${id} module identity.`);
      const level = isvLevel(identity.tcbLevels, teeTcbSvn[0]!);
      if (!level) throw new DcapError("DCAP_TCB_LEVEL_NOT_FOUND", `No ${id} TCB level matches the TDX module's SVN.`);
      expected = identity;
      tdxModuleStatus = level.status;
      advisoryIds.push(...level.advisoryIds);
    }
    if (
      !expected ||
      td.mrSignerSeam !== expected.mrSigner ||
      !maskedEqual(fromHex(td.seamAttributes), fromHex(expected.attributesMask), fromHex(expected.attributes))
    ) {
      throw new DcapError(
        "DCAP_TDX_MODULE_MISMATCH",
        "The TDX module's signer or attributes do not match Intel's TCB info.",
      );
    }
    status = converge(status, tdxModuleStatus);
  }
  status = converge(status, qe.status);
  advisoryIds.push(...qe.advisoryIds);
  return {
    status,
    platformStatus: tcbLevel.status,
    qeStatus: qe.status,
    ...(tdxModuleStatus === undefined ? {} : { tdxModuleStatus }),
    advisoryIds: [...new Set(advisoryIds)],
    tcbLevel,
  };
}
