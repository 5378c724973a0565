import assert from "node:assert/strict";
import { appendFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { JournalCorruptedError } from "../src/index.ts";
import { Sealer } from "../src/chain/sealing/Sealer.ts";
import { Journal } from "../src/chain/storage/Journal.ts";
import { tempDirectory } from "./helpers/chain.ts";

const sealer = new Sealer(new Uint8Array(32).fill(3));
const records = [Uint8Array.of(1), new Uint8Array(1000).fill(2), Uint8Array.of(3, 3)];
const plain = (rs: Uint8Array[]) => rs.map((r) => new Uint8Array(r));

/** A journal directory holding `records` in one segment; returns the segment's path. */
async function written(): Promise<{ directory: string; segment: string; cleanup: () => Promise<void> }> {
  const dir = await tempDirectory();
  const directory = join(dir.path, "journal");
  const { journal } = await Journal.open(directory, sealer);
  for (const record of records) await journal.append(record);
  await journal.close();
  const [name] = (await readdir(directory)).sort();
  return { directory, segment: join(directory, name!), cleanup: dir.cleanup };
}

describe("journal", () => {
  it("reads back what it appended, in order, across segments; dropped segments are gone", async () => {
    const { directory, cleanup } = await written();
    try {
      const { journal, records: read } = await Journal.open(directory, sealer);
      assert.deepEqual(plain(read), records);
      await journal.append(Uint8Array.of(4));
      const next = await journal.rotate();
      await journal.append(Uint8Array.of(5));
      await journal.close();
      assert.deepEqual(plain((await Journal.open(directory, sealer)).records), [
        ...records,
        Uint8Array.of(4),
        Uint8Array.of(5),
      ]);
      const { journal: again } = await Journal.open(directory, sealer);
      await again.dropBefore(next);
      await again.close();
      assert.deepEqual(plain((await Journal.open(directory, sealer)).records), [Uint8Array.of(5)]);
    } finally {
      await cleanup();
    }
  });

  it("ignores a torn last append (a crash mid-append) and appends after it in a new segment", async () => {
    const { directory, segment, cleanup } = await written();
    try {
      for (const tail of [Uint8Array.of(0, 0), Uint8Array.of(0, 0, 1, 0, 7, 7), new Uint8Array(40)]) {
        await appendFile(segment, tail);
        const { journal, records: read } = await Journal.open(directory, sealer);
        assert.equal(read.length, 3);
        await journal.close();
      }
      // A last record whose bytes the crash left as zeros: authentication fails, it is ignored too.
      const bytes = await readFile(segment);
      bytes.fill(0, bytes.length - 60);
      await writeFile(segment, bytes);
      const { journal, records: read } = await Journal.open(directory, sealer);
      assert.equal(read.length, 2);
      await journal.append(Uint8Array.of(9));
      await journal.close();
      assert.deepEqual(plain((await Journal.open(directory, sealer)).records), [
        records[0],
        records[1],
        Uint8Array.of(9),
      ]);
    } finally {
      await cleanup();
    }
  });

  it("refuses a record altered before the last one", async () => {
    const { directory, segment, cleanup } = await written();
    try {
      const bytes = await readFile(segment);
      bytes[10]! ^= 1;
      await writeFile(segment, bytes);
      await assert.rejects(Journal.open(directory, sealer), JournalCorruptedError);
    } finally {
      await cleanup();
    }
  });
});
