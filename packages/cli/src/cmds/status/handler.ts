import {
  AssetKind,
  ContestState,
  MeasurementStatus,
  NodeStatus,
  ProposalState,
  RollupNotFoundError,
  type GetAggregatorReturnType,
} from "@obscuro/sdk";
import type { Command } from "commander";
import { erc20Abi, formatUnits, getAddress, type Address } from "viem";
import { getBalance, readContract } from "viem/actions";
import { print, printJson } from "../../util/command.ts";
import { usageError } from "../../util/errors.ts";
import { formatDuration, formatTime, formatToken } from "../../util/format.ts";
import { connect, type L1, type NetworkOptions } from "../../util/network.ts";
import { bold, dim, green, red } from "../../util/output.ts";

export interface StatusOptions extends NetworkOptions {
  enclave?: Address;
  operator?: Address;
}

const nodeStatusName = (status: number) =>
  (Object.keys(NodeStatus) as (keyof typeof NodeStatus)[]).find((k) => NodeStatus[k] === status) ?? String(status);
const measurementStatusName = (status: number) =>
  (Object.keys(MeasurementStatus) as (keyof typeof MeasurementStatus)[]).find((k) => MeasurementStatus[k] === status) ??
  String(status);
const contestStateName = (state: number) =>
  (Object.keys(ContestState) as (keyof typeof ContestState)[]).find((k) => ContestState[k] === state) ?? String(state);

/** `obscuro status`: the network at a glance, one node (`--enclave`) or one operator (`--operator`). */
export async function runStatus(options: StatusOptions, _command: Command): Promise<void> {
  if (options.enclave && options.operator) {
    throw usageError("STATUS_OPTIONS", "Ask about one node (--enclave) or one operator (--operator), not both.");
  }
  const l1 = await connect(options);
  if (options.enclave) return nodeStatus(l1, options.enclave, options.json);
  if (options.operator) return operatorStatus(l1, options.operator, options.json);
  return networkStatus(l1, options.json);
}

// ───────────────────────────────────────────── one node

async function nodeStatus(l1: L1, enclaveId: Address, json: boolean): Promise<void> {
  const { publicClient } = l1;
  const [node, policy] = await Promise.all([publicClient.getNode({ enclaveId }), publicClient.getEnclavePolicy()]);
  const known = node.status !== NodeStatus.None || node.operator !== "0x0000000000000000000000000000000000000000";
  const [measurement, aggregator] = known
    ? await Promise.all([
        publicClient.getMeasurementStatus({ measurement: node.measurement }),
        publicClient.getAggregator({ operator: node.operator }),
      ])
    : [undefined, undefined];
  const now = l1.latest.timestamp;
  const expired = node.status === NodeStatus.Active && node.expiresAt <= now;
  const inactiveBecause = node.active
    ? undefined
    : node.status === NodeStatus.None
      ? "not registered"
      : node.status === NodeStatus.AwaitingSecret
        ? "awaiting the network secret"
        : node.status === NodeStatus.Deregistered
          ? "deregistered"
          : expired
            ? "its key expired: re-attest"
            : measurement !== MeasurementStatus.Approved
              ? "its measurement is not approved (revoked?)"
              : "inactive";
  const result = {
    enclaveId,
    registered: known,
    operator: node.operator,
    status: nodeStatusName(node.status),
    active: node.active,
    inactiveBecause,
    hasSecret: node.hasSecret,
    requestedAt: node.requestedAt,
    expiresAt: node.expiresAt,
    keyLifetime: policy.keyLifetime,
    measurement: node.measurement,
    measurementStatus: measurement === undefined ? undefined : measurementStatusName(measurement),
    aggregator: aggregator && describeAggregator(aggregator),
  };
  if (json) return printJson(result);
  if (!known) {
    print(`${bold("Node")} ${enclaveId}: ${dim("not registered on this network")}`);
    return;
  }
  print(
    `${bold("Node")} ${enclaveId}`,
    `  operator       ${node.operator}`,
    `  registration   ${result.status}${node.requestedAt > 0n ? dim(` (since ${formatTime(node.requestedAt)})`) : ""}`,
    `  active         ${node.active ? green("yes") : `${red("no")}: ${inactiveBecause}`}`,
    `  secret         ${node.hasSecret ? "held (its ciphertext is on L1)" : "not yet"}`,
    `  key expires    ${node.expiresAt > 0n ? formatTime(node.expiresAt) : dim("n/a")}`,
    `  measurement    ${node.measurement} (${result.measurementStatus})`,
    ...aggregatorLines(aggregator!),
  );
}

