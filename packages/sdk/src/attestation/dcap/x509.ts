import { type Hex } from "viem";
import { equalBytes, toHex, unixTime } from "./bytes.ts";
import { verifyP256 } from "./crypto.ts";
import { children, content, expectTlv, integerValue, oidText, raw, readTlv, TAG, type Tlv } from "./der.ts";
import { DcapError } from "./errors.ts";

const OID_ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
const OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
const OID_PRIME256V1 = "1.2.840.10045.3.1.7";
const OID_COMMON_NAME = "2.5.4.3";
const OID_BASIC_CONSTRAINTS = "2.5.29.19";
export const OID_SGX_EXTENSION = "1.2.840.113741.1.13.1";

/** The Intel SGX extension of a PCK certificate (the platform's TCB as provisioned). */
export interface SgxExtension {
  /** Family-Model-Stepping-Platform-CustomSKU, 6 bytes. */
  fmspc: Hex;
  /** Provisioning Certification Enclave id, 2 bytes. */
  pceId: Hex;
  /** The 16 CPU SVN components (SGX TCB components) the certificate was issued for. */
  tcbComponents: number[];
  pceSvn: number;
  cpuSvn: Hex;
}

export interface Certificate {
  der: Uint8Array;
  /** The signed part (to-be-signed certificate), whole TLV. */
  tbs: Uint8Array;
  /** INTEGER content bytes of the serial number. */
  serial: Uint8Array;
  /** Whole DER of the issuer and subject Names, compared byte for byte to build chains. */
  issuer: Uint8Array;
  subject: Uint8Array;
  issuerCommonName: string | undefined;
  subjectCommonName: string | undefined;
  notBefore: number;
  notAfter: number;
  /** Uncompressed P-256 key, `x ‖ y`. */
  publicKey: Uint8Array;
  /** `r ‖ s`, 64 bytes. */
  signature: Uint8Array;
  isCa: boolean;
  sgx: SgxExtension | undefined;
}

export interface Crl {
  der: Uint8Array;
  tbs: Uint8Array;
  issuer: Uint8Array;
  issuerCommonName: string | undefined;
  thisUpdate: number;
  nextUpdate: number;
  /** INTEGER content bytes of each revoked serial, as hex. */
  revokedSerials: Set<Hex>;
  signature: Uint8Array;
}

function malformed(offset: number, why: string): DcapError {
  return new DcapError("DCAP_MALFORMED_DER", `Malformed certificate or CRL at offset ${offset}.`, { details: why });
}

/** Unix seconds of a UTCTime or GeneralizedTime element. */
export function parseAsn1Time(der: Uint8Array, tlv: Tlv): number {
  const text = Buffer.from(content(der, tlv)).toString("latin1");
  let m: RegExpExecArray | null;
  if (tlv.tag === TAG.UTC_TIME && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))) {
    const yy = Number(m[1]);
    return unixTime(yy < 50 ? 2000 + yy : 1900 + yy, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  }
  if (tlv.tag === TAG.GENERALIZED_TIME && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))) {
    return unixTime(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  }
  throw new DcapError("DCAP_MALFORMED_TIME", "Not a UTCTime or GeneralizedTime in UTC.", { details: text });
}

function expectEcdsaSha256(der: Uint8Array, algorithm: Tlv): void {
  const oid = expectTlv(der, algorithm.contentStart, algorithm.end, TAG.OID);
  if (oid.end !== algorithm.end || oidText(der, oid) !== OID_ECDSA_WITH_SHA256) {
    throw new DcapError("DCAP_UNSUPPORTED_ALGORITHM", "Only ecdsa-with-SHA256 signatures are supported.");
  }
}

/** `r ‖ s` from a BIT STRING holding an ECDSA-Sig-Value. */
function parseSignatureValue(der: Uint8Array, bitString: Tlv): Uint8Array {
  if (bitString.tag !== TAG.BIT_STRING || der[bitString.contentStart] !== 0)
    throw malformed(bitString.start, "signature");
  const seq = expectTlv(der, bitString.contentStart + 1, bitString.end, TAG.SEQUENCE);
  if (seq.end !== bitString.end) throw malformed(seq.start, "signature length");
  const r = expectTlv(der, seq.contentStart, seq.end, TAG.INTEGER);
  const s = expectTlv(der, r.end, seq.end, TAG.INTEGER);
  if (s.end !== seq.end) throw malformed(s.start, "signature length");
  const out = new Uint8Array(64);
  out.set(scalar32(der, r), 0);
  out.set(scalar32(der, s), 32);
  return out;
}

