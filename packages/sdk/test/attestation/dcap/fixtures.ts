/**
 * Test helpers over the real Intel DCAP fixtures in `test-fixtures/dcap/` (see its INDEX.md):
 * file access, the collateral of each verification scenario of INDEX.md §2, and the decoded
 * quote fields of INDEX.md §4, read from the markdown itself so that tests compare the SDK's
 * parser with the fixture author's independent decoder, not with values copied from our output.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseCollateralBundle, splitPcsResponse, type DcapCollateral } from "../../../src/attestation/dcap/index.ts";

export const FIXTURES = fileURLToPath(new URL("../../../../../test-fixtures/dcap/", import.meta.url));
export const DERIVED = fileURLToPath(new URL("../../../../../test-fixtures/dcap-derived/", import.meta.url));

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + path));
}

export function quoteFixture(name: string): Uint8Array {
  return fixture(`quotes/${name}.bin`);
}

function automata(dir: string, tcbInfo: string, qeIdentity: string, pckCrl: string): DcapCollateral {
  return {
    tcbInfo: splitPcsResponse(fixture(`collateral/${dir}/${tcbInfo}`)),
    qeIdentity: splitPcsResponse(fixture(`collateral/${dir}/${qeIdentity}`)),
    tcbSigningCertificate: fixture("certs/intel-sgx-tcb-signing-2025.der"),
    rootCaCrl: fixture("crl/intel-root-ca-crl-2025-03-20.der"),
    pckCrl: fixture(`crl/${pckCrl}`),
  };
}

export function bundle(name: string): DcapCollateral {
  return parseCollateralBundle(readFileSync(`${FIXTURES}collateral/phala-bundles/collateral-${name}.json`, "utf8"));
}

export interface Scenario {
  id: string;
  quote: string;
  collateral: () => DcapCollateral;
  /** The pinned time of INDEX.md §2 (S4 has none: a time inside its stated window). */
  at: number;
  /** The expected TCB status, or the error code for "no matching TCB level". */
  expected: { status: string; advisoryIds: string[] } | { error: string };
}

const TDX_06_2025 = () =>
  automata(
    "automata-2025-06",
    "tcbinfo-v3-tdx-00806f050000.json",
    "qe-identity-td-qe.json",
    "pck-platform-crl-2025-06-04.der",
  );
const TDX_90C06F_2025 = () =>
  automata(
    "automata-2025-06",
    "tcbinfo-v3-tdx-90c06f000000.json",
    "qe-identity-td-qe.json",
    "pck-platform-crl-2025-06-04.der",
  );
const TDX_ADVISORIES = ["INTEL-SA-00960", "INTEL-SA-00982", "INTEL-SA-00986"];

/** INDEX.md §2, S1–S11 (S12 has no collateral). */
export const SCENARIOS: Scenario[] = [
  {
    id: "S1",
    quote: "sgx-v3-quote-automata-00606a",
    collateral: () =>
      automata(
        "automata-2025-08",
        "tcbinfo-v3-sgx-00606a000000.json",
        "qe-identity-sgx-qe.json",
        "pck-platform-crl-2025-08-15.der",
      ),
    at: 1755236700,
    expected: { status: "SWHardeningNeeded", advisoryIds: ["INTEL-SA-00615"] },
  },
  {
    id: "S2",
    quote: "tdx-v4-quote-automata-00806f05",
    collateral: TDX_06_2025,
    at: 1749095100,
    expected: { status: "OutOfDate", advisoryIds: TDX_ADVISORIES },
  },
  {
    id: "S3",
    quote: "tdx-v4-quote-automata-00806f05",
    collateral: () =>
      automata(
        "automata-2025-10",
        "tcbinfo-v3-tdx-00806f050000.json",
        "qe-identity-td-qe.json",
        "pck-platform-crl-2025-10-13.der",
      ),
    at: 1761289818,
    expected: { status: "OutOfDate", advisoryIds: TDX_ADVISORIES },
  },
  {
    id: "S4",
    quote: "tdx-v4-quote-automata-00806f05",
    collateral: () =>
      automata(
        "automata-2025-07-solana",
        "tcbinfo-v3-tdx-00806f050000.json",
        "qe-identity-td-qe.json",
        "pck-platform-crl-2025-07-07.der",
      ),
    at: 1752000000, // 2025-07-08T18:40:00Z, inside the stated window
    expected: { status: "OutOfDate", advisoryIds: TDX_ADVISORIES },
  },
  {
    id: "S5",
    quote: "tdx-v5-quote-automata-alibaba-90c06f",
    collateral: TDX_90C06F_2025,
    at: 1749945600,
    expected: { status: "UpToDate", advisoryIds: [] },
  },
  {
    id: "S6",
    quote: "sgx-v3-quote-phala-00a067",
    collateral: () => bundle("sgx-v3-quote-phala-00a067"),
    at: 1752919277,
    expected: { status: "ConfigurationAndSWHardeningNeeded", advisoryIds: ["INTEL-SA-00289", "INTEL-SA-00615"] },
  },
  {
    id: "S7",
    quote: "tdx-v4-quote-phala-b0c06f",
    collateral: () => bundle("tdx-v4-quote-phala-b0c06f"),
    at: 1752919234,
    expected: { status: "UpToDate", advisoryIds: [] },
  },
  {
    id: "S8",
    quote: "tdx-v4-quote-phala-near-20a06f",
    collateral: () => bundle("tdx-v4-quote-phala-near-20a06f"),
    at: 1757462400,
    expected: { status: "UpToDate", advisoryIds: [] },
  },
  {
    id: "S9",
    quote: "tdx-v5-quote-phala-outdated-90c06f",
    collateral: () => bundle("tdx-v5-quote-phala-outdated-90c06f"),
    at: 1774003274,
    expected: { error: "DCAP_TCB_LEVEL_NOT_FOUND" },
  },
  {
    id: "S10",
    quote: "sgx-v3-quote-automata-debug-00a067",
    collateral: () => bundle("sgx-v3-quote-phala-00a067"),
    at: 1752919277,
    expected: { status: "ConfigurationAndSWHardeningNeeded", advisoryIds: ["INTEL-SA-00289", "INTEL-SA-00615"] },
  },
  {
    id: "S11a",
    quote: "tdx-v5-quote-automata-2-90c06f",
    collateral: TDX_90C06F_2025,
    at: 1749945600,
    expected: { error: "DCAP_TCB_LEVEL_NOT_FOUND" },
  },
  {
    id: "S11b",
    quote: "tdx-v4-quote-automata-gosdk-90c06f",
    collateral: TDX_90C06F_2025,
    at: 1749945600,
    expected: { error: "DCAP_TCB_LEVEL_NOT_FOUND" },
  },
];

