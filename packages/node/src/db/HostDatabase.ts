import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type * as NodeSqlite from "node:sqlite";
import type { DatabaseSync as DatabaseSyncType, StatementSync } from "node:sqlite";
import { createRequire } from "node:module";
import type { Hex } from "viem";

// `node:sqlite` prints an ExperimentalWarning when first loaded; it is stable enough for the
// host's bookkeeping and needs no native build. Loaded once, with that one warning silenced.
const { DatabaseSync } = loadSqlite();

function loadSqlite(): typeof NodeSqlite {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (text.includes("SQLite is an experimental feature")) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return createRequire(import.meta.url)("node:sqlite") as typeof NodeSqlite;
  } finally {
    process.emitWarning = emit;
  }
}

/** Where an L1 transaction of the node stands. */
export type L1TransactionStatus =
  /** Recorded and signed; maybe broadcast, maybe not (a crash can come between). */
  | "pending"
  /** Included in a block, successfully. */
  | "mined"
  /** Included in a block, reverted. */
  | "reverted"
  /** Replaced by a cancellation (a self-transfer at the same nonce) because it could no longer succeed. */
  | "cancelled";

/** One intent to change L1 state: at most one per key, whatever happens (restarts included). */
export interface L1TransactionRecord {
  key: string;
  kind: string;
  nonce: number;
  status: L1TransactionStatus;
  /** The attempt that was mined, once one was. */
  minedHash: Hex | null;
  minedBlock: bigint | null;
  createdAt: number;
  /** What the intent is about (a rollup's parent and number, a requester…), for the code that made it. */
  meta: Record<string, string>;
}

/** One signed version of an intent (the first, or a fee bump or cancellation of it). */
export interface L1AttemptRecord {
  hash: Hex;
  key: string;
  nonce: number;
  /** The raw signed transaction (network form, blobs included): rebroadcast as it is after a crash. */
  raw: Hex;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  maxFeePerBlobGas: bigint | null;
  /** The L1 block number when it was broadcast (0 before). */
  sentAtBlock: bigint;
  cancel: boolean;
}

