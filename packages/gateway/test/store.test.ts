import assert from "node:assert/strict";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { hexToBytes } from "viem";
import { GatewaySecretError, SealedRecordError } from "../src/errors.ts";
import { loadOrCreateSecret, Sealer } from "../src/store/secret.ts";
import { UserStore } from "../src/store/UserStore.ts";

/** Viewing keys at rest: the gateway secret file, AES-GCM sealing bound to the user, the SQLite store. */
describe("the gateway's store", () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "obscuro-gateway-store-"));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("creates the secret file 0600 once, reads the same secret again, and refuses one others can read", async () => {
    const path = join(directory, "a", "gateway.secret");
    const secret = await loadOrCreateSecret(path);
    assert.equal(secret.length, 32);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(join(directory, "a"))).mode & 0o777, 0o700);
    assert.deepEqual(await loadOrCreateSecret(path), secret);
    await chmod(path, 0o644);
    await assert.rejects(loadOrCreateSecret(path), (error) => error instanceof GatewaySecretError);
    const malformed = join(directory, "malformed.secret");
    await writeFile(malformed, "not hex", { mode: 0o600 });
    await assert.rejects(loadOrCreateSecret(malformed), (error) => error instanceof GatewaySecretError);
  });

  it("seals records bound to their user: another secret or another user's row does not open them", () => {
    const sealer = new Sealer(new Uint8Array(32).fill(1));
    const sealed = sealer.seal(new TextEncoder().encode("viewing key"), "user-a");
    assert.equal(new TextDecoder().decode(sealer.open(sealed, "user-a")), "viewing key");
    assert.throws(() => sealer.open(sealed, "user-b"), SealedRecordError);
    assert.throws(() => new Sealer(new Uint8Array(32).fill(2)).open(sealed, "user-a"), SealedRecordError);
    const tampered = Uint8Array.from(sealed);
    tampered[14]! ^= 1;
    assert.throws(() => sealer.open(tampered, "user-a"), SealedRecordError);
  });

  it("keeps users across restarts, never the token or the viewing key in clear, and forgets revoked tokens", async () => {
    const secret = await loadOrCreateSecret(join(directory, "b.secret"));
    const path = join(directory, "users.sqlite");
    const store = UserStore.open(path, new Sealer(secret));
    const { token, user } = store.createUser();
    store.addAccount(user, {
      address: "0x00000000000000000000000000000000000000AA",
      signature: `0x${"11".repeat(65)}`,
    });
    store.close();
    const bytes = await readFile(path);
    assert.equal(bytes.includes(Buffer.from(token)), false, "no token in the database");
    assert.equal(bytes.includes(Buffer.from(hexToBytes(user.viewingKey.privateKey))), false, "no viewing key in clear");
    const reopened = UserStore.open(path, new Sealer(secret));
    const again = reopened.getUser(token)!;
    assert.equal(again.viewingKey.privateKey, user.viewingKey.privateKey);
    assert.equal(again.viewingKey.address, user.viewingKey.address);
    assert.deepEqual(again.accounts, user.accounts);
    assert.equal(reopened.getUser("00".repeat(20)), undefined);
    assert.equal(reopened.deleteUser(token), true);
    assert.equal(reopened.getUser(token), undefined);
    reopened.close();
    // under another secret, the viewing key does not open
    const other = UserStore.open(path, new Sealer(new Uint8Array(32)));
    const { token: t2 } = UserStore.open(path, new Sealer(secret)).createUser();
    assert.throws(() => other.getUser(t2), SealedRecordError);
    other.close();
  });
});
