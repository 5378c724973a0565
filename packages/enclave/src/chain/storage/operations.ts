import type { Sealer } from "../sealing/Sealer.ts";
import { Table } from "./tables.ts";

/** A write to the sealed store, before sealing: a table, the logical key, the plaintext (or a deletion). */
export interface PlainOperation {
  table: Table;
  key: Uint8Array;
  /** Undefined: delete. */
  value: Uint8Array | undefined;
}

/** A write as LevelDB takes it: storage key and sealed value. */
export type SealedOperation = { type: "put"; key: Uint8Array; value: Uint8Array } | { type: "del"; key: Uint8Array };

/** Where a key is stored: blinded, except the metadata's fixed names. */
export function storageKeyOf(sealer: Sealer, table: Table, key: Uint8Array): Uint8Array {
  if (table !== Table.Meta) return sealer.blind(table, key);
  const storageKey = new Uint8Array(key.length + 1);
  storageKey[0] = table;
  storageKey.set(key, 1);
  return storageKey;
}

/** Blinds and seals operations, all under one fresh sealing epoch. */
export function sealOperations(sealer: Sealer, operations: readonly PlainOperation[]): SealedOperation[] {
  const batch = sealer.batch();
  return operations.map(({ table, key, value }) => {
    const storageKey = storageKeyOf(sealer, table, key);
    return value === undefined
      ? { type: "del", key: storageKey }
      : { type: "put", key: storageKey, value: batch.seal(storageKey, value) };
  });
}

/**
 * Packs operations into one buffer (to hand them to the sealing thread without copying each):
 * per operation `kind (1) || table (1) || uint16(key length) || key || uint32(value length) || value`,
 * kind 0 a put, 1 a deletion.
 */
export function packPlain(operations: readonly PlainOperation[]): ArrayBuffer {
  let size = 0;
  for (const op of operations) size += 8 + op.key.length + (op.value?.length ?? 0);
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let offset = 0;
  for (const op of operations) {
    bytes[offset] = op.value === undefined ? 1 : 0;
    bytes[offset + 1] = op.table;
    view.setUint16(offset + 2, op.key.length);
    bytes.set(op.key, offset + 4);
    offset += 4 + op.key.length;
    view.setUint32(offset, op.value?.length ?? 0);
    if (op.value !== undefined) bytes.set(op.value, offset + 4);
    offset += 4 + (op.value?.length ?? 0);
  }
  return buffer;
}

export function unpackPlain(buffer: ArrayBuffer): PlainOperation[] {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const operations: PlainOperation[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const deletion = bytes[offset] === 1;
    const table = bytes[offset + 1] as Table;
    const keyLength = view.getUint16(offset + 2);
    const key = bytes.subarray(offset + 4, offset + 4 + keyLength);
    offset += 4 + keyLength;
    const valueLength = view.getUint32(offset);
    const value = deletion ? undefined : bytes.subarray(offset + 4, offset + 4 + valueLength);
    offset += 4 + valueLength;
    operations.push({ table, key, value });
  }
  return operations;
}

/** Packs sealed operations: per operation `kind (1) || uint16(key length) || key || uint32(value length) || value`. */
export function packSealed(operations: readonly SealedOperation[]): ArrayBuffer {
  let size = 0;
  for (const op of operations) size += 7 + op.key.length + (op.type === "put" ? op.value.length : 0);
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let offset = 0;
  for (const op of operations) {
    bytes[offset] = op.type === "del" ? 1 : 0;
    view.setUint16(offset + 1, op.key.length);
    bytes.set(op.key, offset + 3);
    offset += 3 + op.key.length;
    const value = op.type === "put" ? op.value : undefined;
    view.setUint32(offset, value?.length ?? 0);
    if (value !== undefined) bytes.set(value, offset + 4);
    offset += 4 + (value?.length ?? 0);
  }
  return buffer;
}

export function unpackSealed(buffer: ArrayBuffer): SealedOperation[] {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const operations: SealedOperation[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const deletion = bytes[offset] === 1;
    const keyLength = view.getUint16(offset + 1);
    const key = bytes.subarray(offset + 3, offset + 3 + keyLength);
    offset += 3 + keyLength;
    const valueLength = view.getUint32(offset);
    const value = bytes.subarray(offset + 4, offset + 4 + valueLength);
    offset += 4 + valueLength;
    operations.push(deletion ? { type: "del", key } : { type: "put", key, value });
  }
  return operations;
}
