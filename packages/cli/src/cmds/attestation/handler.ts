import { readFile } from "node:fs/promises";
import {
  BaseError,
  DcapError,
  parseCertificate,
  parseCollateralBundle,
  parseDcapQuote,
  pemCertificates,
  splitPcsResponse,
  verifyDcapQuote,
  type DcapCollateral,
  type DcapQuote,
  type VerifyDcapQuoteReturnType,
} from "@obscuro/sdk";
import { bold, dim, green, red } from "../../util/output.ts";

export interface InspectOptions {
  collateral?: string;
  tcbInfo?: string;
  qeIdentity?: string;
  tcbSigningCert?: string;
  rootCrl?: string;
  pckCrl?: string;
  at?: number;
  json: boolean;
}

/** Thrown for unusable command-line input (a file that cannot be read or decoded, missing options). */
export class InspectInputError extends BaseError {
  readonly code = "ATTESTATION_INSPECT_INPUT";
}

async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new InspectInputError(`Cannot read ${path}.`, { cause, details: (cause as Error).message });
  }
}

/** Binary, hex text (optionally 0x-prefixed) or PEM (first block) → bytes. */
function decodeBinary(data: Buffer, pemLabel: "CERTIFICATE" | "X509 CRL"): Uint8Array {
  const text = data.toString("latin1").trim();
  if (text.startsWith("-----BEGIN")) {
    if (pemLabel === "CERTIFICATE") return pemCertificates(text)[0]!;
    const body = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text)?.[1];
    if (!body) throw new InspectInputError("No X509 CRL block in the PEM file.");
    return new Uint8Array(Buffer.from(body.replace(/\s+/g, ""), "base64"));
  }
  const hex = text.replace(/^0x/i, "").replace(/\s+/g, "");
  if (hex.length > 0 && hex.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(hex))
    return new Uint8Array(Buffer.from(hex, "hex"));
  return new Uint8Array(data);
}

async function loadCollateral(options: InspectOptions): Promise<DcapCollateral | undefined> {
  const separate = [options.tcbInfo, options.qeIdentity, options.tcbSigningCert, options.rootCrl, options.pckCrl];
  if (options.collateral) {
    if (separate.some((v) => v !== undefined)) {
      throw new InspectInputError("Give either --collateral or the separate collateral files, not both.");
    }
    return parseCollateralBundle((await readInput(options.collateral)).toString("utf8"));
  }
  if (separate.every((v) => v === undefined)) return undefined;
  const missing = (["tcbInfo", "qeIdentity", "tcbSigningCert", "rootCrl", "pckCrl"] as const).filter(
    (k) => !options[k],
  );
  if (missing.length > 0) {
    throw new InspectInputError("Verification needs every collateral file.", {
      details: `missing: ${missing.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`,
    });
  }
  return {
    tcbInfo: splitPcsResponse(await readInput(options.tcbInfo!)),
    qeIdentity: splitPcsResponse(await readInput(options.qeIdentity!)),
    tcbSigningCertificate: decodeBinary(await readInput(options.tcbSigningCert!), "CERTIFICATE"),
    rootCaCrl: decodeBinary(await readInput(options.rootCrl!), "X509 CRL"),
    pckCrl: decodeBinary(await readInput(options.pckCrl!), "X509 CRL"),
  };
}

/** The parsed fields, as plain data (what --json prints and the text view shows). */
function describeQuote(quote: DcapQuote) {
  const chain = pemCertificates(Buffer.from(quote.certificationData).toString("latin1")).map(parseCertificate);
  const pck = chain[0];
  const { report } = quote.body;
  return {
    header: {
      version: quote.version,
      attestationKeyType: quote.attestationKeyType,
      teeType: `0x${quote.teeType.toString(16).padStart(8, "0")}`,
      ...(quote.v5Body ? { bodyType: quote.v5Body.type, bodySize: quote.v5Body.size } : {}),
      qeSvn: quote.qeSvn,
      pceSvn: quote.pceSvn,
      qeVendorId: quote.qeVendorId,
      userData: quote.userData,
    },
    body: { kind: quote.body.kind, ...report },
    signatureData: {
      length: quote.signatureDataLength,
      ...(quote.outerCertificationDataSize === undefined
        ? {}
        : { outerCertificationDataSize: quote.outerCertificationDataSize }),
      qeReport: {
        mrSigner: quote.qeReportBody.mrSigner,
        isvProdId: quote.qeReportBody.isvProdId,
        isvSvn: quote.qeReportBody.isvSvn,
      },
      qeAuthDataLength: quote.qeAuthData.length,
      certificationDataType: quote.certificationDataType,
      certificationDataSize: quote.certificationData.length,
      paddingLength: quote.paddingLength,
    },
    pckCertificate: pck && {
      issuer: pck.issuerCommonName,
      notBefore: new Date(pck.notBefore * 1000).toISOString(),
      notAfter: new Date(pck.notAfter * 1000).toISOString(),
      fmspc: pck.sgx?.fmspc,
      pceId: pck.sgx?.pceId,
      tcbComponents: pck.sgx?.tcbComponents,
      pceSvn: pck.sgx?.pceSvn,
    },
  };
}

