import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { getAddress, zeroAddress } from "viem";
import { startExplorer, type Explorer } from "../src/index.ts";
import { getJson, RpcProxy, startTestNetwork, waitFor, type TestNetwork } from "./helpers/network.ts";

/*
 * The explorer's API against anvil with the protocol deployed and founded as the devnet does it,
 * a rollup tree with a two-deep fork and a final rollup, deposits, withdrawals and a proposal; L1
 * reached through a counting forwarder (RpcProxy) so that the cache and an L1 outage can be seen.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("explorer API on anvil: network, rollup tree with a fork and finality, bridge, governance", () => {
  let network: TestNetwork;
  let proxy: RpcProxy;
  let explorer: Explorer;
  const api = (path: string) => getJson<Json>(`${explorer.url}/api${path}`);

  before(async () => {
    network = await startTestNetwork();
    proxy = await RpcProxy.start(network.l1.anvil.rpcUrl);
    explorer = await startExplorer({
      l1RpcUrl: proxy.url,
      manifest: network.l1.manifest,
      // A port nothing listens on: a node that is down.
      nodeStatusUrls: ["http://127.0.0.1:9/"],
      port: 0,
      logger: pino({ level: "silent" }),
      headTtlMs: 500,
      pollingIntervalMs: 200,
    });
  });

  after(async () => {
    await explorer?.close();
    await proxy?.close();
    await network?.stop();
  });

  it("serves the network: the genesis node, its staked aggregator, the host list, and a node that does not answer", async () => {
    const { status, body } = await api("/network");
    assert.equal(status, 200);
    assert.equal(body.nodes.length, 1);
    const [node] = body.nodes;
    assert.equal(node.status, "Active");
    assert.equal(node.active, true);
    assert.equal(node.genesis, true);
    assert.equal(getAddress(node.operator), network.operator);
    assert.equal(body.aggregators.length, 1);
    assert.equal(getAddress(body.aggregators[0].operator), network.operator);
    assert.equal(body.aggregators[0].isPublisher, true);
    assert.equal(body.aggregators[0].stake, body.info.minStake);
    assert.deepEqual(
      body.hosts.map((h: Json) => getAddress(h.operator)),
      [network.operator],
    );
    assert.deepEqual(body.counts, { nodes: 1, activeNodes: 1, awaitingSecret: 0, aggregators: 1, publishers: 1 });
    assert.equal(body.l2.length, 1);
    assert.equal(body.l2[0].reachable, false);
    assert.equal(body.l2[0].l2Head, null);
  });

  it("serves the rollup tree: the canonical chain, the two-deep fork as an open contest, and the final rollup", async () => {
    const { tree } = network;
    // The fork's first rollup is not a contest tip: the watcher delivers it.
    const body = await waitFor("the watcher to index every rollup", async () => {
      const { body } = await api("/rollups");
      return body.rollups?.length === 5 ? body : undefined;
    });
    const byHash = new Map<string, Json>(body.rollups.map((r: Json) => [r.hash, r]));
    const status = (hash: string) => {
      const r = byHash.get(hash)!;
      return { number: r.number, canonical: r.canonical, final: r.final, invalid: r.invalid };
    };
    assert.deepEqual(status(tree.r1), { number: "1", canonical: true, final: true, invalid: false });
    assert.deepEqual(status(tree.r2), { number: "2", canonical: true, final: false, invalid: false });
    assert.deepEqual(status(tree.r3), { number: "3", canonical: true, final: false, invalid: false });
    assert.deepEqual(status(tree.f2), { number: "2", canonical: false, final: false, invalid: false });
    assert.deepEqual(status(tree.f3), { number: "3", canonical: false, final: false, invalid: false });
    assert.equal(byHash.get(tree.f3)!.parentHash, tree.f2);
    assert.equal(byHash.get(tree.f2)!.parentHash, tree.r1);
    assert.equal(byHash.get(tree.r1)!.parentHash, tree.genesis);
    assert.equal(byHash.get(tree.f2)!.branch, byHash.get(tree.f3)!.branch);
    assert.notEqual(byHash.get(tree.f2)!.branch, byHash.get(tree.r2)!.branch);
    assert.deepEqual(
      [tree.r1, tree.r2, tree.r3, tree.f2, tree.f3].map((h) => byHash.get(h)!.hasWithdrawals),
      [true, true, false, false, false],
    );
    assert.deepEqual(body.canonicalHead, { hash: tree.r3, number: "3" });
    assert.deepEqual(body.finalHead, { hash: tree.r1, number: "1" });
    assert.equal(body.finalitySuspended, true);
    assert.equal(body.contests.length, 1);
    assert.equal(body.contests[0].stateName, "Open");
    assert.equal(body.contests[0].tip, tree.f3);
    assert.equal(body.contests[0].depth, "2");
    assert.equal(body.contests[0].forkNumber, "1");
  });

  it("serves one rollup: its public header, children and time to finality; 404 and 400 for unknown and malformed hashes", async () => {
    const { tree } = network;
    const { status, body } = await api(`/rollups/${tree.r1}`);
    assert.equal(status, 200);
    assert.equal(body.rollup.final, true);
    assert.equal(body.header.parentHash, tree.genesis);
    assert.deepEqual(body.children.map((c: Json) => c.hash).sort(), [tree.r2, tree.f2].sort());
    assert.equal(body.finality.final, true);

    const held = await api(`/rollups/${tree.r2}`);
    assert.equal(held.body.finality.final, false);
    assert.equal(held.body.finality.blockedBy.stateName, "Open", "R2 waits for the contest");

    const unknown = await api(`/rollups/0x${"ab".repeat(32)}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "ROLLUP_NOT_FOUND");
    const malformed = await api("/rollups/0x1234");
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, "INVALID_REQUEST");
    const nothing = await api("/nothing");
    assert.equal(nothing.status, 404);
    assert.equal(nothing.body.error.code, "NOT_FOUND");
  });

  it("serves the bridge: the ETH it holds, its deposits, the withdrawals held by the contest and those claimable", async () => {
    const { status, body } = await api("/bridge");
    assert.equal(status, 200);
    const eth = body.balances.find((b: Json) => b.kind === "ETH");
    assert.equal(eth.token, zeroAddress);
    assert.equal(BigInt(eth.balance), network.deposited);
    assert.equal(body.deposits.count, "2");
    assert.equal(body.deposits.consumedByL2, "2");
    assert.deepEqual(
      body.deposits.recent.map((d: Json) => [getAddress(d.from), d.kindName, BigInt(d.amountOrId)]),
      [
        [network.depositor, "ETH", 250_000_000_000_000_000n],
        [network.depositor, "ETH", 1_500_000_000_000_000_000n],
      ],
    );
    assert.deepEqual(
      body.withdrawals.pending.map((w: Json) => [w.rollupHash, w.heldByContest]),
      [[network.tree.r2, true]],
    );
    assert.deepEqual(
      body.withdrawals.claimable.map((w: Json) => w.rollupHash),
      [network.tree.r1],
    );
    assert.equal(body.emergency.paused, false);
    assert.equal(body.emergency.frozen, false);
  });

  it("serves governance: the proposal, the council Safe and the attestation policy", async () => {
    const { status, body } = await api("/governance");
    assert.equal(status, 200);
    const { manifest } = network.l1;
    assert.equal(body.dao.governor, manifest.settings.governanceDao!.governor);
    assert.equal(body.proposals.length, 1);
    assert.equal(body.proposals[0].description, network.proposalDescription);
    assert.ok(["Pending", "Active"].includes(body.proposals[0].stateName), body.proposals[0].stateName);
    assert.equal(body.council.kind, "safe");
    assert.equal(body.council.address, manifest.settings.council);
    assert.deepEqual(body.council.owners, manifest.settings.councilSafe!.owners);
    assert.equal(body.council.threshold, manifest.settings.councilSafe!.threshold);
    assert.equal(body.attestation.kind, "dev");
    assert.equal(body.attestation.auditors.length, manifest.settings.attestation.auditors.length);
  });

  it("reads L1 once per block: a refresh within the block sends nothing, a new block is read again", async () => {
    const first = await api("/overview");
    assert.equal(first.status, 200);
    assert.equal(first.body.canonicalHead.number, "3");
    assert.equal(first.body.finalHead.number, "1");
    assert.equal(first.body.openContests, 1);
    assert.deepEqual(first.body.l2, { nodes: 1, reachable: 0, highestL2Block: null });
    // Every section at this block is read; the same block again costs at most the head's refresh.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await api("/overview");
    const before = proxy.methods.length;
    for (const path of ["/overview", "/network", "/rollups", "/bridge", "/governance"]) await api(path);
    const sent = proxy.methods.slice(before).filter((m) => m !== "eth_getBlockByNumber" && m !== "eth_blockNumber");
    assert.deepEqual(sent, [], "no protocol read within the block");

    await network.l1.testClient.mine({ blocks: 1 });
    const next = await waitFor("the explorer to see the new block", async () => {
      const { body } = await api("/overview");
      return BigInt(body.head.number) > BigInt(first.body.head.number) ? body : undefined;
    });
    assert.equal(next.canonicalHead.number, "3");
    assert.ok(proxy.methods.slice(before).includes("eth_call"), "the new block's sections were read");
  });

  it("answers 503 L1_UNAVAILABLE while L1 is unreachable, keeps serving the page, and recovers", async () => {
    proxy.down = true;
    try {
      const down = await waitFor("the head cache to expire", async () => {
        const answer = await api("/rollups");
        return answer.status === 503 ? answer : undefined;
      });
      assert.equal(down.body.error.code, "L1_UNAVAILABLE");
      const page = await fetch(`${explorer.url}/rollups`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    } finally {
      proxy.down = false;
    }
    const back = await waitFor("L1 to be back", async () => {
      const answer = await api("/rollups");
      return answer.status === 200 ? answer : undefined;
    });
    assert.equal(back.body.rollups.length, 5);
  });

  it("refuses a configuration it cannot use with a typed error", async () => {
    await assert.rejects(
      startExplorer({
        l1RpcUrl: "ftp://l1",
        manifest: network.l1.manifest,
        port: 0,
        logger: pino({ level: "silent" }),
      }),
      (error: Error & { code?: string }) => error.code === "INVALID_EXPLORER_CONFIG",
    );
    await assert.rejects(
      startExplorer({
        l1RpcUrl: proxy.url,
        manifest: network.l1.manifest,
        port: 70_000,
        logger: pino({ level: "silent" }),
      }),
      (error: Error & { code?: string }) => error.code === "INVALID_EXPLORER_CONFIG",
    );
  });
});