// ───────────────────────────────────────── INDEX.md §4

/** The fields INDEX.md §4 lists for one quote, normalised (hex with 0x, lower case). */
export interface IndexedQuote {
  file: string;
  size: number;
  sha256: string;
  version: number;
  attestationKeyType: number;
  teeType: number;
  qeSvn: number;
  pceSvn: number;
  qeVendorId: string;
  userData: string;
  v5BodyType: number;
  v5BodySize: number;
  /** SGX body fields (empty strings for TDX quotes) and TD fields (empty for SGX). */
  cpuSvn: string;
  miscSelect: string;
  attributes: string;
  mrEnclave: string;
  mrSigner: string;
  isvProdId: number;
  isvSvn: number;
  teeTcbSvn: string;
  mrSeam: string;
  mrSignerSeam: string;
  seamAttributes: string;
  tdAttributes: string;
  xfam: string;
  mrTd: string;
  mrConfigId: string;
  mrOwner: string;
  mrOwnerConfig: string;
  rtmr0: string;
  rtmr1: string;
  rtmr2: string;
  rtmr3: string;
  teeTcbSvn2: string;
  mrServiceTd: string;
  reportData: string;
  debug: boolean;
  signatureDataLength: number;
  /** 0 for v3 (no outer certification data). */
  outerCertificationDataSize: number;
  qeMrSigner: string;
  qeIsvProdId: number;
  qeIsvSvn: number;
  qeAuthDataLength: number;
  /** The first 8 bytes INDEX.md shows. */
  qeAuthDataPrefix: string;
  certificationDataType: number;
  certificationDataSize: number;
  pckIssuer: string;
  paddingLength: number;
  fmspc: string;
  pceId: string;
  tcbComponents: number[];
  pckPceSvn: number;
  pckNotBefore: number;
  pckNotAfter: number;
}

function hexValue(cell: string): string {
  const zero = /^`0+… \(all zero, (\d+) B\)`$/.exec(cell);
  if (zero) return `0x${"00".repeat(Number(zero[1]))}`;
  const m = /`(?:0x)?([0-9a-fA-F]+)`/.exec(cell);
  if (!m) throw new Error(`no hex in ${cell}`);
  return `0x${m[1]!.toLowerCase()}`;
}