// ───────────────────────────────────────────── one operator

async function operatorStatus(l1: L1, operator: Address, json: boolean): Promise<void> {
  const aggregator = await l1.publicClient.getAggregator({ operator });
  if (json) return printJson(describeAggregator(aggregator));
  print(`${bold("Operator")} ${operator}`, ...aggregatorLines(aggregator));
}

function describeAggregator(a: GetAggregatorReturnType) {
  return {
    operator: a.operator,
    stake: a.stake,
    unbonding: a.unbonding,
    unbondingEnds: a.unbondingEnds,
    listed: a.listed,
    hostAddress: a.hostAddress,
    isPublisher: a.isPublisher,
  };
}

function aggregatorLines(a: GetAggregatorReturnType): string[] {
  if (!a.listed && a.stake === 0n && a.unbonding === 0n) return [`  aggregator     ${dim("no (no stake)")}`];
  return [
    `  stake          ${formatToken(a.stake)}${a.isPublisher ? dim(" (may publish)") : dim(" (below the minimum: cannot publish)")}`,
    `  host           ${a.listed ? a.hostAddress : dim("not listed")}`,
    ...(a.unbonding > 0n
      ? [`  unbonding      ${formatToken(a.unbonding)}, withdrawable from ${formatTime(a.unbondingEnds)}`]
      : []),
  ];
}

// ───────────────────────────────────────────── the network

/**
 * The key epoch of the canonical head, when L1 recorded it, and when a rollup that keeps it will
 * be refused (`committedAt + keyRotationPeriod`); undefined before the first rollup.
 */
async function keyEpochOf(l1: L1, head: { hash: `0x${string}`; number: bigint }) {
  if (head.number === 0n) return undefined;
  const { publicClient } = l1;
  const rollup = await publicClient.getRollup({ rollupHash: head.hash });
  const [{ committedAt }, { keyRotationPeriod }] = await Promise.all([
    publicClient.getEpochKey({ keyEpoch: rollup.keyEpoch }),
    publicClient.getKeyParameters(),
  ]);
  return { epoch: rollup.keyEpoch, committedAt, rotationDueAt: committedAt + keyRotationPeriod };
}