type Verdict =
  | { verified: true; at: number; tcb: VerifyDcapQuoteReturnType["tcb"]; result: VerifyDcapQuoteReturnType["result"] }
  | { verified: false; at: number; code: string; reason: string }
  | { verified: null; reason: string };

/** `obscuro attestation inspect`: prints the quote's fields and, with collateral, the verdict. */
export async function runInspect(quotePath: string, options: InspectOptions): Promise<void> {
  const quote = parseDcapQuote(decodeBinary(await readInput(quotePath), "CERTIFICATE"));
  const collateral = await loadCollateral(options);
  const at = options.at ?? Math.floor(Date.now() / 1000);
  let verdict: Verdict;
  if (!collateral) {
    verdict = { verified: null, reason: "no collateral given (--collateral, or --tcb-info … --pck-crl)" };
  } else {
    try {
      const { tcb, result } = verifyDcapQuote({ quote, collateral, now: at });
      verdict = { verified: true, at, tcb, result };
    } catch (error) {
      if (!(error instanceof DcapError)) throw error;
      verdict = { verified: false, at, code: error.code, reason: error.shortMessage };
    }
  }
  const fields = describeQuote(quote);
  if (options.json) {
    console.log(
      JSON.stringify({ ...fields, verdict }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2),
    );
  } else {
    printText(fields, verdict);
  }
  if (verdict.verified === false) process.exitCode = 1;
}

function printText(fields: ReturnType<typeof describeQuote>, verdict: Verdict): void {
  const section = (title: string, entries: Record<string, unknown>) => {
    console.log(bold(title));
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined || (typeof value === "object" && value !== null && !Array.isArray(value))) continue;
      console.log(`  ${key.padEnd(28)} ${Array.isArray(value) ? `[${value.join(", ")}]` : String(value)}`);
    }
  };
  section("Quote header", fields.header);
  section(
    `Report body (${fields.body.kind === "sgx" ? "SGX enclave" : fields.body.kind === "td15" ? "TDX TD 1.5" : "TDX TD 1.0"})`,
    fields.body,
  );
  section("Signature data", { ...fields.signatureData, ...fields.signatureData.qeReport });
  if (fields.pckCertificate) section("PCK certificate", fields.pckCertificate);
  console.log(bold("Verdict"));
  if (verdict.verified === null) {
    console.log(`  ${dim(`not verified: ${verdict.reason}`)}`);
  } else if (verdict.verified) {
    const at = new Date(verdict.at * 1000).toISOString();
    console.log(
      `  ${green("✔ verified")} at ${at}: signatures, PCK chain to the Intel SGX Root CA, CRLs and collateral`,
    );
    console.log(`  ${"TCB status".padEnd(28)} ${bold(verdict.tcb.status)}`);
    console.log(`  ${"platform / QE".padEnd(28)} ${verdict.tcb.platformStatus} / ${verdict.tcb.qeStatus}`);
    if (verdict.tcb.tdxModuleStatus) console.log(`  ${"TDX module".padEnd(28)} ${verdict.tcb.tdxModuleStatus}`);
    console.log(`  ${"advisories".padEnd(28)} ${verdict.tcb.advisoryIds.join(", ") || "none"}`);
    console.log(`  ${"measurement".padEnd(28)} ${verdict.result.measurement}`);
    console.log(`  ${"signer measurement".padEnd(28)} ${verdict.result.signerMeasurement}`);
    console.log(
      `  ${"debug".padEnd(28)} ${verdict.result.debug ? red("yes (the host can read enclave memory)") : "no"}`,
    );
  } else {
    console.log(
      `  ${red("✖ refused")} at ${new Date(verdict.at * 1000).toISOString()}: ${verdict.reason} ${dim(`(${verdict.code})`)}`,
    );
  }
}