/** A DER INTEGER (up to 33 bytes with a leading zero) as 32 big-endian bytes. */
function scalar32(der: Uint8Array, tlv: Tlv): Uint8Array {
  let bytes = content(der, tlv);
  if (bytes.length === 33 && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length === 0 || bytes.length > 32) throw malformed(tlv.start, "ECDSA scalar");
  const out = new Uint8Array(32);
  out.set(bytes, 32 - bytes.length);
  return out;
}

/** The common name of a Name (first CN attribute), if any. */
function commonName(der: Uint8Array, name: Tlv): string | undefined {
  for (const rdn of children(der, name)) {
    for (const attribute of children(der, rdn)) {
      const [type, value] = children(der, attribute);
      if (type && value && type.tag === TAG.OID && oidText(der, type) === OID_COMMON_NAME) {
        return Buffer.from(content(der, value)).toString("utf8");
      }
    }
  }
  return undefined;
}

/** Parses an X.509 v3 certificate with a P-256 key, signed with ecdsa-with-SHA256. */
export function parseCertificate(der: Uint8Array): Certificate {
  const cert = expectTlv(der, 0, der.length, TAG.SEQUENCE);
  if (cert.end !== der.length) throw malformed(cert.end, "bytes after the certificate");
  const tbs = expectTlv(der, cert.contentStart, cert.end, TAG.SEQUENCE);
  const outerAlgorithm = expectTlv(der, tbs.end, cert.end, TAG.SEQUENCE);
  const signatureValue = expectTlv(der, outerAlgorithm.end, cert.end, TAG.BIT_STRING);
  if (signatureValue.end !== cert.end) throw malformed(signatureValue.end, "certificate length");
  expectEcdsaSha256(der, outerAlgorithm);

  const version = expectTlv(der, tbs.contentStart, tbs.end, 0xa0);
  const versionValue = expectTlv(der, version.contentStart, version.end, TAG.INTEGER);
  if (integerValue(der, versionValue) !== 2) throw malformed(version.start, "not an X.509 v3 certificate");
  const serial = expectTlv(der, version.end, tbs.end, TAG.INTEGER);
  const innerAlgorithm = expectTlv(der, serial.end, tbs.end, TAG.SEQUENCE);
  expectEcdsaSha256(der, innerAlgorithm);
  const issuer = expectTlv(der, innerAlgorithm.end, tbs.end, TAG.SEQUENCE);
  const validity = expectTlv(der, issuer.end, tbs.end, TAG.SEQUENCE);
  const notBefore = readTlv(der, validity.contentStart, validity.end);
  const notAfter = readTlv(der, notBefore.end, validity.end);
  if (notAfter.end !== validity.end) throw malformed(validity.start, "validity");
  const subject = expectTlv(der, validity.end, tbs.end, TAG.SEQUENCE);
  const spki = expectTlv(der, subject.end, tbs.end, TAG.SEQUENCE);
  const publicKey = parsePublicKey(der, spki);

  let isCa = false;
  let sgx: SgxExtension | undefined;
  for (let offset = spki.end; offset < tbs.end;) {
    const field = readTlv(der, offset, tbs.end);
    offset = field.end;
    if (field.tag !== 0xa3) continue; // issuerUniqueID [1] / subjectUniqueID [2]
    const extensions = expectTlv(der, field.contentStart, field.end, TAG.SEQUENCE);
    for (const extension of children(der, extensions)) {
      const parts = children(der, extension);
      const id = parts[0];
      const value = parts[parts.length - 1];
      if (!id || !value || id.tag !== TAG.OID || value.tag !== TAG.OCTET_STRING)
        throw malformed(extension.start, "ext");
      const oid = oidText(der, id);
      if (oid === OID_BASIC_CONSTRAINTS) {
        const seq = expectTlv(der, value.contentStart, value.end, TAG.SEQUENCE);
        const first = seq.contentStart < seq.end ? readTlv(der, seq.contentStart, seq.end) : undefined;
        isCa = first?.tag === TAG.BOOLEAN && der[first.contentStart] !== 0;
      } else if (oid === OID_SGX_EXTENSION) {
        sgx = parseSgxExtension(der, value);
      }
    }
  }

  return {
    der,
    tbs: raw(der, tbs),
    serial: content(der, serial),
    issuer: raw(der, issuer),
    subject: raw(der, subject),
    issuerCommonName: commonName(der, issuer),
    subjectCommonName: commonName(der, subject),
    notBefore: parseAsn1Time(der, notBefore),
    notAfter: parseAsn1Time(der, notAfter),
    publicKey,
    signature: parseSignatureValue(der, signatureValue),
    isCa,
    sgx,
  };
}

