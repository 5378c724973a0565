import { mkdir, open, readdir, readFile, unlink, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { JournalCorruptedError } from "../errors.ts";
import { SEAL_OVERHEAD, type Sealer } from "../sealing/Sealer.ts";

const JOURNAL_AAD = new TextEncoder().encode("obscuro/journal/v1");
const LENGTH_BYTES = 4;
const SEGMENT = /^segment-(\d{12})\.log$/;

/**
 * The write-ahead journal of acknowledged blocks: append-only segment files of sealed records,
 * each `uint32be(length) || sealed(record)`, made durable (fdatasync) before `append` resolves.
 * The chain appends a block's inputs before acknowledging it. A flush starts a new segment
 * (`rotate`) and, once its batch is durable, deletes the older ones (`dropBefore`): they hold only
 * blocks the database now has (docs/l2-chain.md, "Crash recovery").
 *
 * At open, each segment is read up to the first record that does not parse (a short or
 * impossible length, a body past the end, or a failed authentication). Each append is durable
 * before the next begins, so only a segment's last append can be torn by a crash: if no whole,
 * authentic record follows the failure, the rest is that torn append, never acknowledged, and is
 * cut off. An authentic record after a bad one means the bad one was altered:
 * `JournalCorruptedError`. Appends always go to a new segment after an open.
 */
export class Journal {
  readonly #directory: string;
  readonly #sealer: Sealer;
  #segment: number;
  #file: FileHandle;
  #size = 0;

  private constructor(directory: string, sealer: Sealer, segment: number, file: FileHandle) {
    this.#directory = directory;
    this.#sealer = sealer;
    this.#segment = segment;
    this.#file = file;
  }

  /** Opens (or creates) the journal in `directory`; returns the records it holds, in order. */
  static async open(directory: string, sealer: Sealer): Promise<{ journal: Journal; records: Uint8Array[] }> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const segments = await listSegments(directory);
    const records: Uint8Array[] = [];
    for (const segment of segments) records.push(...(await readSegment(segmentPath(directory, segment), sealer)));
    const next = (segments.at(-1) ?? 0) + 1;
    const journal = new Journal(directory, sealer, next, await createSegment(directory, next));
    return { journal, records };
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

  /** Starts a new segment for the records to come; returns its number (for `dropBefore`). */
  async rotate(): Promise<number> {
    if (this.#size === 0) return this.#segment;
    await this.#file.close();
    this.#segment += 1;
    this.#file = await createSegment(this.#directory, this.#segment);
    this.#size = 0;
    return this.#segment;
  }

  /** Deletes the segments before `segment` (their blocks are in the database). */
  async dropBefore(segment: number): Promise<void> {
    for (const old of await listSegments(this.#directory)) {
      if (old < segment) await unlink(segmentPath(this.#directory, old));
    }
  }

  async close(): Promise<void> {
    await this.#file.close();
  }
}

async function listSegments(directory: string): Promise<number[]> {
  const names = await readdir(directory);
  return names
    .map((name) => SEGMENT.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function segmentPath(directory: string, segment: number): string {
  return join(directory, `segment-${String(segment).padStart(12, "0")}.log`);
}

async function createSegment(directory: string, segment: number): Promise<FileHandle> {
  const file = await open(segmentPath(directory, segment), "w", 0o600);
  // The new name must survive a crash as well as the records appended to it.
  const dir = await open(directory, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return file;
}

async function readSegment(path: string, sealer: Sealer): Promise<Uint8Array[]> {
  const contents = await readFile(path);
  const records: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const record = recordAt(contents, offset, sealer);
    if (record === undefined) break;
    records.push(record.value);
    offset = record.end;
  }
  for (let later = offset + 1; later + LENGTH_BYTES <= contents.length; later++) {
    if (recordAt(contents, later, sealer) !== undefined) {
      throw new JournalCorruptedError("A journal record is damaged and acknowledged records follow it.", {
        details: `${path}: bad record at byte ${offset}, an authentic one at byte ${later}, of ${contents.length}`,
      });
    }
  }
  return records;
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