function utc(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}Z`) / 1000;
}

/** Parses INDEX.md §4 into one record per quote. */
export function indexedQuotes(): IndexedQuote[] {
  const markdown = readFileSync(`${FIXTURES}INDEX.md`, "utf8");
  const section = markdown.slice(markdown.indexOf("## 4. Decoded quote fields"));
  const out: IndexedQuote[] = [];
  for (const block of section.split(/^### /m).slice(1)) {
    const file = /^quotes\/(\S+\.bin)/.exec(block)?.[1];
    if (!file) throw new Error(`unexpected heading ${block.slice(0, 40)}`);
    const rows = new Map<string, string>();
    for (const line of block.split("\n")) {
      const cells = /^\| (.+?) \| (.+) \|$/.exec(line);
      if (cells && cells[1] !== "field" && !cells[1]!.startsWith("---")) rows.set(cells[1]!, cells[2]!);
    }
    const row = (name: string): string => {
      const value = rows.get(name);
      if (value === undefined) throw new Error(`${file}: no row ${name}`);
      return value;
    };
    const opt = (name: string): string => (rows.has(name) ? hexValue(row(name)) : "");
    const [size, sha] = row("size / sha256").split(" / ");
    const [qeSvn, pceSvn] = row("header bytes 8..12 (qeSvn, pceSvn in v3; reserved in v4/v5)").split(", ").map(Number);
    const v5 = rows.has("v5 body type / size") ? /^(\d+) \(.*\) \/ (\d+)$/.exec(row("v5 body type / size")) : null;
    const [isvProdId, isvSvn] = rows.has("isvProdId / isvSvn")
      ? row("isvProdId / isvSvn").split(" / ").map(Number)
      : [0, 0];
    const sigLength = /^(\d+)(?: \(outer cert-data type 6, size (\d+)\))?$/.exec(row("signature data length"))!;
    const qe = /^`([0-9a-f]+)` \/ (\d+) \/ (\d+)$/.exec(row("QE report: MRSIGNER / prodId / isvSvn"))!;
    const auth = /^(\d+) B `([0-9a-f]+)…`$/.exec(row("QE auth data"))!;
    const cert = /^type (\d+) \(PCK chain PEM\), (\d+) B, issuer CA: (.+)$/.exec(row("cert data"))!;
    const fmspc = /^`([0-9a-f]+)` \/ `([0-9a-f]+)`$/.exec(row("PCK cert: FMSPC / PCE-ID"))!;
    const tcb = /^\[([\d, ]+)\] \/ (\d+)$/.exec(row("PCK cert: TCB comp SVNs / PCESVN"))!;
    const validity = /^(.+) \.\. (.+) UTC$/.exec(row("PCK cert validity"))!;
    const tdx = rows.has("mrTd");
    out.push({
      file,
      size: Number(size!.replace(" B", "")),
      sha256: hexValue(sha!),
      version: Number(row("version")),
      attestationKeyType: Number(row("attestation key type").split(" ")[0]),
      teeType: Number(hexValue(row("TEE type"))),
      qeSvn: qeSvn!,
      pceSvn: pceSvn!,
      qeVendorId: hexValue(row("QE vendor id")),
      userData: hexValue(row("user data (20 B)")),
      v5BodyType: v5 ? Number(v5[1]) : 0,
      v5BodySize: v5 ? Number(v5[2]) : 0,
      cpuSvn: opt("cpuSvn"),
      miscSelect: opt("miscSelect"),
      attributes: opt("attributes"),
      mrEnclave: opt("MRENCLAVE"),
      mrSigner: opt("MRSIGNER"),
      isvProdId: isvProdId!,
      isvSvn: isvSvn!,
      teeTcbSvn: opt("teeTcbSvn"),
      mrSeam: opt("mrSeam"),
      mrSignerSeam: opt("mrSignerSeam"),
      seamAttributes: opt("seamAttributes"),
      tdAttributes: opt("tdAttributes"),
      xfam: opt("xfam"),
      mrTd: opt("mrTd"),
      mrConfigId: opt("mrConfigId"),
      mrOwner: opt("mrOwner"),
      mrOwnerConfig: opt("mrOwnerConfig"),
      rtmr0: opt("rtmr0"),
      rtmr1: opt("rtmr1"),
      rtmr2: opt("rtmr2"),
      rtmr3: opt("rtmr3"),
      teeTcbSvn2: opt("teeTcbSvn2"),
      mrServiceTd: opt("mrServiceTd"),
      reportData: hexValue(row("reportData")),
      debug: tdx ? row("TD DEBUG (tdAttributes bit 0)") !== "not set" : /DEBUG=\*\*set\*\*/.test(row("attributes")),
      signatureDataLength: Number(sigLength[1]),
      outerCertificationDataSize: sigLength[2] ? Number(sigLength[2]) : 0,
      qeMrSigner: `0x${qe[1]}`,
      qeIsvProdId: Number(qe[2]),
      qeIsvSvn: Number(qe[3]),
      qeAuthDataLength: Number(auth[1]),
      qeAuthDataPrefix: `0x${auth[2]}`,
      certificationDataType: Number(cert[1]),
      certificationDataSize: Number(cert[2]),
      pckIssuer: cert[3]!,
      paddingLength: Number(row("bytes after signature data").split(" ")[0]),
      fmspc: `0x${fmspc[1]}`,
      pceId: `0x${fmspc[2]}`,
      tcbComponents: tcb[1]!.split(", ").map(Number),
      pckPceSvn: Number(tcb[2]),
      pckNotBefore: utc(validity[1]!),
      pckNotAfter: utc(validity[2]!),
    });
  }
  return out;
}
