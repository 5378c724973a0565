import type { Hex } from "viem";
import { fromHex, parseIsoTime } from "./bytes.ts";
import { TcbStatus } from "../../types/attestation.ts";
import { DcapError } from "./errors.ts";
import { pemCertificates } from "./x509.ts";

export type TcbStatusName = keyof typeof TcbStatus;

/** A PCS JSON item exactly as Intel signed it: the body bytes and the `r ‖ s` signature. */
export interface SignedCollateral {
  body: Uint8Array;
  signature: Uint8Array;
}

export interface TcbLevel {
  sgxComponents: number[];
  pceSvn: number;
  /** TDX TCB info only. */
  tdxComponents?: number[];
  tcbDate: number;
  status: TcbStatusName;
  advisoryIds: string[];
}

export interface TdxModule {
  mrSigner: Hex;
  attributes: Hex;
  attributesMask: Hex;
}

export interface IsvTcbLevel {
  isvSvn: number;
  tcbDate: number;
  status: TcbStatusName;
  advisoryIds: string[];
}

export interface TdxModuleIdentity extends TdxModule {
  id: string;
  tcbLevels: IsvTcbLevel[];
}

/** Intel TCB Info v3 (the form PCS API v4 serves, for SGX and TDX). */
export interface TcbInfo {
  id: "SGX" | "TDX";
  version: number;
  issueDate: number;
  nextUpdate: number;
  /** Lower-case hex. */
  fmspc: Hex;
  pceId: Hex;
  tcbType: number;
  tcbEvaluationDataNumber: number;
  tdxModule?: TdxModule;
  tdxModuleIdentities: TdxModuleIdentity[];
  tcbLevels: TcbLevel[];
}

/** Intel Enclave Identity v2 of a quoting enclave (`QE` for SGX, `TD_QE` for TDX). */
export interface EnclaveIdentity {
  id: "QE" | "TD_QE";
  version: number;
  issueDate: number;
  nextUpdate: number;
  tcbEvaluationDataNumber: number;
  miscselect: Hex;
  miscselectMask: Hex;
  attributes: Hex;
  attributesMask: Hex;
  mrSigner: Hex;
  isvProdId: number;
  tcbLevels: IsvTcbLevel[];
}

/** Limits shared with the contracts (`DcapCollateralRegistry`). */
export const MAX_TCB_LEVELS = 64;
export const MAX_TDX_MODULE_IDENTITIES = 16;
export const MAX_ISV_TCB_LEVELS = 32;

const STATUSES = new Set<string>(Object.keys(TcbStatus).filter((s) => s !== "Unrecognized"));
const ISV_STATUSES = new Set(["UpToDate", "OutOfDate", "Revoked"]);

function unsupported(why: string): DcapError {
  return new DcapError("DCAP_UNSUPPORTED_COLLATERAL", "Unsupported or malformed PCS collateral.", { details: why });
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw unsupported(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function uint(value: unknown, what: string, max = 0xffffffff): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw unsupported(`${what} is not an integer in 0..${max}`);
  }
  return value;
}

function hexField(value: unknown, bytes: number, what: string): Hex {
  if (typeof value !== "string" || value.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(value)) {
    throw unsupported(`${what} is not ${bytes} bytes of hex`);
  }
  return `0x${value.toLowerCase()}`;
}

function time(value: unknown, what: string): number {
  if (typeof value !== "string") throw unsupported(`${what} is not a time`);
  return parseIsoTime(value);
}

function status(value: unknown, allowed: Set<string>, what: string): TcbStatusName {
  if (typeof value !== "string" || !allowed.has(value)) throw unsupported(`${what}: unknown status ${String(value)}`);
  return value as TcbStatusName;
}

function array(value: unknown, max: number, what: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    throw unsupported(`${what} is not a list of 1..${max} items`);
  }
  return value;
}

function advisories(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((a) => typeof a === "string")) throw unsupported("advisoryIDs");
  return value as string[];
}

function components(value: unknown, what: string): number[] {
  const list = array(value, 16, what);
  if (list.length !== 16) throw unsupported(`${what} must have 16 components`);
  return list.map((c, i) => uint(object(c, `${what}[${i}]`).svn, `${what}[${i}].svn`, 255));
}

