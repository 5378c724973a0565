import { open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { JournalCorruptedError } from "../errors.ts";
import { SEAL_OVERHEAD, type Sealer } from "../sealing/Sealer.ts";

const JOURNAL_AAD = new TextEncoder().encode("obscuro/journal/v1");
const LENGTH_BYTES = 4;

/**
 * The write-ahead journal of acknowledged blocks: an append-only file of sealed records, each
 * `uint32be(length) || sealed(record)`, made durable (fdatasync) before `append` resolves.
 * The chain appends a block's inputs before acknowledging it and empties the journal once a
 * flush has put those blocks in the database (docs/l2-chain.md, "Crash recovery").
 *
 * At open, the records are read up to the first one that does not parse (a short or
 * impossible length, a body past the end, or a failed authentication). Each append is durable
 * before the next begins, so only the last append can be torn by a crash: if no whole, authentic
 * record follows the failure, the rest is that torn append, never acknowledged, and is cut off.
 * An authentic record after a bad one means the bad one was altered: `JournalCorruptedError`.
 */
export class Journal {
  readonly #file: FileHandle;
  readonly #sealer: Sealer;
  #size: number;

  private constructor(file: FileHandle, sealer: Sealer, size: number) {
    this.#file = file;
    this.#sealer = sealer;
    this.#size = size;
  }

  /** Opens (or creates) the journal at `path` and returns the records it holds, in order. */
  static async open(path: string, sealer: Sealer): Promise<{ journal: Journal; records: Uint8Array[] }> {
    const { file, created } = await openOrCreate(path);
    if (created) await syncDirectory(dirname(path));
    const contents = await file.readFile();
    const { records, validBytes } = parse(contents, sealer);
    if (validBytes < contents.length) {
      await file.truncate(validBytes);
      await file.datasync();
    }
    return { journal: new Journal(file, sealer, validBytes), records };
  }

  /** Appends a record durably. */
  async append(record: Uint8Array): Promise<void> {
    const sealed = this.#sealer.batch().seal(JOURNAL_AAD, record);
    const frame = Buffer.allocUnsafe(LENGTH_BYTES + sealed.length);
    frame.writeUInt32BE(sealed.length, 0);
    frame.set(sealed, LENGTH_BYTES);
    await this.#file.write(frame, 0, frame.length, this.#size);
    await this.#file.datasync();
    this.#size += frame.length;
  }

  /** Empties the journal durably (its blocks are in the database). */
  async reset(): Promise<void> {
    if (this.#size === 0) return;
    await this.#file.truncate(0);
    await this.#file.datasync();
    this.#size = 0;
  }

  /** Bytes in the journal. */
  get size(): number {
    return this.#size;
  }

  async close(): Promise<void> {
    await this.#file.close();
  }
}

function parse(contents: Buffer, sealer: Sealer): { records: Uint8Array[]; validBytes: number } {
  const records: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const record = recordAt(contents, offset, sealer);
    if (record === undefined) break;
    records.push(record.value);
    offset = record.end;
  }
  if (offset < contents.length) {
    for (let later = offset + 1; later + LENGTH_BYTES <= contents.length; later++) {
      if (recordAt(contents, later, sealer) !== undefined) {
        throw new JournalCorruptedError("A journal record is damaged and acknowledged records follow it.", {
          details: `bad record at byte ${offset}, an authentic one at byte ${later}, of ${contents.length}`,
        });
      }
    }
  }
  return { records, validBytes: offset };
}

/** The authentic record framed at `offset`, or undefined. */
function recordAt(contents: Buffer, offset: number, sealer: Sealer): { value: Uint8Array; end: number } | undefined {
  if (offset + LENGTH_BYTES > contents.length) return undefined;
  const length = contents.readUInt32BE(offset);
  const end = offset + LENGTH_BYTES + length;
  if (length < SEAL_OVERHEAD || end > contents.length) return undefined;
  try {
    return { value: sealer.open(JOURNAL_AAD, contents.subarray(offset + LENGTH_BYTES, end)), end };
  } catch {
    return undefined;
  }
}

async function openOrCreate(path: string): Promise<{ file: FileHandle; created: boolean }> {
  try {
    return { file: await open(path, "r+"), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return { file: await open(path, "w+", 0o600), created: true };
  }
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, "r");
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
