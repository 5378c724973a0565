import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type * as NodeSqlite from "node:sqlite";
import type { DatabaseSync } from "node:sqlite";
import { bytesToHex, getAddress, hexToBytes, type Address, type Hex } from "viem";
import { createViewingKey, getEnclavePublicKey, computeEnclaveId, type ViewingKey } from "@obscuro/sdk";
import type { Sealer } from "./secret.ts";

// `node:sqlite` prints an ExperimentalWarning when first loaded: silenced once, as the node does.
const { DatabaseSync: Database } = loadSqlite();

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

/** One account a user authenticated: the account's EIP-712 signature over the user's viewing key. */
export interface UserAccount {
  address: Address;
  signature: Hex;
}

/** A gateway user: the holder of one token, with one viewing key and the accounts that authorized it. */
export interface GatewayUser {
  /** sha256 of the token: the row's key (the token itself is never stored). */
  id: string;
  viewingKey: ViewingKey;
  /** In the order they were authenticated: the first is the default account. */
  accounts: UserAccount[];
}

/**
 * The gateway's users in SQLite: per token, its viewing key sealed with the gateway secret
 * (AES-GCM, bound to the user) and its accounts with their authorizations. Tokens are kept only
 * as their sha256: a copy of the database gives neither tokens nor viewing keys.
 */
export class UserStore {
  readonly #db: DatabaseSync;
  readonly #sealer: Sealer;
  readonly #cache = new Map<string, GatewayUser>();

  private constructor(db: DatabaseSync, sealer: Sealer) {
    this.#db = db;
    this.#sealer = sealer;
  }

  static open(path: string, sealer: Sealer): UserStore {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const db = new Database(path);
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS users (
        id TEXT PRIMARY KEY,
        viewing_key BLOB NOT NULL,
        viewing_address TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS accounts (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        signature TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (user_id, address)
      );
    `);
    return new UserStore(db, sealer);
  }

  /** The key under which a token's user is stored. */
  static userId(token: string): string {
    return createHash("sha256").update(token.toLowerCase(), "utf8").digest("hex");
  }

  /** A new user with a fresh viewing key; returns its token (20 random bytes, hex), given out once. */
  createUser(): { token: string; user: GatewayUser } {
    const token = randomBytes(20).toString("hex");
    const id = UserStore.userId(token);
    const viewingKey = createViewingKey();
    const sealed = this.#sealer.seal(hexToBytes(viewingKey.privateKey), id);
    this.#db
      .prepare("INSERT INTO users (id, viewing_key, viewing_address, created_at) VALUES (?, ?, ?, ?)")
      .run(id, sealed, viewingKey.address, Date.now());
    const user: GatewayUser = { id, viewingKey, accounts: [] };
    this.#cache.set(id, user);
    return { token, user };
  }

  /** The user of a token, or undefined for an unknown (or revoked) token. */
  getUser(token: string): GatewayUser | undefined {
    const id = UserStore.userId(token);
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const row = this.#db.prepare("SELECT viewing_key, viewing_address FROM users WHERE id = ?").get(id) as
      { viewing_key: Uint8Array; viewing_address: string } | undefined;
    if (!row) return undefined;
    const privateKey = bytesToHex(this.#sealer.open(row.viewing_key, id));
    const publicKey = getEnclavePublicKey(privateKey);
    const viewingKey: ViewingKey = { privateKey, publicKey, address: computeEnclaveId(publicKey) };
    const accounts = (
      this.#db.prepare("SELECT address, signature FROM accounts WHERE user_id = ? ORDER BY seq").all(id) as {
        address: string;
        signature: string;
      }[]
    ).map((a) => ({ address: getAddress(a.address), signature: a.signature as Hex }));
    const user: GatewayUser = { id, viewingKey, accounts };
    this.#cache.set(id, user);
    return user;
  }

  /** Adds (or replaces the authorization of) an account of a user. */
  addAccount(user: GatewayUser, account: UserAccount): void {
    const seq = user.accounts.length;
    this.#db
      .prepare(
        `INSERT INTO accounts (user_id, address, signature, created_at, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, address) DO UPDATE SET signature = excluded.signature`,
      )
      .run(user.id, account.address, account.signature, Date.now(), seq);
    const existing = user.accounts.find((a) => a.address === account.address);
    if (existing) existing.signature = account.signature;
    else user.accounts.push(account);
  }

  /** Forgets a token's user, its viewing key and its accounts. Returns whether there was one. */
  deleteUser(token: string): boolean {
    const id = UserStore.userId(token);
    this.#cache.delete(id);
    this.#db.prepare("DELETE FROM accounts WHERE user_id = ?").run(id);
    return Number(this.#db.prepare("DELETE FROM users WHERE id = ?").run(id).changes) > 0;
  }

  counts(): { users: number; accounts: number } {
    const users = this.#db.prepare("SELECT COUNT(*) AS n FROM users").get() as { n: number };
    const accounts = this.#db.prepare("SELECT COUNT(*) AS n FROM accounts").get() as { n: number };
    return { users: Number(users.n), accounts: Number(accounts.n) };
  }

  close(): void {
    this.#cache.clear();
    this.#db.close();
  }
}
