import assert from "node:assert/strict";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { JournalCorruptedError } from "../src/index.ts";
import { Sealer } from "../src/chain/sealing/Sealer.ts";
import { Journal } from "../src/chain/storage/Journal.ts";
import { tempDirectory } from "./helpers/chain.ts";

const sealer = new Sealer(new Uint8Array(32).fill(3));
const records = [Uint8Array.of(1), new Uint8Array(1000).fill(2), Uint8Array.of(3, 3)];

async function written(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await tempDirectory();
  const path = join(dir.path, "journal");
  const { journal } = await Journal.open(path, sealer);
  for (const record of records) await journal.append(record);
  await journal.close();
  return { path, cleanup: dir.cleanup };
}

describe("journal", () => {
  it("reads back what it appended, in order, and empties on reset", async () => {
    const { path, cleanup } = await written();
    try {
      const { journal, records: read } = await Journal.open(path, sealer);
      assert.deepEqual(
        read.map((r) => new Uint8Array(r)),
        records,
      );
      await journal.reset();
      await journal.close();
      assert.deepEqual((await Journal.open(path, sealer)).records, []);
    } finally {
      await cleanup();
    }
  });

  it("cuts a torn tail (a crash mid-append) and appends after the last whole record", async () => {
    const { path, cleanup } = await written();
    try {
      const whole = (await readFile(path)).length;
      for (const tail of [Uint8Array.of(0, 0), Uint8Array.of(0, 0, 1, 0, 7, 7), new Uint8Array(40)]) {
        await appendFile(path, tail);
        const { journal, records: read } = await Journal.open(path, sealer);
        assert.equal(read.length, 3);
        assert.equal((await readFile(path)).length, whole);
        await journal.close();
      }
      // A last record whose bytes the crash left as zeros: authentication fails, it is cut too.
      const bytes = await readFile(path);
      bytes.fill(0, bytes.length - 10);
      await writeFile(path, bytes);
      const { journal, records: read } = await Journal.open(path, sealer);
      assert.equal(read.length, 2);
      await journal.append(Uint8Array.of(9));
      await journal.close();
      assert.deepEqual(
        (await Journal.open(path, sealer)).records.map((r) => new Uint8Array(r)),
        [records[0], records[1], Uint8Array.of(9)],
      );
    } finally {
      await cleanup();
    }
  });

  it("refuses a record altered before the last one", async () => {
    const { path, cleanup } = await written();
    try {
      const bytes = await readFile(path);
      bytes[10]! ^= 1;
      await writeFile(path, bytes);
      await assert.rejects(Journal.open(path, sealer), JournalCorruptedError);
    } finally {
      await cleanup();
    }
  });
});
