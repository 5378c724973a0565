import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isAddressEqual, parseEther, type Address, type Hex } from "viem";
import { networkManagementAbi, rollupManagementAbi, rollupSlashingAbi } from "@obscuro/sdk";
import { DevNetwork, FINALITY_DELAY, L2User, waitFor, type NodeProcess } from "./helpers/devNetwork.ts";

/**
 * Issue 14's network, with every node a separate process (host + enclave) on anvil with 1 s
 * blocks: founded from nothing, joined through L1, driven by user traffic, and an aggregator
 * killed with SIGKILL and restarted.
 */
describe("a network of node processes founded from nothing", { timeout: 1_200_000 }, () => {
  let net: DevNetwork;
  let a: NodeProcess;
  let b: NodeProcess;
  let v: NodeProcess;
  const alice = new L2User();
  const bob = new L2User();

  before(async () => {
    net = await DevNetwork.start();
    a = await net.addNode("aggregator-a", "aggregator");
    b = await net.addNode("aggregator-b", "aggregator");
    v = await net.addNode("validator", "validator");
  });
  after(async () => {
    await net?.stop();
  });

  async function rollupsSubmitted() {
    return net.l1.publicClient.getContractEvents({
      address: net.l1.manifest.contracts.RollupManagement,
      abi: rollupManagementAbi,
      eventName: "RollupSubmitted",
      fromBlock: net.l1.manifest.deployBlock,
      strict: true,
    });
  }

  async function sameSafeTip(nodes: NodeProcess[], atLeast: bigint): Promise<Hex | false> {
    const tips = await Promise.all(nodes.map(async (node) => (await node.status()).safe));
    const first = tips[0]!;
    if (BigInt(first.number) < atLeast) return false;
    return tips.every((tip) => tip.rollupHash === first.rollupHash) ? first.rollupHash : false;
  }

  it("founds the network: the genesis aggregator draws the secret; an aggregator and a validator get it through L1, the first responder paid once", async () => {
    await a.start();
    await a.ready();
    await Promise.all([b.start(), v.start()]);
    await Promise.all([b.ready(), v.ready()]);

    const responses = await net.l1.publicClient.getContractEvents({
      address: net.l1.manifest.contracts.NetworkManagement,
      abi: networkManagementAbi,
      eventName: "SecretResponded",
      fromBlock: net.l1.manifest.deployBlock,
      strict: true,
    });
    for (const joiner of [b, v]) {
      const answered = responses.filter((log) => log.args.requester === joiner.endpoints!.enclaveId);
      assert.equal(answered.length, 1, `${joiner.name} activated by exactly one response`);
      assert.notEqual(answered[0]!.args.responder, joiner.endpoints!.enclaveId);
      assert.ok(answered[0]!.args.fee > 0n, "the responder's operator was paid the registration fee");
    }
    const statuses = await Promise.all([a, b, v].map((node) => node.status()));
    assert.ok(statuses.every((status) => status.hasSecret && status.registration === "active"));
    await waitFor("every node to find gossip peers through the host list on L1", async () =>
      (await Promise.all([a, b, v].map((node) => node.status()))).every((status) => status.peers >= 1),
    );
  });

  it("sequences user traffic sent encrypted to one node, gossips it to all, publishes it by lottery, and it becomes final on L1", async () => {
    await net.l1.mined(net.l1.wallet(9).depositEth({ to: alice.address, amount: parseEther("1") }));
    await waitFor("alice's deposit to be credited on L2, as the validator sees it", async () => {
      const balance = await alice.read<Hex>(v.endpoints!.rpcUrl, "eth_getBalance", [alice.address, "latest"]);
      return BigInt(balance) === parseEther("1");
    });
    for (let i = 0; i < 5; i++) await alice.transfer(b.endpoints!.rpcUrl, bob.address, 1_000n);
    await waitFor(
      "bob's five transfers to be executed on every node",
      async () => {
        const balances = await Promise.all(
          [a, b, v].map(async (node) =>
            BigInt(await bob.read<Hex>(node.endpoints!.rpcUrl, "eth_getBalance", [bob.address, "latest"])),
          ),
        );
        return balances.every((balance) => balance === 5_000n);
      },
      { timeoutMs: 120_000 },
    );
    const rollupHash = await waitFor(
      "a rollup with the traffic to be published and applied by every node",
      async () => {
        const logs = await rollupsSubmitted();
        if (logs.length === 0) return false;
        return sameSafeTip([a, b, v], 1n);
      },
      { timeoutMs: 90_000 },
    );
    await net.l1.testClient.mine({ blocks: FINALITY_DELAY });
    await waitFor(
      `rollup ${rollupHash} to be final on L1`,
      () =>
        net.l1.publicClient.readContract({
          address: net.l1.manifest.contracts.RollupManagement,
          abi: rollupManagementAbi,
          functionName: "isFinal",
          args: [rollupHash],
        }),
      { timeoutMs: 180_000 },
    );
  });

  it("an aggregator killed with SIGKILL: the other takes over and publishes; restarted, it catches up", async () => {
    const publisherOf = (operator: Address) => [a, b].find((node) => node.operator.address === operator)!;
    const last = (await rollupsSubmitted()).at(-1)!;
    const winner = publisherOf(last.args.publisher);
    const other = winner === a ? b : a;
    await winner.kill("SIGKILL");

    for (let i = 0; i < 3; i++) await alice.transfer(other.endpoints!.rpcUrl, bob.address, 1_000n);
    await waitFor(
      `${other.name} to take over and publish`,
      async () => (await rollupsSubmitted()).some((log) => log.args.publisher === other.operator.address),
      { timeoutMs: 180_000 },
    );
    const publishers = new Set((await rollupsSubmitted()).map((log) => log.args.publisher));
    assert.deepEqual(publishers, new Set([a.operator.address, b.operator.address]), "both aggregators published");

    await winner.start();
    await winner.ready();
    const tip = await waitFor("the restarted aggregator to reach the others' safe rollup", () =>
      sameSafeTip([a, b, v], 2n),
    );
    assert.match(tip, /^0x[0-9a-f]{64}$/);
    const balances = await Promise.all(
      [a, b, v].map(async (node) =>
        BigInt(await bob.read<Hex>(node.endpoints!.rpcUrl, "eth_getBalance", [bob.address, "latest"])),
      ),
    );
    assert.deepEqual(balances, [8_000n, 8_000n, 8_000n], "no transfer lost, on every node");
  });

  let bobExpected = 8_000n;

  /** The rollup transactions `operator` sent between two L1 blocks (a second send of one rollup would show here, even reverted). */
  async function rollupTransactionsOf(operator: Address, fromBlock: bigint): Promise<number> {
    const head = await net.l1.publicClient.getBlockNumber({ cacheTime: 0 });
    let count = 0;
    for (let n = fromBlock; n <= head; n++) {
      const block = await net.l1.publicClient.getBlock({ blockNumber: n, includeTransactions: true });
      count += block.transactions.filter(
        (tx) =>
          isAddressEqual(tx.from, operator) &&
          tx.to !== null &&
          isAddressEqual(tx.to, net.l1.manifest.contracts.RollupManagement),
      ).length;
    }
    return count;
  }

  // The failpoint runs take ~45 s each and are run by `npm run test:failpoints -w @obscuro/node`
  // (not in CI: on this 2-core machine under load one of them has timed out once, cause not found yet).
  const failpoints =
    process.env.OBSCURO_E2E_FAILPOINTS === "1" ? ["rollup:signed", "l1:recorded:rollup", "l1:broadcast:rollup"] : [];
  for (const point of failpoints) {
    it(`an aggregator killed with SIGKILL at ${point} and restarted: its rollup lands once, nothing is lost, the network goes on`, async () => {
      const [x, y] = [a, b];
      if (y.running) await y.kill("SIGTERM"); // x alone sequences, so it must reach the failpoint
      await x.kill("SIGTERM");
      const fromBlock = await net.l1.publicClient.getBlockNumber({ cacheTime: 0 });
      const before = (await rollupsSubmitted()).length;
      await x.start({ OBSCURO_NODE_FAILPOINT: point }, { wait: false });
      for (let i = 0; i < 2; i++) await alice.transfer(v.endpoints!.rpcUrl, bob.address, 1_000n);
      bobExpected += 2_000n;
      const exit = await x.exited(120_000);
      assert.equal(exit.signal, "SIGKILL", `${x.name} died at ${point}`);

      await x.start();
      await x.ready();
      await waitFor(
        "a new rollup with the transfers, applied by the restarted aggregator and the validator",
        async () => {
          if ((await rollupsSubmitted()).length <= before) return false;
          const balance = BigInt(await bob.read<Hex>(v.endpoints!.rpcUrl, "eth_getBalance", [bob.address, "latest"]));
          return balance === bobExpected && (await sameSafeTip([x, v], BigInt(before + 1)));
        },
        { timeoutMs: 180_000 },
      );
      const logs = await rollupsSubmitted();
      const parents = logs.map((log) => log.args.parentHash);
      assert.equal(new Set(parents).size, parents.length, "no parent has two rollups: nothing was published twice");
      const sent = await rollupTransactionsOf(x.operator.address, fromBlock);
      const landed = logs.filter((log) => log.blockNumber >= fromBlock && log.args.publisher === x.operator.address);
      assert.equal(sent, landed.length, "every rollup transaction the aggregator sent landed: none was sent twice");
    });
  }

  it("an L1 reorg drops a published rollup's block: the rollup is built again on the new chain and nothing is lost", async () => {
    const { publicClient, testClient } = net.l1;
    const before = await rollupsSubmitted();
    for (let i = 0; i < 2; i++) await alice.transfer(v.endpoints!.rpcUrl, bob.address, 1_000n);
    bobExpected += 2_000n;
    const dropped = await waitFor(
      "a rollup carrying the new transfers",
      async () => (await rollupsSubmitted()).find((log) => log.blockNumber > before.at(-1)!.blockNumber),
      { timeoutMs: 180_000 },
    );
    // Reorg out the rollup's block and the L1 block its header is built on.
    const head = await publicClient.getBlockNumber({ cacheTime: 0 });
    const depth = Number(head - dropped.args.header.l1BlockNumber + 1n);
    await testClient.request({ method: "anvil_reorg" as never, params: [depth, []] as never });
    assert.equal(
      await publicClient.getTransactionReceipt({ hash: dropped.transactionHash }).catch(() => undefined),
      undefined,
      "the rollup's transaction is no longer on L1",
    );
    await waitFor(
      "the transfers to be published again and applied by every running node",
      async () => {
        const logs = await rollupsSubmitted();
        if (!logs.some((log) => log.args.parentHash === dropped.args.parentHash)) return false;
        const balance = BigInt(await bob.read<Hex>(v.endpoints!.rpcUrl, "eth_getBalance", [bob.address, "latest"]));
        return balance === bobExpected && (await sameSafeTip([a, v], BigInt(dropped.args.header.number)));
      },
      { timeoutMs: 180_000 },
    );
    const children = (await rollupsSubmitted()).filter((log) => log.args.parentHash === dropped.args.parentHash);
    assert.equal(children.length, 1, "the parent has exactly one rollup on the new chain");
  });

  it("every aggregator runs again and has caught up with the network", async () => {
    if (!b.running) await b.start(); // stopped by the failpoint runs
    await b.ready();
    await waitFor("the restarted aggregator to reach the others' safe rollup", () => sameSafeTip([a, b, v], 1n));
    const balance = BigInt(await bob.read<Hex>(b.endpoints!.rpcUrl, "eth_getBalance", [bob.address, "latest"]));
    assert.equal(balance, bobExpected);
  });

  it("an epoch key that served keyRotationPeriod of L1 time: the next rollup opens a new epoch, and every node applies it", async () => {
    const { publicClient, testClient } = net.l1;
    const { keyRotationPeriod } = await publicClient.getKeyParameters();
    const { keyEpoch } = (await a.status()).safe;
    const { committedAt } = await publicClient.getEpochKey({ keyEpoch });
    assert.ok(committedAt > 0n, `epoch ${keyEpoch} was opened on L1`);
    // L1 time moves to the end of the epoch: a rollup that kept it would be refused (KeyRotationDue)
    const { timestamp } = await publicClient.getBlock({ blockTag: "latest" });
    await testClient.increaseTime({ seconds: Number(committedAt + keyRotationPeriod - timestamp) });
    await testClient.mine({ blocks: 1 });
    await alice.transfer(v.endpoints!.rpcUrl, bob.address, 1_000n);
    bobExpected += 1_000n;
    const opened = await waitFor(
      `a rollup that opens key epoch ${keyEpoch + 1}`,
      async () => (await rollupsSubmitted()).find((log) => log.args.header.keyEpoch === keyEpoch + 1),
      { timeoutMs: 180_000 },
    );
    const commitment = (await publicClient.getEpochKey({ keyEpoch: keyEpoch + 1 })).commitment;
    assert.equal(opened.args.header.keyCommitment, commitment, "L1 recorded the new epoch's key commitment");
    await waitFor(
      "every node to decrypt the new epoch's rollup and apply it",
      async () => {
        const tip = await sameSafeTip([a, b, v], BigInt(opened.args.header.number));
        const balance = BigInt(await bob.read<Hex>(v.endpoints!.rpcUrl, "eth_getBalance", [bob.address, "latest"]));
        return tip !== false && balance === bobExpected;
      },
      { timeoutMs: 120_000 },
    );
    assert.ok((await v.status()).safe.keyEpoch >= keyEpoch + 1, "the validator follows the new epoch");
  });

  it("attestations about to expire: every node re-attests on its own, in time, and stays active", async () => {
    const { publicClient, testClient, manifest } = net.l1;
    const nodes = [a, b, v];
    const before = await Promise.all(
      nodes.map((node) => publicClient.getNode({ enclaveId: node.endpoints!.enclaveId })),
    );
    // L1 time moves to half an hour before the first expiry: within every node's margin (1 hour)
    const firstExpiry = before.reduce(
      (min, node) => (node.expiresAt < min ? node.expiresAt : min),
      before[0]!.expiresAt,
    );
    const { timestamp } = await publicClient.getBlock({ blockTag: "latest" });
    const from = await publicClient.getBlockNumber({ cacheTime: 0 });
    await testClient.increaseTime({ seconds: Number(firstExpiry - 1_800n - timestamp) });
    await testClient.mine({ blocks: 1 });
    const reattested = await waitFor(
      "every node to re-attest",
      async () => {
        const logs = await publicClient.getContractEvents({
          address: manifest.contracts.NetworkManagement,
          abi: networkManagementAbi,
          eventName: "NodeReattested",
          fromBlock: from,
          strict: true,
        });
        const ids = new Set(logs.map((log) => log.args.enclaveId));
        return nodes.every((node) => ids.has(node.endpoints!.enclaveId)) && logs;
      },
      { timeoutMs: 120_000 },
    );
    for (const [i, node] of nodes.entries()) {
      const after = await publicClient.getNode({ enclaveId: node.endpoints!.enclaveId });
      assert.ok(after.expiresAt > before[i]!.expiresAt + 1_800n, `${node.name}'s attestation was renewed`);
      assert.equal(after.active, true, `${node.name} is active`);
      assert.equal(
        reattested.filter((log) => log.args.enclaveId === node.endpoints!.enclaveId).length,
        1,
        `${node.name} re-attested once`,
      );
      assert.equal((await node.status()).registration, "active");
    }
  });

  /** The first `InvalidRollupSlashed` on L1 of a rollup `publisher` published. */
  async function slashOfRollupBy(publisher: Address, what: string) {
    const { publicClient, manifest } = net.l1;
    return waitFor(
      `${what} to be slashed on L1 with the other enclaves' testimonies`,
      async () => {
        const slashes = await publicClient.getContractEvents({
          address: manifest.contracts.RollupSlashing,
          abi: rollupSlashingAbi,
          eventName: "InvalidRollupSlashed",
          fromBlock: manifest.deployBlock,
          strict: true,
        });
        const published = await rollupsSubmitted();
        return slashes.find((slash) =>
          published.some(
            (log) => log.args.rollupHash === slash.args.rollupHash && isAddressEqual(log.args.publisher, publisher),
          ),
        );
      },
      { timeoutMs: 180_000 },
    );
  }

  /** How many invalid rollups a node counted for `reason` (its `/metrics`). */
  async function invalidRollupsCounted(node: NodeProcess, reason: string): Promise<number> {
    const metrics = await (await fetch(`${node.endpoints!.opsUrl}/metrics`)).text();
    const line = metrics
      .split("\n")
      .find((l) => l.startsWith(`obscuro_node_invalid_rollups_total{reason="${reason}"}`));
    return line === undefined ? 0 : Number(line.split(" ").at(-1));
  }

  it("an aggregator whose enclave lies about the state root, publishing in calldata: the other enclaves testify and L1 slashes its stake", async () => {
    const liar = a;
    const { publicClient } = net.l1;
    const stakeBefore = (await publicClient.getAggregator({ operator: liar.operator.address })).stake;
    await Promise.all([liar.kill("SIGTERM"), b.kill("SIGTERM")]);
    // The liar is the only one sequencing; the other aggregator runs as a validator and testifies.
    await liar.start({ OBSCURO_ENCLAVE_FAULT: "lying-state-root", OBSCURO_NODE_DATA_MODE: "calldata" });
    await b.start({ OBSCURO_NODE_MODE: "validator" });
    await Promise.all([liar.ready(), b.ready()]);
    await alice.transfer(v.endpoints!.rpcUrl, bob.address, 1_000n);
    const slash = await slashOfRollupBy(liar.operator.address, "the lying rollup");
    const lying = (await rollupsSubmitted()).find((log) => log.args.rollupHash === slash.args.rollupHash)!;
    assert.equal(lying.args.blobs, false, "its data went in calldata");
    assert.ok((await invalidRollupsCounted(v, "STATE_ROOT_MISMATCH")) >= 1, "the validator counted the lie");
    const stakeAfter = (await publicClient.getAggregator({ operator: liar.operator.address })).stake;
    assert.ok(stakeAfter < stakeBefore, `stake ${stakeBefore} → ${stakeAfter}`);
  });

  it("a staked aggregator publishes a junk blob: every other node flags it, testifies, L1 slashes it, and no node crashes", async () => {
    const junkPublisher = b;
    const { publicClient } = net.l1;
    const stakeBefore = (await publicClient.getAggregator({ operator: junkPublisher.operator.address })).stake;
    await Promise.all([a.kill("SIGTERM"), junkPublisher.kill("SIGTERM")]);
    // The junk publisher is the only one sequencing; its enclave signs rollups whose blobs are random bytes.
    await junkPublisher.start({ OBSCURO_ENCLAVE_FAULT: "junk-payload" });
    await a.start({ OBSCURO_NODE_MODE: "validator" });
    await Promise.all([junkPublisher.ready(), a.ready()]);
    await alice.transfer(v.endpoints!.rpcUrl, bob.address, 1_000n);
    await slashOfRollupBy(junkPublisher.operator.address, "the junk rollup");
    for (const node of [a, v])
      assert.ok((await invalidRollupsCounted(node, "UNDECODABLE_PAYLOAD")) >= 1, `${node.name} flagged the junk blob`);
    for (const node of [a, b, v]) {
      assert.ok(node.running, `${node.name} is still running`);
      assert.equal((await fetch(`${node.endpoints!.opsUrl}/health`)).status, 200, `${node.name} is healthy`);
    }
    const stakeAfter = (await publicClient.getAggregator({ operator: junkPublisher.operator.address })).stake;
    assert.ok(stakeAfter < stakeBefore, `stake ${stakeBefore} → ${stakeAfter}`);
  });
});
