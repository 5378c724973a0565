import assert from "node:assert/strict";
import { createConnection } from "node:net";
import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { z } from "zod";
import { RpcClient } from "../src/rpc/client.ts";
import { wire } from "../src/rpc/codec.ts";
import { EnclaveRefusal, EnclaveRpcError } from "../src/rpc/errors.ts";
import { RpcServer, type Handlers } from "../src/rpc/server.ts";

const protocol = {
  add: { params: z.object({ a: wire.bigint, b: wire.bigint }), result: z.object({ sum: wire.bigint }) },
  echo: { params: z.object({ data: wire.hex }), result: z.object({ data: wire.hex }) },
  refuse: { params: z.object({}), result: z.object({}) },
  crash: { params: z.object({}), result: z.object({}) },
  slow: { params: z.object({ ms: z.number() }), result: z.object({}) },
};

const handlers: Handlers<typeof protocol> = {
  add: async ({ a, b }) => ({ sum: a + b }),
  echo: async ({ data }) => ({ data }),
  refuse: async () => {
    throw new EnclaveRefusal("L1_BLOCK_REFUSED", "The block does not extend the accepted chain.");
  },
  crash: async () => {
    throw new Error("secret key 0xdeadbeef leaked in a message");
  },
  slow: async ({ ms }) => {
    await new Promise((r) => setTimeout(r, ms));
    return {};
  },
};

const isRpcError = (code: string) => (e: unknown) => e instanceof EnclaveRpcError && e.remoteCode === code;

describe("enclave RPC: a typed, schema-checked line protocol over a Unix socket", () => {
  let socketPath: string;
  let server: RpcServer<typeof protocol>;
  let client: RpcClient<typeof protocol>;
  const logger = pino({ level: "silent" });

  before(async () => {
    socketPath = join(await mkdtemp(join(tmpdir(), "obscuro-rpc-")), "enclave.sock");
    server = await RpcServer.listen({ socketPath, protocol, handlers, logger, maxRequestBytes: 4096 });
    client = new RpcClient({ socketPath, protocol, timeoutMs: 5_000 });
  });
  after(async () => {
    client.close();
    await server.close();
  });

  it("carries bigints and bytes, and only the host's user may connect", async () => {
    assert.deepEqual(await client.call("add", { a: 2n ** 200n, b: 1n }), { sum: 2n ** 200n + 1n });
    assert.deepEqual(await client.call("echo", { data: "0xc0ffee" }), { data: "0xc0ffee" });
    assert.equal((await stat(socketPath)).mode & 0o777, 0o600);
  });

  it("refuses bad parameters on both ends, and unknown methods, changing nothing", async () => {
    await assert.rejects(client.call("echo", { data: "0xabc" as `0x${string}` }), isRpcError("INVALID_PARAMS"));
    // a raw request that skips the client's own check is refused by the server
    const raw = await rawRequest(
      socketPath,
      `${JSON.stringify({ id: 7, method: "add", params: { a: "-1", b: "2" } })}\n`,
    );
    assert.equal(raw.error.code, "INVALID_PARAMS");
    const unknown = await rawRequest(socketPath, `${JSON.stringify({ id: 8, method: "drainTheKeys", params: {} })}\n`);
    assert.equal(unknown.error.code, "METHOD_NOT_FOUND");
    const junk = await rawRequest(socketPath, "{not json\n");
    assert.equal(junk.error.code, "PARSE_ERROR");
  });

  it("passes a refusal's code, and hides the message of anything else", async () => {
    await assert.rejects(client.call("refuse", {}), isRpcError("L1_BLOCK_REFUSED"));
    await assert.rejects(
      client.call("crash", {}),
      (e) => isRpcError("INTERNAL")(e) && !(e as Error).message.includes("deadbeef"),
    );
  });

  it("times out a call the enclave does not answer, and closes a connection sending an oversized line", async () => {
    await assert.rejects(client.call("slow", { ms: 500 }, { timeoutMs: 50 }), isRpcError("ENCLAVE_TIMEOUT"));
    const closed = await new Promise<boolean>((resolve) => {
      const socket = createConnection(socketPath, () => socket.write("x".repeat(10_000)));
      socket.on("close", () => resolve(true));
      socket.on("error", () => undefined);
      setTimeout(() => resolve(false), 5_000);
    });
    assert.ok(closed, "the oversized connection was closed");
    assert.deepEqual(await client.call("add", { a: 1n, b: 1n }), { sum: 2n }, "other connections go on");
  });

  it("reconnects after the enclave restarts, failing only the calls in flight", async () => {
    const inFlight = client.call("slow", { ms: 2_000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    assert.ok(isRpcError("ENCLAVE_UNREACHABLE")(await inFlight));
    await assert.rejects(client.call("add", { a: 1n, b: 2n }), isRpcError("ENCLAVE_UNREACHABLE"));
    server = await RpcServer.listen({ socketPath, protocol, handlers, logger, maxRequestBytes: 4096 });
    assert.deepEqual(await client.call("add", { a: 1n, b: 2n }), { sum: 3n });
  });
});

function rawRequest(socketPath: string, line: string): Promise<{ error: { code: string } }> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath, () => socket.write(line));
    let data = "";
    socket.on("data", (chunk) => {
      data += chunk.toString();
      if (data.includes("\n")) {
        socket.destroy();
        resolve(JSON.parse(data.slice(0, data.indexOf("\n"))) as { error: { code: string } });
      }
    });
    socket.on("error", reject);
    setTimeout(() => reject(new Error("no answer within 5 s")), 5_000);
  });
}