const SCHEMA = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = FULL;
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS l1_transactions (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    nonce INTEGER NOT NULL,
    status TEXT NOT NULL,
    mined_hash TEXT,
    mined_block TEXT,
    created_at INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX IF NOT EXISTS l1_transactions_status ON l1_transactions (status);
  CREATE TABLE IF NOT EXISTS l1_attempts (
    hash TEXT PRIMARY KEY,
    key TEXT NOT NULL REFERENCES l1_transactions (key),
    nonce INTEGER NOT NULL,
    raw TEXT NOT NULL,
    max_fee TEXT NOT NULL,
    tip TEXT NOT NULL,
    blob_fee TEXT,
    sent_at_block TEXT NOT NULL,
    cancel INTEGER NOT NULL,
    seq INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS l1_attempts_key ON l1_attempts (key, seq);
  CREATE TABLE IF NOT EXISTS l1_blocks (
    number INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    parent_hash TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS blobs (
    versioned_hash TEXT PRIMARY KEY,
    blob BLOB NOT NULL,
    l1_block INTEGER NOT NULL
  );
`;

/**
 * The host's own database (SQLite, WAL, synchronous writes): the L1 transactions it sends,
 * recorded before they are sent; the L1 blocks it processed; the rollup blobs it keeps for
 * joining peers. Nothing in it is secret: the enclave keeps its own sealed state.
 */
export class HostDatabase {
  readonly #db: DatabaseSyncType;
  readonly #statements = new Map<string, StatementSync>();

  private constructor(db: DatabaseSyncType) {
    this.#db = db;
  }

  /** Opens (creating if needed) the database at `path` (`:memory:` for tests). */
  static open(path: string): HostDatabase {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const db = new DatabaseSync(path);
    db.exec(SCHEMA);
    migrate(db);
    return new HostDatabase(db);
  }

  /** Runs `body` in one transaction: all of it is written, or none. */
  transaction<T>(body: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const result = body();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  // ─────────────────────────────────────────────────────────────── meta

  getMeta(key: string): string | undefined {
    const row = this.#get("SELECT value FROM meta WHERE key = ?", key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.#run(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      value,
    );
  }

  // ─────────────────────────────────────────────────────────────── L1 transactions

  getTransaction(key: string): L1TransactionRecord | undefined {
    const row = this.#get("SELECT * FROM l1_transactions WHERE key = ?", key);
    return row ? toTransaction(row) : undefined;
  }

  /** Intents not settled yet (pending), oldest nonce first. */
  pendingTransactions(): L1TransactionRecord[] {
    return this.#all("SELECT * FROM l1_transactions WHERE status = 'pending' ORDER BY nonce").map(toTransaction);
  }

  /** The next nonce the database would assign: one past the highest it ever assigned. */
  nextNonce(): number {
    const row = this.#get("SELECT MAX(nonce) AS n FROM l1_transactions") as { n: number | null };
    return row.n === null ? 0 : row.n + 1;
  }

  insertTransaction(record: Pick<L1TransactionRecord, "key" | "kind" | "nonce" | "meta">): void {
    this.#run(
      "INSERT INTO l1_transactions (key, kind, nonce, status, created_at, meta) VALUES (?, ?, ?, 'pending', ?, ?)",
      record.key,
      record.kind,
      record.nonce,
      Date.now(),
      JSON.stringify(record.meta),
    );
  }

  /** Intents of `kind`, newest first. */
  transactionsOfKind(kind: string, limit = 100): L1TransactionRecord[] {
    return this.#all("SELECT * FROM l1_transactions WHERE kind = ? ORDER BY nonce DESC LIMIT ?", kind, limit).map(
      toTransaction,
    );
  }

  /** Puts intents mined above `block` back to pending (their block was reorged away); returns their keys. */
  unsettleAbove(block: bigint): string[] {
    const rows = this.#all(
      "SELECT key FROM l1_transactions WHERE status != 'pending' AND mined_block IS NOT NULL AND CAST(mined_block AS INTEGER) > ?",
      Number(block),
    ) as { key: string }[];
    for (const { key } of rows) {
      this.#run(
        "UPDATE l1_transactions SET status = 'pending', mined_hash = NULL, mined_block = NULL WHERE key = ?",
        key,
      );
    }
    return rows.map((r) => r.key);
  }

  settleTransaction(
    key: string,
    status: Exclude<L1TransactionStatus, "pending">,
    minedHash: Hex,
    minedBlock: bigint,
  ): void {
    this.#run(
      "UPDATE l1_transactions SET status = ?, mined_hash = ?, mined_block = ? WHERE key = ?",
      status,
      minedHash,
      minedBlock.toString(),
      key,
    );
  }

  insertAttempt(attempt: L1AttemptRecord): void {
    const seq = (this.#get("SELECT COUNT(*) AS n FROM l1_attempts WHERE key = ?", attempt.key) as { n: number }).n;
    this.#run(
      "INSERT INTO l1_attempts (hash, key, nonce, raw, max_fee, tip, blob_fee, sent_at_block, cancel, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      attempt.hash,
      attempt.key,
      attempt.nonce,
      attempt.raw,
      attempt.maxFeePerGas.toString(),
      attempt.maxPriorityFeePerGas.toString(),
      attempt.maxFeePerBlobGas?.toString() ?? null,
      attempt.sentAtBlock.toString(),
      attempt.cancel ? 1 : 0,
      seq,
    );
  }

  markAttemptSent(hash: Hex, block: bigint): void {
    this.#run("UPDATE l1_attempts SET sent_at_block = ? WHERE hash = ?", block.toString(), hash);
  }

  /** Every attempt of an intent, first first. */
  attempts(key: string): L1AttemptRecord[] {
    return this.#all("SELECT * FROM l1_attempts WHERE key = ? ORDER BY seq", key).map(toAttempt);
  }

  // ─────────────────────────────────────────────────────────────── L1 blocks

  /** Records a processed L1 block, replacing whatever was recorded at its height (a reorg). */
  putL1Block(block: { number: bigint; hash: Hex; parentHash: Hex }): void {
    this.#run(
      "INSERT INTO l1_blocks (number, hash, parent_hash) VALUES (?, ?, ?) ON CONFLICT (number) DO UPDATE SET hash = excluded.hash, parent_hash = excluded.parent_hash",
      Number(block.number),
      block.hash,
      block.parentHash,
    );
  }

  /** Forgets processed blocks above `number` (after a reorg back to it). */
  truncateL1Blocks(number: bigint): void {
    this.#run("DELETE FROM l1_blocks WHERE number > ?", Number(number));
  }

  getL1Block(number: bigint): { number: bigint; hash: Hex; parentHash: Hex } | undefined {
    const row = this.#get("SELECT * FROM l1_blocks WHERE number = ?", Number(number)) as
      { number: number; hash: Hex; parent_hash: Hex } | undefined;
    return row ? { number: BigInt(row.number), hash: row.hash, parentHash: row.parent_hash } : undefined;
  }

  /** The highest processed L1 block. */
  latestL1Block(): { number: bigint; hash: Hex; parentHash: Hex } | undefined {
    const row = this.#get("SELECT * FROM l1_blocks ORDER BY number DESC LIMIT 1") as
      { number: number; hash: Hex; parent_hash: Hex } | undefined;
    return row ? { number: BigInt(row.number), hash: row.hash, parentHash: row.parent_hash } : undefined;
  }

  // ─────────────────────────────────────────────────────────────── blobs

  putBlob(blob: { versionedHash: Hex; blob: Uint8Array; l1Block: bigint }): void {
    this.#run(
      "INSERT OR IGNORE INTO blobs (versioned_hash, blob, l1_block) VALUES (?, ?, ?)",
      blob.versionedHash,
      blob.blob,
      Number(blob.l1Block),
    );
  }

  getBlob(versionedHash: Hex): { blob: Uint8Array } | undefined {
    const row = this.#get("SELECT blob FROM blobs WHERE versioned_hash = ?", versionedHash) as
      { blob: Uint8Array } | undefined;
    return row ? { blob: new Uint8Array(row.blob) } : undefined;
  }

  close(): void {
    this.#db.close();
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #run(sql: string, ...parameters: (string | number | null | Uint8Array)[]): void {
    this.#statement(sql).run(...parameters);
  }

  #get(sql: string, ...parameters: (string | number | null)[]): Record<string, unknown> | undefined {
    return this.#statement(sql).get(...parameters) as Record<string, unknown> | undefined;
  }

  #all(sql: string, ...parameters: (string | number | null)[]): Record<string, unknown>[] {
    return this.#statement(sql).all(...parameters) as Record<string, unknown>[];
  }
}

function toTransaction(row: Record<string, unknown>): L1TransactionRecord {
  return {
    key: row.key as string,
    kind: row.kind as string,
    nonce: Number(row.nonce),
    status: row.status as L1TransactionStatus,
    minedHash: (row.mined_hash as Hex | null) ?? null,
    minedBlock: row.mined_block === null || row.mined_block === undefined ? null : BigInt(row.mined_block as string),
    createdAt: Number(row.created_at),
    meta: JSON.parse((row.meta as string | undefined) ?? "{}") as Record<string, string>,
  };
}

function toAttempt(row: Record<string, unknown>): L1AttemptRecord {
  return {
    hash: row.hash as Hex,
    key: row.key as string,
    nonce: Number(row.nonce),
    raw: row.raw as Hex,
    maxFeePerGas: BigInt(row.max_fee as string),
    maxPriorityFeePerGas: BigInt(row.tip as string),
    maxFeePerBlobGas: row.blob_fee === null ? null : BigInt(row.blob_fee as string),
    sentAtBlock: BigInt(row.sent_at_block as string),
    cancel: Number(row.cancel) === 1,
  };
}

/**
 * Brings a database written by an earlier version up to {@link SCHEMA}: blobs no longer keep their
 * KZG commitment and proof (the enclave recomputes the commitment from the blob itself).
 */
function migrate(db: DatabaseSyncType): void {
  const columns = new Set((db.prepare("PRAGMA table_info(blobs)").all() as { name: string }[]).map((c) => c.name));
  for (const dropped of ["proof", "commitment"])
    if (columns.has(dropped)) db.exec(`ALTER TABLE blobs DROP COLUMN ${dropped}`);
}