function parsePublicKey(der: Uint8Array, spki: Tlv): Uint8Array {
  const algorithm = expectTlv(der, spki.contentStart, spki.end, TAG.SEQUENCE);
  const keyType = expectTlv(der, algorithm.contentStart, algorithm.end, TAG.OID);
  const curve = expectTlv(der, keyType.end, algorithm.end, TAG.OID);
  if (oidText(der, keyType) !== OID_EC_PUBLIC_KEY || oidText(der, curve) !== OID_PRIME256V1) {
    throw new DcapError("DCAP_UNSUPPORTED_ALGORITHM", "Only P-256 public keys are supported.");
  }
  const key = expectTlv(der, algorithm.end, spki.end, TAG.BIT_STRING);
  const bytes = content(der, key);
  if (key.end !== spki.end || bytes.length !== 66 || bytes[0] !== 0 || bytes[1] !== 4) {
    throw new DcapError("DCAP_UNSUPPORTED_ALGORITHM", "Expected an uncompressed P-256 point.");
  }
  return bytes.slice(2);
}

function parseSgxExtension(der: Uint8Array, value: Tlv): SgxExtension {
  const seq = expectTlv(der, value.contentStart, value.end, TAG.SEQUENCE);
  let fmspc: Uint8Array | undefined;
  let pceId: Uint8Array | undefined;
  let tcb: Tlv | undefined;
  for (const item of children(der, seq)) {
    const [id, field] = children(der, item);
    if (!id || !field || id.tag !== TAG.OID) throw malformed(item.start, "SGX extension item");
    const oid = oidText(der, id);
    if (oid === `${OID_SGX_EXTENSION}.2`) tcb = field;
    else if (oid === `${OID_SGX_EXTENSION}.3`) pceId = content(der, field);
    else if (oid === `${OID_SGX_EXTENSION}.4`) fmspc = content(der, field);
  }
  if (!tcb || !fmspc || fmspc.length !== 6 || !pceId || pceId.length !== 2) {
    throw new DcapError("DCAP_MISSING_SGX_EXTENSION", "The PCK certificate lacks FMSPC, PCE-ID or TCB.");
  }
  const tcbComponents = new Array<number>(16).fill(-1);
  let pceSvn = -1;
  let cpuSvn: Uint8Array | undefined;
  for (const item of children(der, tcb)) {
    const [id, field] = children(der, item);
    if (!id || !field || id.tag !== TAG.OID) throw malformed(item.start, "SGX TCB item");
    const oid = oidText(der, id);
    if (!oid.startsWith(`${OID_SGX_EXTENSION}.2.`)) {
      throw new DcapError("DCAP_MISSING_SGX_EXTENSION", "Unexpected item in the PCK certificate's TCB.");
    }
    const arc = Number(oid.slice(`${OID_SGX_EXTENSION}.2.`.length));
    if (arc >= 1 && arc <= 16) {
      const svn = integerValue(der, field);
      if (svn > 255) throw malformed(field.start, "TCB component SVN");
      tcbComponents[arc - 1] = svn;
    } else if (arc === 17) {
      pceSvn = integerValue(der, field);
      if (pceSvn > 0xffff) throw malformed(field.start, "PCESVN");
    } else if (arc === 18) cpuSvn = content(der, field);
    else throw new DcapError("DCAP_MISSING_SGX_EXTENSION", "Unexpected item in the PCK certificate's TCB.");
  }
  if (tcbComponents.includes(-1) || pceSvn < 0 || !cpuSvn || cpuSvn.length !== 16) {
    throw new DcapError("DCAP_MISSING_SGX_EXTENSION", "The PCK certificate's TCB is incomplete.");
  }
  return { fmspc: toHex(fmspc), pceId: toHex(pceId), tcbComponents, pceSvn, cpuSvn: toHex(cpuSvn) };
}