function isvLevels(value: unknown, what: string): IsvTcbLevel[] {
  return array(value, MAX_ISV_TCB_LEVELS, what).map((raw, i) => {
    const level = object(raw, `${what}[${i}]`);
    return {
      isvSvn: uint(object(level.tcb, `${what}[${i}].tcb`).isvsvn, `${what}[${i}].isvsvn`, 0xffff),
      tcbDate: time(level.tcbDate, `${what}[${i}].tcbDate`),
      status: status(level.tcbStatus, ISV_STATUSES, `${what}[${i}]`),
      advisoryIds: advisories(level.advisoryIDs),
    };
  });
}

function decodeBody(body: Uint8Array): Record<string, unknown> {
  try {
    return object(JSON.parse(Buffer.from(body).toString("utf8")), "collateral");
  } catch (cause) {
    if (cause instanceof DcapError) throw cause;
    throw new DcapError("DCAP_MALFORMED_JSON", "The collateral body is not JSON.", { cause });
  }
}

/** Parses the signed body of a TCB Info (v3; v2 is deprecated by Intel and refused). */
export function parseTcbInfo(body: Uint8Array): TcbInfo {
  const info = decodeBody(body);
  if (info.id !== "SGX" && info.id !== "TDX") throw unsupported(`TCB info id ${String(info.id)}`);
  if (info.version !== 3) throw unsupported(`TCB info version ${String(info.version)} (only 3)`);
  const tdx = info.id === "TDX";
  const tcbType = uint(info.tcbType, "tcbType");
  if (tcbType !== 0) throw unsupported(`tcbType ${tcbType}`);
  const tcbLevels = array(info.tcbLevels, MAX_TCB_LEVELS, "tcbLevels").map((raw, i): TcbLevel => {
    const level = object(raw, `tcbLevels[${i}]`);
    const tcb = object(level.tcb, `tcbLevels[${i}].tcb`);
    return {
      sgxComponents: components(tcb.sgxtcbcomponents, `tcbLevels[${i}].sgxtcbcomponents`),
      pceSvn: uint(tcb.pcesvn, `tcbLevels[${i}].pcesvn`, 0xffff),
      ...(tdx ? { tdxComponents: components(tcb.tdxtcbcomponents, `tcbLevels[${i}].tdxtcbcomponents`) } : {}),
      tcbDate: time(level.tcbDate, `tcbLevels[${i}].tcbDate`),
      status: status(level.tcbStatus, STATUSES, `tcbLevels[${i}]`),
      advisoryIds: advisories(level.advisoryIDs),
    };
  });
  const module = (raw: unknown, what: string): TdxModule => {
    const m = object(raw, what);
    return {
      mrSigner: hexField(m.mrsigner, 48, `${what}.mrsigner`),
      attributes: hexField(m.attributes, 8, `${what}.attributes`),
      attributesMask: hexField(m.attributesMask, 8, `${what}.attributesMask`),
    };
  };
  const identities =
    tdx && info.tdxModuleIdentities !== undefined
      ? array(info.tdxModuleIdentities, MAX_TDX_MODULE_IDENTITIES, "tdxModuleIdentities").map((raw, i) => {
          const identity = object(raw, `tdxModuleIdentities[${i}]`);
          if (typeof identity.id !== "string" || !/^TDX_[0-9A-F]{2}$/.test(identity.id)) {
            throw unsupported(`tdxModuleIdentities[${i}].id`);
          }
          return {
            id: identity.id,
            ...module(identity, `tdxModuleIdentities[${i}]`),
            tcbLevels: isvLevels(identity.tcbLevels, `tdxModuleIdentities[${i}].tcbLevels`),
          };
        })
      : [];
  return {
    id: info.id,
    version: 3,
    issueDate: time(info.issueDate, "issueDate"),
    nextUpdate: time(info.nextUpdate, "nextUpdate"),
    fmspc: hexField(info.fmspc, 6, "fmspc"),
    pceId: hexField(info.pceId, 2, "pceId"),
    tcbType,
    tcbEvaluationDataNumber: uint(info.tcbEvaluationDataNumber, "tcbEvaluationDataNumber"),
    ...(tdx ? { tdxModule: module(info.tdxModule, "tdxModule") } : {}),
    tdxModuleIdentities: identities,
    tcbLevels,
  };
}