async function networkStatus(l1: L1, json: boolean): Promise<void> {
  const { publicClient, manifest } = l1;
  const bridge = manifest.contracts.BridgeManagement;
  const [nodes, hosts, info, head, forks, emergency, deposits, ethBalance, proposals, council] = await Promise.all([
    publicClient.getNodes(),
    publicClient.getAllHostAddresses(),
    publicClient.getNetworkInfo(),
    publicClient.getCanonicalHead(),
    publicClient.getForkStatus(),
    publicClient.getEmergencyStatus(),
    publicClient.getDeposits(),
    getBalance(publicClient, { address: bridge }),
    manifest.contracts.ObscuroGovernor ? publicClient.getProposals() : Promise.resolve(undefined),
    manifest.settings.councilSafe ? publicClient.getCouncilSafe() : Promise.resolve(undefined),
  ]);
  let finality: { final: boolean; finalAtBlock?: bigint | undefined; seconds?: number | undefined } | undefined;
  try {
    finality = await publicClient.getTimeToFinality({ rollupHash: head.hash });
  } catch (error) {
    if (!(error instanceof RollupNotFoundError)) throw error;
    finality = undefined; // the genesis: no rollup yet
  }
  const keyEpoch = await keyEpochOf(l1, head);
  const operators = new Set<Address>([
    ...hosts.map((h) => getAddress(h.operator)),
    ...nodes.filter((n) => n.status !== NodeStatus.None).map((n) => getAddress(n.operator)),
  ]);
  const aggregators = (
    await Promise.all([...operators].map((operator) => publicClient.getAggregator({ operator })))
  ).filter((a) => a.listed || a.stake > 0n || a.unbonding > 0n);
  const tokens = [
    ...new Set(deposits.filter((d) => d.kind !== AssetKind.Eth).map((d) => `${d.kind}:${getAddress(d.token)}`)),
  ].map((key) => ({ kind: Number(key.split(":")[0]) as AssetKind, token: key.split(":")[1] as Address }));
  const tokenBalances = await Promise.all(
    tokens.map(async ({ kind, token }) => {
      const read = { address: token, abi: erc20Abi } as const;
      const [balance, symbol, decimals] = await Promise.all([
        readContract(publicClient, { ...read, functionName: "balanceOf", args: [bridge] }),
        readContract(publicClient, { ...read, functionName: "symbol" }).catch(() => undefined),
        kind === AssetKind.Erc20
          ? readContract(publicClient, { ...read, functionName: "decimals" }).catch(() => 18)
          : Promise.resolve(0),
      ]);
      return { token, kind: kind === AssetKind.Erc20 ? "ERC20" : "ERC721", symbol, balance, decimals };
    }),
  );
  const open = proposals?.filter(
    (p) =>
      p.state === ProposalState.Pending ||
      p.state === ProposalState.Active ||
      p.state === ProposalState.Succeeded ||
      p.state === ProposalState.Queued,
  );
  const result = {
    l1: {
      chainId: l1.chainId,
      rpcUrl: l1.rpcUrl,
      blockNumber: l1.latest.number,
      timestamp: l1.latest.timestamp,
      manifest: l1.manifestPath,
      deployBlock: manifest.deployBlock,
    },
    network: {
      initialized: info.networkKey !== "0x0000000000000000000000000000000000000000",
      networkKey: info.networkKey,
      genesisEnclave: info.genesisEnclave,
      registrationFee: info.registrationFee,
      minStake: info.minStake,
      unbondingPeriod: info.unbondingPeriod,
    },
    nodes: nodes.map((n) => ({
      enclaveId: n.enclaveId,
      operator: n.operator,
      status: nodeStatusName(n.status),
      active: n.active,
      hasSecret: n.hasSecret,
      expiresAt: n.expiresAt,
      measurement: n.measurement,
    })),
    aggregators: aggregators.map(describeAggregator),
    rollups: {
      head: { hash: head.hash, number: head.number },
      headFinal: finality?.final,
      headFinalAtBlock: finality?.finalAtBlock,
      contests: forks.contests.map((c) => ({ ...c, state: contestStateName(c.state) })),
      finalitySuspended: forks.finalitySuspended,
      keyEpoch,
    },
    bridge: {
      address: bridge,
      deposits: deposits.length,
      eth: ethBalance,
      tokens: tokenBalances,
    },
    emergency: {
      paused: emergency.paused,
      pausedUntil: emergency.pausedUntil,
      breachDeclared: emergency.breachDeclared,
      frozen: emergency.frozen,
      frozenLedger: emergency.frozenLedger,
    },
    governance: {
      governance: manifest.settings.governance,
      governor: manifest.contracts.ObscuroGovernor,
      proposals: proposals?.length,
      openProposals: open?.map((p) => ({ proposalId: p.proposalId, state: p.stateName, description: p.description })),
    },
    council: {
      address: manifest.settings.council,
      threshold: council?.threshold,
      owners: council?.owners,
      nonce: council?.nonce,
    },
  };
  if (json) return printJson(result);

  const section = (title: string) => `\n${bold(title)}`;
  const table = (header: string[], rows: string[][]) => {
    if (rows.length === 0) return [`  ${dim("none")}`];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join("  ")}`.trimEnd();
    return [dim(line(header)), ...rows.map(line)];
  };
  const shortHex = (value: string) => `${value.slice(0, 10)}…${value.slice(-4)}`;
  print(
    `${bold("Obscuro")} on chain ${l1.chainId} at L1 block ${l1.latest.number} (${formatTime(l1.latest.timestamp).split(" ")[0]})`,
    dim(`  ${l1.manifestPath}; ${l1.rpcUrl}`),
    `  network        ${result.network.initialized ? `initialized (genesis enclave ${info.genesisEnclave})` : "not initialized: no genesis node yet"}`,
    section(`Nodes (${nodes.filter((n) => n.active).length} active of ${nodes.length})`),
    ...table(
      ["enclave", "operator", "status", "active", "secret", "key expires"],
      nodes.map((n) => [
        n.enclaveId,
        shortHex(n.operator),
        nodeStatusName(n.status),
        n.active ? "yes" : "no",
        n.hasSecret ? "yes" : "no",
        n.expiresAt > 0n ? formatTime(n.expiresAt).split(" ")[0]! : "-",
      ]),
    ),
    section(`Aggregators (minimum stake ${formatToken(info.minStake)})`),
    ...table(
      ["operator", "stake", "unbonding", "publisher", "host"],
      aggregators.map((a) => [
        a.operator,
        formatToken(a.stake),
        a.unbonding > 0n ? formatToken(a.unbonding) : "-",
        a.isPublisher ? "yes" : "no",
        a.listed ? a.hostAddress : "-",
      ]),
    ),
    section("Rollups"),
    `  canonical head ${head.number === 0n && !finality ? dim("none yet (genesis)") : `#${head.number} ${head.hash}`}`,
    ...(finality
      ? [
          `  finality       ${finality.final ? green("final") : finality.finalAtBlock !== undefined ? `final at L1 block ${finality.finalAtBlock}${finality.seconds !== undefined ? ` (~${formatDuration(Math.round(finality.seconds))})` : ""}` : "held back by a contest"}`,
        ]
      : []),
    ...(keyEpoch
      ? [
          `  key epoch      ${keyEpoch.epoch}, opened ${formatTime(keyEpoch.committedAt)}; rotation due ${formatTime(keyEpoch.rotationDueAt)}`,
        ]
      : []),
    `  forks          ${forks.contests.length === 0 ? "none" : `${forks.contests.length} contest(s)${forks.finalitySuspended ? red(", finality suspended") : ""}`}`,
    ...forks.contests.map(
      (c) =>
        `    branch ${c.branch} from #${c.forkNumber}: ${c.depth} deep, tip ${shortHex(c.tip)}, ${contestStateName(c.state)}`,
    ),
    section("Bridge"),
    `  address        ${bridge} (${deposits.length} deposits)`,
    `  ETH            ${formatToken(ethBalance, "ETH")}`,
    ...tokenBalances.map(
      (t) =>
        `  ${(t.symbol ?? t.kind).padEnd(14)} ${t.kind === "ERC20" ? formatUnits(t.balance, t.decimals) : `${t.balance} token(s)`} ${dim(t.token)}`,
    ),
    section("Emergency"),
    `  paused         ${emergency.paused ? red(`yes, until ${formatTime(emergency.pausedUntil)}`) : "no"}`,
    `  breach         ${emergency.breachDeclared ? red("declared") : "no"}`,
    `  frozen         ${emergency.frozenLedger ? red(`yes, on rollup #${emergency.frozenLedger.number} (exit mode)`) : "no"}`,
    section("Governance"),
    `  governance     ${manifest.settings.governance}${manifest.contracts.ObscuroGovernor ? ` (Governor ${manifest.contracts.ObscuroGovernor})` : ""}`,
    ...(proposals
      ? [
          `  proposals      ${proposals.length}, ${open!.length} open`,
          ...open!.map((p) => `    ${p.stateName.padEnd(9)} ${p.proposalId} ${dim(p.description.split("\n")[0]!)}`),
        ]
      : []),
    `  council        ${manifest.settings.council}${council ? ` (Safe, ${council.threshold} of ${council.owners.length} owners, nonce ${council.nonce})` : ""}`,
  );
}