/** Parses an X.509 v2 CRL signed with ecdsa-with-SHA256. A CRL without nextUpdate is refused. */
export function parseCrl(der: Uint8Array): Crl {
  const list = expectTlv(der, 0, der.length, TAG.SEQUENCE);
  if (list.end !== der.length) throw malformed(list.end, "bytes after the CRL");
  const tbs = expectTlv(der, list.contentStart, list.end, TAG.SEQUENCE);
  const outerAlgorithm = expectTlv(der, tbs.end, list.end, TAG.SEQUENCE);
  const signatureValue = expectTlv(der, outerAlgorithm.end, list.end, TAG.BIT_STRING);
  if (signatureValue.end !== list.end) throw malformed(signatureValue.end, "CRL length");
  expectEcdsaSha256(der, outerAlgorithm);

  let offset = tbs.contentStart;
  let field = readTlv(der, offset, tbs.end);
  if (field.tag === TAG.INTEGER) {
    if (integerValue(der, field) !== 1) throw malformed(field.start, "not a v2 CRL");
    field = readTlv(der, field.end, tbs.end);
  }
  if (field.tag !== TAG.SEQUENCE) throw malformed(field.start, "CRL signature algorithm");
  expectEcdsaSha256(der, field);
  const issuer = expectTlv(der, field.end, tbs.end, TAG.SEQUENCE);
  const thisUpdate = readTlv(der, issuer.end, tbs.end);
  if (thisUpdate.end >= tbs.end) throw malformed(thisUpdate.start, "CRL without nextUpdate");
  const nextUpdate = readTlv(der, thisUpdate.end, tbs.end);
  if (nextUpdate.tag !== TAG.UTC_TIME && nextUpdate.tag !== TAG.GENERALIZED_TIME) {
    throw malformed(nextUpdate.start, "CRL without nextUpdate");
  }
  const revokedSerials = new Set<Hex>();
  offset = nextUpdate.end;
  if (offset < tbs.end) {
    const next = readTlv(der, offset, tbs.end);
    if (next.tag === TAG.SEQUENCE) {
      for (const entry of children(der, next)) {
        const serial = expectTlv(der, entry.contentStart, entry.end, TAG.INTEGER);
        revokedSerials.add(toHex(content(der, serial)));
      }
      offset = next.end;
    }
  }
  if (offset < tbs.end) {
    const extensions = readTlv(der, offset, tbs.end);
    if (extensions.tag !== 0xa0 || extensions.end !== tbs.end) throw malformed(offset, "CRL extensions");
  }
  return {
    der,
    tbs: raw(der, tbs),
    issuer: raw(der, issuer),
    issuerCommonName: commonName(der, issuer),
    thisUpdate: parseAsn1Time(der, thisUpdate),
    nextUpdate: parseAsn1Time(der, nextUpdate),
    revokedSerials,
    signature: parseSignatureValue(der, signatureValue),
  };
}

/** The DER of every certificate in a PEM text, in order. A trailing NUL (as quotes carry) is ignored. */
export function pemCertificates(pem: string): Uint8Array[] {
  const text = pem.replace(/\0+$/, "");
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0) throw new DcapError("DCAP_MALFORMED_PEM", "No certificate in the PEM text.");
  return blocks.map((block) => {
    const body = block[1]!.replace(/\r?\n/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) {
      throw new DcapError("DCAP_MALFORMED_PEM", "A PEM block is not valid base64.");
    }
    return new Uint8Array(Buffer.from(body, "base64"));
  });
}

/** Checks that `child` names `issuer` as its issuer and carries its signature. */
export function checkIssuedBy(
  child: { tbs: Uint8Array; issuer: Uint8Array; signature: Uint8Array },
  issuer: Certificate,
  what: "certificate" | "crl",
): void {
  if (!equalBytes(child.issuer, issuer.subject)) {
    throw new DcapError(
      "DCAP_ISSUER_MISMATCH",
      `The ${what} was not issued by ${issuer.subjectCommonName ?? "its expected issuer"}.`,
    );
  }
  if (!verifyP256(child.tbs, child.signature, issuer.publicKey)) {
    throw new DcapError(
      what === "crl" ? "DCAP_INVALID_CRL_SIGNATURE" : "DCAP_INVALID_CERTIFICATE_SIGNATURE",
      `The ${what}'s signature does not verify under ${issuer.subjectCommonName ?? "its issuer"}'s key.`,
    );
  }
}

/** Checks a certificate's validity window at `now` (unix seconds). */
export function checkValidity(cert: Certificate, now: number): void {
  const name = cert.subjectCommonName ?? "certificate";
  if (now < cert.notBefore) throw new DcapError("DCAP_CERTIFICATE_NOT_YET_VALID", `${name} is not valid yet.`);
  if (now > cert.notAfter) throw new DcapError("DCAP_CERTIFICATE_EXPIRED", `${name} has expired.`);
}

/** Checks a CRL's window at `now`. */
export function checkCrlWindow(crl: Crl, now: number): void {
  const name = `CRL of ${crl.issuerCommonName ?? "?"}`;
  if (now < crl.thisUpdate) throw new DcapError("DCAP_CRL_NOT_YET_VALID", `${name} is not valid yet.`);
  if (now >= crl.nextUpdate) throw new DcapError("DCAP_CRL_EXPIRED", `${name} has expired.`);
}
