import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type * as NodeSqlite from "node:sqlite";
import { HostDatabase } from "../src/db/HostDatabase.ts";

const { DatabaseSync } = createRequire(import.meta.url)("node:sqlite") as typeof NodeSqlite;

describe("the host database", () => {
  it("opens a database written by an earlier version, whose blobs kept a KZG commitment and proof, and keeps its blobs", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "obscuro-hostdb-")), "host.sqlite");
    const old = new DatabaseSync(path);
    old.exec(
      "CREATE TABLE blobs (versioned_hash TEXT PRIMARY KEY, blob BLOB NOT NULL, commitment TEXT NOT NULL, proof TEXT NOT NULL, l1_block INTEGER NOT NULL)",
    );
    old.prepare("INSERT INTO blobs VALUES (?, ?, ?, ?, ?)").run("0x01aa", new Uint8Array([1, 2, 3]), "0xc0", "0xp0", 7);
    old.close();

    const db = HostDatabase.open(path);
    assert.deepEqual(db.getBlob("0x01aa"), { blob: new Uint8Array([1, 2, 3]) });
    db.putBlob({ versionedHash: "0x01bb", blob: new Uint8Array([4]), l1Block: 8n });
    assert.deepEqual(db.getBlob("0x01bb"), { blob: new Uint8Array([4]) });
    db.close();

    const reopened = HostDatabase.open(path);
    assert.deepEqual(
      reopened.getBlob("0x01bb"),
      { blob: new Uint8Array([4]) },
      "a second open leaves the migrated table alone",
    );
    reopened.close();
  });
});
