import type { ExecutedReceipt, RawLog } from "../execution/encoding.ts";

/**
 * A block's receipts as stored: a flat binary layout written in one pass into one buffer (a
 * block holds hundreds of receipts, and the generic RLP encoder allocates per item). Per receipt:
 *
 * ```
 * type (1) || status (1) || uint64 cumulativeGasUsed || from (20) || len (1) || to || len (1) || contractAddress
 *   || uint256 effectiveGasPrice || uint16 logCount || logs
 * log = address (20) || topicCount (1) || topics (32 each) || uint32 dataLength || data
 * ```
 * preceded by a `uint32` receipt count. A change needs a new storage format version.
 */
export function encodeReceipts(receipts: readonly ExecutedReceipt[]): Uint8Array {
  let size = 4;
  for (const r of receipts) {
    size += 1 + 1 + 8 + 20 + 1 + r.to.length + 1 + r.contractAddress.length + 32 + 2;
    for (const [, topics, data] of r.logs) size += 20 + 1 + 32 * topics.length + 4 + data.length;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let o = 0;
  view.setUint32(o, receipts.length);
  o += 4;
  for (const r of receipts) {
    out[o++] = r.type;
    out[o++] = r.status;
    view.setBigUint64(o, r.cumulativeGasUsed);
    o += 8;
    out.set(r.from, o);
    o += 20;
    o = putShort(out, o, r.to);
    o = putShort(out, o, r.contractAddress);
    putUint256(view, o, r.effectiveGasPrice);
    o += 32;
    view.setUint16(o, r.logs.length);
    o += 2;
    for (const [address, topics, data] of r.logs) {
      out.set(address, o);
      o += 20;
      out[o++] = topics.length;
      for (const topic of topics) {
        out.set(topic, o);
        o += 32;
      }
      view.setUint32(o, data.length);
      out.set(data, o + 4);
      o += 4 + data.length;
    }
  }
  return out;
}

export function decodeReceipts(bytes: Uint8Array): ExecutedReceipt[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  const count = view.getUint32(o);
  o += 4;
  const receipts: ExecutedReceipt[] = [];
  for (let i = 0; i < count; i++) {
    const type = bytes[o++]!;
    const status = bytes[o++] === 1 ? 1 : 0;
    const cumulativeGasUsed = view.getBigUint64(o);
    o += 8;
    const from = bytes.slice(o, o + 20);
    o += 20;
    const to = bytes.slice(o + 1, o + 1 + bytes[o]!);
    o += 1 + to.length;
    const contractAddress = bytes.slice(o + 1, o + 1 + bytes[o]!);
    o += 1 + contractAddress.length;
    const effectiveGasPrice = getUint256(view, o);
    o += 32;
    const logCount = view.getUint16(o);
    o += 2;
    const logs: RawLog[] = [];
    for (let l = 0; l < logCount; l++) {
      const address = bytes.slice(o, o + 20);
      o += 20;
      const topics: Uint8Array[] = [];
      for (let t = bytes[o++]!; t > 0; t--) {
        topics.push(bytes.slice(o, o + 32));
        o += 32;
      }
      const length = view.getUint32(o);
      logs.push([address, topics, bytes.slice(o + 4, o + 4 + length)]);
      o += 4 + length;
    }
    receipts.push({ type, status, cumulativeGasUsed, logs, from, to, contractAddress, effectiveGasPrice });
  }
  return receipts;
}

function putShort(out: Uint8Array, offset: number, bytes: Uint8Array): number {
  out[offset] = bytes.length;
  out.set(bytes, offset + 1);
  return offset + 1 + bytes.length;
}

function putUint256(view: DataView, offset: number, value: bigint): void {
  for (let i = 3; i >= 0; i--) {
    view.setBigUint64(offset + 8 * i, value & 0xffffffffffffffffn);
    value >>= 64n;
  }
}

function getUint256(view: DataView, offset: number): bigint {
  let value = 0n;
  for (let i = 0; i < 4; i++) value = (value << 64n) | view.getBigUint64(offset + 8 * i);
  return value;
}
