import { DcapError } from "./errors.ts";

/** One DER element: tag, where its content lies, and where it ends (offsets into the buffer). */
export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function malformed(offset: number, why: string): DcapError {
  return new DcapError("DCAP_MALFORMED_DER", `Malformed DER at offset ${offset}.`, { details: why });
}

/**
 * Reads the DER element at `offset`, which must end at or before `limit`. Strict DER: single-byte
 * tags, definite minimal lengths of at most 3 length bytes. The contracts apply the same rules.
 */
export function readTlv(der: Uint8Array, offset: number, limit: number = der.length): Tlv {
  if (offset + 2 > limit) throw malformed(offset, "truncated header");
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) throw malformed(offset, "multi-byte tag");
  let length = der[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3) throw malformed(offset, "indefinite or oversized length");
    if (contentStart + count > limit) throw malformed(offset, "truncated length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[contentStart + i]!;
    contentStart += count;
    if (length < 0x80 || (count > 1 && length < 1 << (8 * (count - 1)))) throw malformed(offset, "non-minimal length");
  }
  const end = contentStart + length;
  if (end > limit) throw malformed(offset, "content runs past its container");
  return { tag, start: offset, contentStart, end };
}

/** Reads the element at `offset` and checks its tag. */
export function expectTlv(der: Uint8Array, offset: number, limit: number, tag: number): Tlv {
  const tlv = readTlv(der, offset, limit);
  if (tlv.tag !== tag) {
    throw malformed(offset, `expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  }
  return tlv;
}

/** The children of a constructed element. */
export function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readTlv(der, offset, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function content(der: Uint8Array, tlv: Tlv): Uint8Array {
  return der.subarray(tlv.contentStart, tlv.end);
}

export function raw(der: Uint8Array, tlv: Tlv): Uint8Array {
  return der.subarray(tlv.start, tlv.end);
}

/** The value of a non-negative INTEGER that fits in a JavaScript number. */
export function integerValue(der: Uint8Array, tlv: Tlv): number {
  if (tlv.tag !== TAG.INTEGER && tlv.tag !== TAG.ENUMERATED) throw malformed(tlv.start, "not an INTEGER");
  const bytes = content(der, tlv);
  if (bytes.length === 0 || bytes.length > 6 || (bytes[0]! & 0x80) !== 0) throw malformed(tlv.start, "bad INTEGER");
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

/** Dotted text of an OBJECT IDENTIFIER's content. */
export function oidText(der: Uint8Array, tlv: Tlv): string {
  const bytes = content(der, tlv);
  const arcs: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join(".");
}