/** Parses the signed body of a quoting enclave's identity (v2, id `QE` or `TD_QE`). */
export function parseEnclaveIdentity(body: Uint8Array): EnclaveIdentity {
  const identity = decodeBody(body);
  if (identity.id !== "QE" && identity.id !== "TD_QE") throw unsupported(`enclave identity id ${String(identity.id)}`);
  if (identity.version !== 2) throw unsupported(`enclave identity version ${String(identity.version)} (only 2)`);
  return {
    id: identity.id,
    version: 2,
    issueDate: time(identity.issueDate, "issueDate"),
    nextUpdate: time(identity.nextUpdate, "nextUpdate"),
    tcbEvaluationDataNumber: uint(identity.tcbEvaluationDataNumber, "tcbEvaluationDataNumber"),
    miscselect: hexField(identity.miscselect, 4, "miscselect"),
    miscselectMask: hexField(identity.miscselectMask, 4, "miscselectMask"),
    attributes: hexField(identity.attributes, 16, "attributes"),
    attributesMask: hexField(identity.attributesMask, 16, "attributesMask"),
    mrSigner: hexField(identity.mrsigner, 32, "mrsigner"),
    isvProdId: uint(identity.isvprodid, "isvprodid", 0xffff),
    tcbLevels: isvLevels(identity.tcbLevels, "tcbLevels"),
  };
}

/**
 * Splits an Intel PCS response (`{"tcbInfo":{…},"signature":"…"}` or
 * `{"enclaveIdentity":{…},"signature":"…"}`) into the exact signed bytes and the signature,
 * without re-serialising anything (the signature covers the original bytes).
 */
export function splitPcsResponse(text: string | Uint8Array): SignedCollateral {
  const raw = typeof text === "string" ? text : Buffer.from(text).toString("utf8");
  const match =
    /^\s*\{\s*"(?:tcbInfo|enclaveIdentity)"\s*:\s*(\{[\s\S]*\})\s*,\s*"signature"\s*:\s*"([0-9a-fA-F]{128})"\s*\}\s*$/.exec(
      raw,
    );
  if (!match) throw unsupported("not an Intel PCS TCB info or enclave identity response");
  return { body: new Uint8Array(Buffer.from(match[1]!, "utf8")), signature: fromHex(match[2]!) };
}

/** Collateral for one quote, as `verifyDcapQuote` takes it. */
export interface DcapCollateral {
  tcbInfo: SignedCollateral;
  qeIdentity: SignedCollateral;
  /** The Intel SGX TCB Signing certificate (DER) that signed the TCB info and QE identity. */
  tcbSigningCertificate: Uint8Array;
  /** The Intel SGX Root CA CRL (DER). */
  rootCaCrl: Uint8Array;
  /** The CRL (DER) of the PCK CA that issued the quote's PCK certificate. */
  pckCrl: Uint8Array;
}

/**
 * Reads a `QuoteCollateralV3` bundle as Phala's dcap-qvl serialises it (JSON with the signed
 * strings, hex signatures, PEM issuer chains and hex DER CRLs).
 */
export function parseCollateralBundle(json: string): DcapCollateral & { pckCrlIssuer: Uint8Array } {
  let bundle: Record<string, unknown>;
  try {
    bundle = object(JSON.parse(json), "bundle");
  } catch (cause) {
    if (cause instanceof DcapError) throw cause;
    throw new DcapError("DCAP_MALFORMED_JSON", "The collateral bundle is not JSON.", { cause });
  }
  const text = (key: string): string => {
    const value = bundle[key];
    if (typeof value !== "string") throw unsupported(`bundle field ${key} is missing`);
    return value;
  };
  const tcbSigning = pemCertificates(text("tcb_info_issuer_chain"))[0]!;
  const pckCrlIssuer = pemCertificates(text("pck_crl_issuer_chain"))[0]!;
  return {
    tcbInfo: {
      body: new Uint8Array(Buffer.from(text("tcb_info"), "utf8")),
      signature: fromHex(text("tcb_info_signature")),
    },
    qeIdentity: {
      body: new Uint8Array(Buffer.from(text("qe_identity"), "utf8")),
      signature: fromHex(text("qe_identity_signature")),
    },
    tcbSigningCertificate: tcbSigning,
    rootCaCrl: fromHex(text("root_ca_crl")),
    pckCrl: fromHex(text("pck_crl")),
    pckCrlIssuer,
  };
}
