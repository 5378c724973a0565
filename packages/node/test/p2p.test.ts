import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generateKeyPair } from "@libp2p/crypto/keys";
import { pino } from "pino";
import { GossipKind, GossipNetwork } from "../src/p2p/GossipNetwork.ts";
import { NodeMetrics } from "../src/metrics.ts";

const logger = pino({ level: "silent" });
const CHAIN_ID = 31337;

/** Resolves with the first value `next` produces, or rejects with `message` after `ms`. */
function within<T>(ms: number, message: string, register: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${message}`)), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Polls `condition` every 20 ms until it holds, failing with `message` after `ms`. */
async function until(condition: () => boolean, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function startNode(metrics?: NodeMetrics, banThreshold = 3): Promise<GossipNetwork> {
  return GossipNetwork.create({
    chainId: CHAIN_ID,
    listen: ["/ip4/127.0.0.1/tcp/0"],
    privateKey: await generateKeyPair("Ed25519"),
    logger,
    metrics,
    banThreshold,
  });
}

describe("gossip between nodes", () => {
  let a: GossipNetwork;
  let b: GossipNetwork;
  let c: GossipNetwork;
  const metricsB = new NodeMetrics({ defaults: false });

  before(async () => {
    [a, b, c] = await Promise.all([startNode(), startNode(metricsB), startNode()]);
    // a line a - b - c: c hears a only through b
    await b.dial(a.multiaddrs);
    await c.dial(b.multiaddrs);
  });
  after(async () => Promise.all([a?.stop(), b?.stop(), c?.stop()]));

  it("delivers a valid message to every node, through an intermediate one", async () => {
    const seenB: string[] = [];
    b.on(GossipKind.Transactions, (data) => {
      seenB.push(Buffer.from(data).toString());
      return "accept";
    });
    a.on(GossipKind.Transactions, () => "accept");
    const atC = within<string>(10_000, "the message to reach c through b", (resolve) =>
      c.on(GossipKind.Transactions, (data) => {
        resolve(Buffer.from(data).toString());
        return "accept";
      }),
    );
    // gossipsub forwards along its mesh, which forms at heartbeats: wait for a - b - c
    await until(
      () =>
        a.meshPeers(GossipKind.Transactions).includes(b.peerId) &&
        b.meshPeers(GossipKind.Transactions).includes(c.peerId),
      10_000,
      "the a - b - c mesh on the transactions topic",
    );
    const message = `tx-${Date.now()}`;
    assert.ok((await a.publish(GossipKind.Transactions, Buffer.from(message))) > 0, "a found a peer for the topic");
    assert.equal(await atC, message);
    assert.ok(seenB.includes(message));
    assert.equal((await metricsB.gossipReceived.get()).values.find((v) => v.labels.verdict === "accept")?.value, 1);
  });

  it("drops a rejected message, bans the peer that keeps sending junk, and keeps running", async () => {
    const junk = await startNode();
    try {
      await junk.dial(b.multiaddrs);
      junk.on(GossipKind.Batches, () => "accept");
      let delivered = 0;
      b.on(GossipKind.Batches, (data) => {
        if (data[0] !== 0x01) throw new Error("not a batch"); // a decoder choking on junk
        delivered++;
        return "accept";
      });
      c.on(GossipKind.Batches, () => "accept");
      await until(() => b.peers().includes(junk.peerId), 10_000, "junk connected to b");
      for (let i = 0; i < 50 && !b.bannedPeers.includes(junk.peerId); i++) {
        await junk.publish(GossipKind.Batches, Buffer.from(`junk ${i}`));
        await new Promise((r) => setTimeout(r, 20));
      }
      await until(() => b.bannedPeers.includes(junk.peerId), 10_000, "b to ban the junk peer");
      await until(() => !b.peers().includes(junk.peerId), 10_000, "b to drop the junk peer");
      assert.equal(delivered, 0);
      // the ban holds: the junk peer cannot come back
      await junk.dial(b.multiaddrs);
      assert.ok(!b.peers().includes(junk.peerId), "a banned peer is refused");
      assert.equal((await metricsB.peersBanned.get()).values[0]?.value, 1);
      // b still works: a, c still gossip through it
      assert.ok(b.peers().includes(a.peerId) && b.peers().includes(c.peerId));
    } finally {
      await junk.stop();
    }
  });

  it("serves requests and answers a failing peer with a typed error", async () => {
    await b.handle(b.blobProtocol, async (request) => Buffer.concat([Buffer.from("blob:"), request]));
    const response = await a.request(b.peerId, a.blobProtocol, Buffer.from("0x01ab"));
    assert.equal(Buffer.from(response).toString(), "blob:0x01ab");
    await assert.rejects(
      a.request("12D3KooWNotConnectedPeerxxxxxxxxxxxxxxxxxxxxxxxxxxxx", a.blobProtocol, Buffer.from("x")),
      (e) => (e as { code?: string }).code === "PEER_REQUEST_FAILED",
    );
  });
});
