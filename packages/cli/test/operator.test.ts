import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEFAULT_MIN_STAKE, DEFAULT_UNBONDING_PERIOD, NodeStatus } from "@obscuro/sdk";
import { foundDevNetwork } from "@obscuro/sdk/devtools";
import { parseEther, type Address } from "viem";
import { assertFails, jsonOf, obscuro, startCliNetwork, type CliNetwork } from "./helpers/cli.ts";

interface AggregatorJson {
  operator: Address;
  stake: string;
  unbonding: string;
  listed: boolean;
  hostAddress: string;
  isPublisher: boolean;
}

describe("obscuro aggregator, deregister and status", () => {
  let net: CliNetwork;
  let operator: string;
  let outsider: string;
  let enclaveId: Address;
  const HOST = "/dns4/aggregator.example.org/tcp/30303";

  before(async () => {
    net = await startCliNetwork();
    // The genesis node of account 0: registered, holding the secret, staked at the minimum.
    const founded = await foundDevNetwork(net.wallet(0));
    enclaveId = founded.enclave.enclaveId;
    await net.mined(net.wallet(3).depositEth({ to: net.anvil.accounts[3]!.address, amount: parseEther("1.5") }));
    [operator, outsider] = await Promise.all([net.account(0), net.account(7)]);
  });
  after(async () => net?.close());

  it("shows the network and one node: registration, secret, key expiry, stake and host", async () => {
    const [node, network, table] = await Promise.all([
      obscuro(["status", "--enclave", enclaveId, ...net.network, "--json"]),
      obscuro(["status", ...net.network, "--json"]),
      obscuro(["status", ...net.network]),
    ]);
    const n = jsonOf<{
      status: string;
      active: boolean;
      hasSecret: boolean;
      expiresAt: string;
      aggregator: AggregatorJson;
    }>(node);
    assert.equal(n.status, "Active");
    assert.equal(n.active, true);
    assert.equal(n.hasSecret, true);
    assert.ok(BigInt(n.expiresAt) > BigInt(Math.floor(Date.now() / 1000)));
    assert.equal(BigInt(n.aggregator.stake), DEFAULT_MIN_STAKE);

    const s = jsonOf<{
      nodes: { enclaveId: Address; active: boolean }[];
      aggregators: AggregatorJson[];
      rollups: { head: { number: string } };
      bridge: { eth: string; deposits: number };
      emergency: { paused: boolean; breachDeclared: boolean };
    }>(network);
    assert.deepEqual(
      s.nodes.map((x) => [x.enclaveId, x.active]),
      [[enclaveId, true]],
    );
    assert.equal(s.aggregators.length, 1);
    assert.equal(s.aggregators[0]!.hostAddress, "/ip4/127.0.0.1/tcp/30303");
    assert.equal(s.rollups.head.number, "0");
    assert.equal(BigInt(s.bridge.eth), parseEther("1.5"));
    assert.equal(s.bridge.deposits, 1);
    assert.deepEqual([s.emergency.paused, s.emergency.breachDeclared], [false, false]);

    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Nodes \(1 active of 1\)/);
    assert.match(table.stdout, new RegExp(`${enclaveId}\\s+0x[0-9a-fA-F]{8}…[0-9a-fA-F]{4}\\s+Active\\s+yes\\s+yes`));
    assert.match(table.stdout, /ETH\s+1\.5 ETH/);
    assert.match(table.stdout, /paused\s+no/);
  });

  it("stakes more, moves the host, unstakes, withdraws after unbonding and stakes again", async () => {
    const stake = jsonOf<AggregatorJson>(
      await obscuro(["aggregator", "stake", "500", "--private-key-file", operator, ...net.network, "--json"]),
    );
    assert.equal(BigInt(stake.stake), DEFAULT_MIN_STAKE + parseEther("500"));

    const host = jsonOf<AggregatorJson>(
      await obscuro(["aggregator", "set-host", HOST, "--private-key-file", operator, ...net.network, "--json"]),
    );
    assert.equal(host.hostAddress, HOST);
    assert.deepEqual(await net.publicClient.getAllHostAddresses(), [{ operator: host.operator, hostAddress: HOST }]);

    const [registered, stranger] = await Promise.all([
      obscuro([
        "aggregator",
        "stake",
        "1",
        "--enclave",
        enclaveId,
        "--host",
        HOST,
        "--private-key-file",
        operator,
        ...net.network,
      ]),
      obscuro(["aggregator", "set-host", HOST, "--private-key-file", outsider, ...net.network, "--json"]),
    ]);
    assertFails(registered, 2, "AGGREGATOR_REGISTERED", /is an aggregator already: stake without --enclave and --host/);
    const error = assertFails(
      stranger,
      1,
      "CONTRACT_CALL_REVERTED",
      /^✖ 0x[0-9a-fA-F]{40} is not an aggregator \(never staked, or unstaked already\)\.$/,
    );
    assert.equal(error.errorName, "NetworkManagement_NotAggregator");

    const unstaked = jsonOf<AggregatorJson>(
      await obscuro(["aggregator", "unstake", "--private-key-file", operator, ...net.network, "--json"]),
    );
    assert.equal(BigInt(unstaked.unbonding), DEFAULT_MIN_STAKE + parseEther("500"));
    assert.equal(unstaked.listed, false);

    assertFails(
      await obscuro(["aggregator", "withdraw-stake", "--private-key-file", operator, ...net.network]),
      1,
      "CONTRACT_CALL_REVERTED",
      /^✖ The stake is still unbonding: it can be withdrawn from \d{4}-\d\d-\d\dT[\d:]+Z \(in (23 h 59 min|1 d)\)\.$/,
    );
    await net.travel(DEFAULT_UNBONDING_PERIOD);
    const withdrawn = await obscuro(["aggregator", "withdraw-stake", "--private-key-file", operator, ...net.network]);
    assert.equal(withdrawn.code, 0, withdrawn.stderr);
    assert.match(withdrawn.stdout, /Withdrew 10500 OBX/);

    // No stake left: staking again registers, with the enclave and host; below the minimum it is refused.
    const [tooLittle, noEnclave] = await Promise.all([
      obscuro([
        "aggregator",
        "stake",
        "1",
        "--enclave",
        enclaveId,
        "--host",
        HOST,
        "--private-key-file",
        operator,
        ...net.network,
      ]),
      obscuro(["aggregator", "stake", "10000", "--private-key-file", operator, ...net.network]),
    ]);
    assertFails(
      tooLittle,
      1,
      "CONTRACT_CALL_REVERTED",
      /^✖ The stake would be 1 OBX, below the minimum stake of 10000 OBX\.$/,
    );
    assertFails(
      noEnclave,
      2,
      "AGGREGATOR_REGISTRATION",
      /is not an aggregator yet: the first stake needs its active enclave \(--enclave\) and its host address \(--host\)\./,
    );
    const again = jsonOf<AggregatorJson>(
      await obscuro([
        "aggregator",
        "stake",
        "10000",
        "--enclave",
        enclaveId,
        "--host",
        HOST,
        "--private-key-file",
        operator,
        ...net.network,
        "--json",
      ]),
    );
    assert.deepEqual([BigInt(again.stake), again.listed, again.isPublisher], [DEFAULT_MIN_STAKE, true, true]);
  });

  it("deregisters a node only with --yes and only from its operator", async () => {
    const [unconfirmed, stranger, noKey] = await Promise.all([
      obscuro(["deregister", "--enclave", enclaveId, "--private-key-file", operator, ...net.network]),
      obscuro(["deregister", "--enclave", enclaveId, "--yes", "--private-key-file", outsider, ...net.network]),
      obscuro(["deregister", "--enclave", enclaveId, "--yes", ...net.network]),
    ]);
    assertFails(
      unconfirmed,
      2,
      "CONFIRMATION_REQUIRED",
      /Deregistering enclave 0x[0-9a-fA-F]{40} is permanent: pass --yes to confirm\./,
    );
    assertFails(
      stranger,
      1,
      "CONTRACT_CALL_REVERTED",
      /^✖ 0x[0-9a-fA-F]{40} is not the operator of enclave 0x[0-9a-fA-F]{40}\.$/,
    );
    assertFails(
      noKey,
      2,
      "KEY_REQUIRED",
      /This command needs the key of the operator: pass --private-key-file or --keystore\./,
    );

    const done = await obscuro([
      "deregister",
      "--enclave",
      enclaveId,
      "--yes",
      "--private-key-file",
      operator,
      ...net.network,
    ]);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /Deregistered enclave/);
    assert.equal((await net.publicClient.getNode({ enclaveId })).status, NodeStatus.Deregistered);
    const status = await obscuro(["status", "--enclave", enclaveId, ...net.network]);
    assert.match(status.stdout, /registration\s+Deregistered/);
    assert.match(status.stdout, /active\s+no: deregistered/);
  });
});
