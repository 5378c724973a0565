// The explorer's page script: renders the section the path names from the JSON API (/api/…) and
// polls it every two seconds, replacing the section only when its data changed. Plain JavaScript,
// no build step; every string from the API goes through `esc` before it reaches the DOM.

const POLL_MS = 2000;
const main = document.getElementById("main");
const banner = document.getElementById("banner");
const l1Block = document.getElementById("l1-block");
const liveDot = document.getElementById("live-dot");

let timer;
let lastBody = "";
let generation = 0;

// ───────────────────────────────────────────── formatting

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function short(hex, head = 6, tail = 4) {
  if (!hex) return "–";
  return hex.length > head + tail + 2 ? `${hex.slice(0, head + 2)}…${hex.slice(-tail)}` : hex;
}

function hash(hex, { link } = {}) {
  const text = `<code class="hash" title="${esc(hex)}">${esc(short(hex))}</code>`;
  return link ? `<a href="${esc(link)}" data-link>${text}</a>` : text;
}

/** A decimal string of base units as a number of whole units, grouped, with up to `places` decimals. */
function units(value, decimals = 18, places = 4) {
  if (value === null || value === undefined) return "–";
  const v = BigInt(value);
  const base = 10n ** BigInt(decimals ?? 0);
  const whole = v / base;
  let fraction = decimals ? (v % base).toString().padStart(decimals, "0").slice(0, places) : "";
  fraction = fraction.replace(/0+$/, "");
  return `${whole.toLocaleString("en-US")}${fraction ? `.${fraction}` : ""}`;
}

function num(value) {
  if (value === null || value === undefined) return "–";
  return BigInt(value).toLocaleString("en-US");
}

function ago(unixSeconds) {
  const seconds = Math.max(0, Math.round(Date.now() / 1000 - Number(unixSeconds)));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

function date(unixSeconds) {
  if (!unixSeconds || unixSeconds === "0") return "–";
  return new Date(Number(unixSeconds) * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

function badge(text, kind = "neutral") {
  return `<span class="badge ${kind}">${esc(text)}</span>`;
}

function card(label, value, sub = "", kind = "") {
  return `<div class="card ${kind}"><div class="label">${esc(label)}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
}

function table(headers, rows, empty) {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("");
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function section(title, content, note = "") {
  return `<section class="panel"><h2>${esc(title)}${note ? ` <span class="note">${note}</span>` : ""}</h2>${content}</section>`;
}

function rollupStatus(r) {
  if (r.invalid) return badge("invalid", "bad");
  if (r.final) return badge("final", "good");
  if (r.canonical) return badge("canonical", "info");
  return badge("fork", "warn");
}

function emergencyBadges(e) {
  const list = [];
  if (e.frozen) list.push(badge("exit mode", "bad"));
  if (e.breachDeclared) list.push(badge("breach declared", "bad"));
  if (e.paused) list.push(badge(`paused until ${date(e.pausedUntil)}`, "warn"));
  return list.length ? list.join(" ") : badge("normal operation", "good");
}

// ───────────────────────────────────────────── sections

const routes = [
  { match: /^\/$/, api: () => "/api/overview", render: renderOverview },
  { match: /^\/network$/, api: () => "/api/network", render: renderNetwork },
  { match: /^\/rollups$/, api: () => "/api/rollups", render: renderRollups },
  { match: /^\/rollups\/(0x[0-9a-fA-F]{64})$/, api: (m) => `/api/rollups/${m[1]}`, render: renderRollup },
  { match: /^\/bridge$/, api: () => "/api/bridge", render: renderBridge },
  { match: /^\/governance$/, api: () => "/api/governance", render: renderGovernance },
];

function renderOverview(d) {
  const e = d.emergency;
  const health = e.frozen || e.breachDeclared ? "bad" : e.paused ? "warn" : "";
  return `
  <h1>Overview</h1>
  <div class="cards">
    ${card("L1 block", num(d.head.number), `${esc(ago(d.head.timestamp))} · chain ${esc(d.head.chainId)}`)}
    ${card("Canonical head", `#${num(d.canonicalHead.number)}`, hash(d.canonicalHead.hash, { link: `/rollups/${d.canonicalHead.hash}` }))}
    ${card(
      "Final head",
      d.finalHead ? `#${num(d.finalHead.number)}` : "none yet",
      d.finalHead ? hash(d.finalHead.hash, { link: `/rollups/${d.finalHead.hash}` }) : "no rollup is final yet",
      "good",
    )}
    ${card(
      "Finality",
      d.finalitySuspended ? "suspended" : "flowing",
      d.openContests ? `${d.openContests} open contest${d.openContests > 1 ? "s" : ""}` : "no open contest",
      d.finalitySuspended ? "warn" : "",
    )}
    ${card("Nodes", `${d.counts.activeNodes} / ${d.counts.nodes}`, `active / registered · ${d.counts.awaitingSecret} awaiting the secret`)}
    ${card("Aggregators", String(d.counts.aggregators), `${d.counts.publishers} staked publisher${d.counts.publishers === 1 ? "" : "s"}`)}
    ${card(
      "L2",
      d.l2.highestL2Block === null ? "–" : `block ${num(d.l2.highestL2Block)}`,
      d.l2.nodes
        ? `${d.l2.reachable} of ${d.l2.nodes} node${d.l2.nodes === 1 ? "" : "s"} reporting`
        : "no node status configured",
    )}
    ${card("Bridge", `${units(d.bridge.eth)} ETH`, `${num(d.bridge.deposits)} deposits · ${num(d.bridge.consumedByL2)} in L2`)}
    ${card(
      "Withdrawals",
      String(d.bridge.pendingWithdrawalRollups),
      "rollups with withdrawals awaiting finality",
      d.bridge.pendingWithdrawalRollups ? "info" : "",
    )}
    ${card("Emergency", emergencyBadges(e), "bridge pause, breach, exit mode", health)}
    ${card(
      "Governance",
      d.proposals.total === null ? "no Governor" : `${d.proposals.total} proposal${d.proposals.total === 1 ? "" : "s"}`,
      d.proposals.active ? `${d.proposals.active} voting now` : "none voting now",
    )}
  </div>
  ${section(
    "Deployment",
    `<dl class="kv">
      <dt>Deployed at L1 block</dt><dd>${num(d.manifest.deployBlock)}</dd>
      <dt>Commit</dt><dd><code>${esc(short(d.manifest.commit, 10, 0).replace("…", ""))}</code></dd>
      <dt>Network key</dt><dd>${hash(d.networkKey)}</dd>
      ${Object.entries(d.manifest.contracts)
        .map(([name, address]) => `<dt>${esc(name)}</dt><dd>${hash(address)}</dd>`)
        .join("")}
    </dl>`,
  )}`;
}

function renderNetwork(d) {
  const nodes = d.nodes.map((n) => [
    hash(n.enclaveId),
    hash(n.operator),
    badge(n.status, n.active ? "good" : n.status === "AwaitingSecret" ? "warn" : "neutral") +
      (n.genesis ? ` ${badge("genesis", "info")}` : ""),
    n.active ? "yes" : "no",
    esc(date(n.expiresAt)),
    num(n.registeredAtBlock),
  ]);
  const aggregators = d.aggregators.map((a) => [
    hash(a.operator),
    `${units(a.stake)} OBX`,
    a.unbonding === "0" ? "–" : `${units(a.unbonding)} OBX`,
    a.isPublisher ? badge("publisher", "good") : badge("below min stake", "warn"),
    a.listed ? `<code class="addr">${esc(a.hostAddress)}</code>` : "–",
  ]);
  const hosts = d.hosts.map((h) => [hash(h.operator), `<code class="addr">${esc(h.hostAddress)}</code>`]);
  const l2 = d.l2.map((n) =>
    n.reachable
      ? [
          `${badge(n.mode ?? "?", n.mode === "aggregator" ? "info" : "neutral")}`,
          hash(n.enclaveId),
          badge(n.registration ?? "?", n.registration === "active" ? "good" : "warn") +
            (n.degraded ? ` ${badge("degraded", "bad")}` : ""),
          n.l2Head ? `#${num(n.l2Head.number)} ${hash(n.l2Head.hash)}` : "–",
          n.safe ? `#${num(n.safe.number)}` : "–",
          n.l1 ? `${num(n.l1.processed)} / ${num(n.l1.latest)}` : "–",
          String(n.peers ?? "–"),
          String(n.mempool ?? "–"),
          n.sequencer
            ? `${n.sequencer.sequencing ? badge("sequencing", "good") : ""} ${n.sequencer.rollupsPublished} rollups · ${n.sequencer.batchesProduced} batches`
            : "–",
        ]
      : [badge("unreachable", "bad"), "–", "–", "–", "–", "–", "–", "–", "–"],
  );
  return `
  <h1>Network</h1>
  <div class="cards">
    ${card("Registered nodes", String(d.counts.nodes), `${d.counts.activeNodes} active`)}
    ${card("Aggregators", String(d.counts.aggregators), `${d.counts.publishers} publishing`)}
    ${card("Minimum stake", `${units(d.info.minStake)} OBX`, `unbonding ${num(d.info.unbondingPeriod)} s`)}
    ${card("Registration fee", `${units(d.info.registrationFee)} ETH`, `response timeout ${num(d.info.responseTimeout)} s`)}
  </div>
  ${section("Nodes (L2 status)", table(["mode", "enclave", "registration", "L2 head", "safe rollup", "L1 processed / latest", "peers", "mempool", "sequencer"], l2, "No node status endpoint configured."), "from each node's public /status")}
  ${section("Enclaves on L1", table(["enclave", "operator", "status", "active", "attestation expires", "registered at block"], nodes, "No node registered yet."))}
  ${section("Aggregators", table(["operator", "stake", "unbonding", "", "host address"], aggregators, "No aggregator staked yet."))}
  ${section("Host list", table(["operator", "host address"], hosts, "The host list is empty."), "where nodes find aggregators")}`;
}

/** Lays the rollups out: canonical ones on the top lane, each fork branch on a lane of its own. */
function layoutTree(d) {
  const rollups = d.rollups;
  if (rollups.length === 0) return { svg: "", width: 0 };
  const lanes = new Map();
  let nextLane = 1;
  for (const r of rollups) {
    if (r.canonical) continue;
    if (!lanes.has(r.branch)) lanes.set(r.branch, nextLane++);
  }
  const numbers = rollups.map((r) => Number(r.number));
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const X = 84;
  const Y = 64;
  const pad = 40;
  const pos = new Map();
  for (const r of rollups) {
    pos.set(r.hash, { x: pad + (Number(r.number) - min) * X, y: pad + (r.canonical ? 0 : lanes.get(r.branch)) * Y });
  }
  // The genesis (not a submitted rollup) as the root when the first rollups are in view.
  const genesisParents = new Set(rollups.filter((r) => Number(r.number) === 1).map((r) => r.parentHash));
  const genesis = min === 1 && genesisParents.size === 1 ? { x: pad, y: pad } : undefined;
  if (genesis) {
    for (const r of rollups) {
      const p = pos.get(r.hash);
      p.x += X;
    }
    pos.set([...genesisParents][0], genesis);
  }
  const columns = max - min + (genesis ? 1 : 0);
  const width = Math.max(pad * 2 + columns * X, 320);
  const height = pad * 2 + (nextLane - 1) * Y;
  const edges = [];
  for (const r of rollups) {
    const from = pos.get(r.parentHash);
    const to = pos.get(r.hash);
    if (!from) continue;
    const path =
      from.y === to.y
        ? `M${from.x},${from.y} L${to.x},${to.y}`
        : `M${from.x},${from.y} C${from.x + X / 2},${from.y} ${to.x - X / 2},${to.y} ${to.x},${to.y}`;
    edges.push(`<path class="edge ${r.canonical ? "canonical" : "fork"}" d="${path}"/>`);
  }
  const finalHead = d.finalHead ? pos.get(d.finalHead.hash) : undefined;
  const marker = finalHead
    ? `<rect class="final-zone" x="0" y="0" width="${finalHead.x + X / 2}" height="${height}"/>
       <line class="final-line" x1="${finalHead.x + X / 2}" y1="0" x2="${finalHead.x + X / 2}" y2="${height}"/>
       <text class="final-label" x="${finalHead.x + X / 2 - 6}" y="14" text-anchor="end">final</text>`
    : "";
  const root = genesis
    ? `<g class="genesis"><title>genesis ${esc([...genesisParents][0])}</title><circle cx="${genesis.x}" cy="${genesis.y}" r="9"/>
       <text x="${genesis.x}" y="${genesis.y + 26}" text-anchor="middle">genesis</text></g>`
    : "";
  const nodes = rollups.map((r) => {
    const p = pos.get(r.hash);
    const kind = r.invalid ? "invalid" : r.final ? "final" : r.canonical ? "canonical" : "fork";
    const head = r.hash === d.canonicalHead.hash ? " head" : "";
    return `<a href="/rollups/${esc(r.hash)}" data-link class="rollup-node ${kind}${head}" data-hash="${esc(r.hash)}">
      <title>#${esc(r.number)} ${esc(r.hash)} · ${kind}${r.hasWithdrawals ? " · withdrawals" : ""}</title>
      <circle cx="${p.x}" cy="${p.y}" r="16"/>
      <text x="${p.x}" y="${p.y + 4}" text-anchor="middle">${esc(r.number)}</text>
      ${r.hasWithdrawals ? `<circle class="wd" cx="${p.x + 12}" cy="${p.y - 12}" r="5"/>` : ""}
    </a>`;
  });
  const svg = `<svg class="tree" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="rollup tree">
    ${marker}${edges.join("")}${root}${nodes.join("")}</svg>`;
  return { svg, width };
}

function renderRollups(d) {
  const { svg } = layoutTree(d);
  const contests = d.contests.map((c) => [
    String(c.branch),
    `#${num(c.forkNumber)}`,
    hash(c.tip, { link: `/rollups/${c.tip}` }),
    num(c.depth),
    num(c.tipIncludedAt),
    badge(c.stateName, c.stateName === "Open" ? "warn" : c.stateName === "ContenderWins" ? "bad" : "neutral"),
  ]);
  const rows = [...d.rollups]
    .reverse()
    .map((r) => [
      `#${num(r.number)}`,
      hash(r.hash, { link: `/rollups/${r.hash}` }),
      String(r.branch),
      rollupStatus(r) + (r.hash === d.canonicalHead.hash ? ` ${badge("head", "info")}` : ""),
      hash(r.publisher),
      r.blobs ? "blobs" : "calldata",
      num(r.includedAt),
      r.final
        ? "final"
        : !r.canonical
          ? "–"
          : d.finalitySuspended && BigInt(r.finalAt) <= BigInt(d.head.number)
            ? badge("held by a contest", "warn")
            : `at ${num(r.finalAt)}`,
      r.hasWithdrawals ? badge("withdrawals", "info") : "",
    ]);
  return `
  <h1>Rollup tree</h1>
  <div class="cards">
    ${card("Canonical head", `#${num(d.canonicalHead.number)}`, hash(d.canonicalHead.hash, { link: `/rollups/${d.canonicalHead.hash}` }))}
    ${card("Final head", d.finalHead ? `#${num(d.finalHead.number)}` : "none yet", d.finalHead ? hash(d.finalHead.hash, { link: `/rollups/${d.finalHead.hash}` }) : "", "good")}
    ${card("Finality", d.finalitySuspended ? "suspended" : "flowing", `${d.settings.finalityDelay} L1 blocks after inclusion`, d.finalitySuspended ? "warn" : "")}
    ${card("Contests", String(d.contests.length), `forks two or more deep · expire after ${d.settings.forkExpiry} blocks idle`, d.contests.length ? "warn" : "")}
  </div>
  ${section(
    "Tree",
    d.rollups.length
      ? `<div class="legend">${badge("final", "good")} ${badge("canonical", "info")} ${badge("fork", "warn")} ${badge("invalid", "bad")} <span class="wd-key"></span> carries withdrawals</div>
         <div class="tree-wrap" id="tree-wrap">${svg}</div>`
      : `<p class="empty">No rollup yet: the chain is at its genesis.</p>`,
    `the last ${d.settings.treeDepth} numbers · click a rollup`,
  )}
  ${d.contests.length ? section("Contests", table(["branch", "forks at", "tip", "depth", "tip included at", "state"], contests, "")) : ""}
  ${section("Rollups", table(["number", "hash", "branch", "status", "publisher", "data", "included at", "final at", ""], rows, "No rollup yet."))}`;
}

function renderRollup(d) {
  const r = d.rollup;
  const h = d.header;
  const f = d.finality;
  const [finality, finalityNote, finalityKind] = f.final
    ? ["final", "its withdrawals can be claimed on L1", "good"]
    : f.blockedBy
      ? ["held", `by the ${esc(f.blockedBy.stateName)} contest of branch ${esc(f.blockedBy.branch)}`, "warn"]
      : f.blocks !== null
        ? [`in ${num(f.blocks)} blocks`, `at L1 block ${num(f.finalAtBlock)} (~${esc(f.seconds)} s)`, "info"]
        : ["never", "off the canonical chain: final only if its branch wins a contest", "warn"];
  const children = d.children.length
    ? d.children
        .map(
          (c) => `${hash(c.hash, { link: `/rollups/${c.hash}` })} <span class="muted">branch ${esc(c.branch)}</span>`,
        )
        .join("<br>")
    : "none yet";
  return `
  <p class="crumbs"><a href="/rollups" data-link>← Rollup tree</a></p>
  <h1>Rollup #${num(r.number)} ${rollupStatus(r)}</h1>
  <p class="mono">${esc(r.hash)}</p>
  <div class="cards">
    ${card("Finality", finality, finalityNote, finalityKind)}
    ${card("Branch", String(r.branch), r.canonical ? "on the canonical chain" : "a fork off the canonical chain", r.canonical ? "" : "warn")}
    ${card("Included at", `L1 ${num(r.includedAt)}`, `built on L1 ${num(r.l1BlockNumber)}`)}
    ${card("Withdrawals", r.hasWithdrawals ? "yes" : "none", r.hasWithdrawals ? (r.final ? "claimable on L1" : "claimable once final") : "")}
  </div>
  ${section(
    "Header",
    `<dl class="kv">
      <dt>Parent</dt><dd>${hash(h.parentHash, { link: `/rollups/${h.parentHash}` })}</dd>
      <dt>Children</dt><dd>${children}</dd>
      <dt>Publisher</dt><dd>${hash(r.publisher)}</dd>
      <dt>Enclave</dt><dd>${hash(h.enclaveId)}</dd>
      <dt>L1 block</dt><dd>${num(h.l1BlockNumber)} ${hash(h.l1BlockHash)}</dd>
      <dt>Deposits consumed</dt><dd>${num(h.depositCount)}</dd>
      <dt>State root</dt><dd>${hash(h.stateRoot)}</dd>
      <dt>Withdrawal root</dt><dd>${hash(h.withdrawalRoot)}</dd>
      <dt>Data</dt><dd>${r.blobs ? "blobs" : "calldata"}, ${hash(h.dataHash)} <span class="muted">(encrypted)</span></dd>
      <dt>Key epoch</dt><dd>${esc(h.keyEpoch)}</dd>
      <dt>Transaction</dt><dd>${hash(r.transactionHash)}</dd>
      ${r.forkSlashed ? `<dt>Slashed</dt><dd>${badge("publisher slashed for this fork", "bad")}</dd>` : ""}
    </dl>`,
  )}`;
}

function renderBridge(d) {
  const balances = d.balances.map((b) => [
    badge(b.kind, b.kind === "ETH" ? "info" : "neutral"),
    esc(b.symbol ?? "?"),
    b.kind === "ETH" ? "–" : hash(b.token),
    b.kind === "ERC721" ? `${num(b.balance)} tokens` : units(b.balance, b.decimals ?? 18),
  ]);
  const pending = d.withdrawals.pending.map((w) => [
    `#${num(w.number)}`,
    hash(w.rollupHash, { link: `/rollups/${w.rollupHash}` }),
    num(w.includedAt),
    num(w.finalAt),
    w.heldByContest ? badge("held by a contest", "warn") : `${num(w.blocksLeft)} blocks`,
  ]);
  const claimable = d.withdrawals.claimable.map((w) => [
    `#${num(w.number)}`,
    hash(w.rollupHash, { link: `/rollups/${w.rollupHash}` }),
    num(w.finalAt),
  ]);
  const deposits = d.deposits.recent.map((x) => [
    num(x.index),
    badge(x.kindName),
    hash(x.from),
    hash(x.to),
    x.kindName === "ERC721"
      ? `#${num(x.amountOrId)}`
      : x.kindName === "ETH"
        ? `${units(x.amountOrId)} ETH`
        : num(x.amountOrId),
    num(x.blockNumber),
  ]);
  return `
  <h1>Bridge</h1>
  <div class="cards">
    ${card("Holds", `${units(d.balances[0].balance)} ETH`, `${d.balances.length - 1} token${d.balances.length === 2 ? "" : "s"} besides`)}
    ${card("Deposits", num(d.deposits.count), `${num(d.deposits.consumedByL2)} consumed by the canonical L2 head`)}
    ${card("Pending withdrawals", String(d.withdrawals.pending.length), "rollups whose withdrawals await finality", d.withdrawals.pending.length ? "info" : "")}
    ${card("State", emergencyBadges(d.emergency), `bridge ${hash(d.address)}`)}
  </div>
  ${section("Balances", table(["kind", "asset", "token", "held by the bridge"], balances, ""), "what L1 locks for L2")}
  ${section("Pending withdrawals", table(["rollup", "hash", "included at", "final at", "left"], pending, "No withdrawal awaits finality."), "amounts and recipients stay private until claimed")}
  ${section("Claimable withdrawals", table(["rollup", "hash", "final at"], claimable, "No final rollup with withdrawals in view."))}
  ${section("Recent deposits", table(["index", "kind", "from", "to", "amount", "L1 block"], deposits, "No deposit yet."), "public L1 events")}`;
}

function renderGovernance(d) {
  const proposals = (d.proposals ?? []).map((p) => [
    `<span class="desc">${esc(p.description.split("\n")[0].slice(0, 90))}</span>`,
    badge(
      p.stateName,
      p.stateName === "Active"
        ? "info"
        : p.stateName === "Executed"
          ? "good"
          : p.stateName === "Defeated"
            ? "bad"
            : "neutral",
    ),
    `${units(p.votes.for, 18, 0)} / ${units(p.votes.against, 18, 0)} / ${units(p.votes.abstain, 18, 0)}`,
    units(p.quorum, 18, 0),
    esc(date(p.voteEnd)),
    String(p.actions),
  ]);
  const c = d.council;
  const owners = c.owners.map((o) => hash(o)).join(" ");
  const a = d.attestation;
  const p = d.parameters;
  return `
  <h1>Governance</h1>
  <div class="cards">
    ${card("Governance", d.dao ? "Governor + Timelock" : "an account", hash(d.governance))}
    ${card("Council", c.kind === "safe" ? `${c.threshold} of ${c.owners.length}` : "an account", hash(c.address))}
    ${card("Emergency", emergencyBadges(d.emergency), "the council's powers in use")}
    ${card("Attestation", esc(a.kind), `${esc(a.threshold)} of ${a.auditors.length} auditors · policy v${esc(a.policyVersion)}`)}
  </div>
  ${section(
    "Proposals",
    d.proposals === null
      ? `<p class="empty">This deployment has no Governor: ${hash(d.governance)} governs directly.</p>`
      : table(
          ["proposal", "state", "for / against / abstain", "quorum", "voting ends", "calls"],
          proposals,
          "No proposal yet.",
        ),
    d.dao
      ? `voting ${esc(d.dao.votingPeriod)} s · quorum ${esc(d.dao.quorumNumerator)}% · timelock ${esc(d.dao.timelockDelay)} s`
      : "",
  )}
  ${section(
    "Security council",
    `<dl class="kv">
      <dt>Address</dt><dd>${hash(c.address)} ${c.kind === "safe" ? badge("Safe", "info") : badge("account", "neutral")}</dd>
      ${c.kind === "safe" ? `<dt>Owners</dt><dd>${owners}</dd><dt>Threshold</dt><dd>${esc(c.threshold)}</dd><dt>Next nonce</dt><dd>${esc(c.nonce)}</dd>` : ""}
      <dt>Bridge</dt><dd>${emergencyBadges(d.emergency)}</dd>
      ${d.emergency.frozenLedger ? `<dt>Frozen on</dt><dd>#${num(d.emergency.frozenLedger.number)} ${hash(d.emergency.frozenLedger.rollupHash, { link: `/rollups/${d.emergency.frozenLedger.rollupHash}` })}</dd>` : ""}
    </dl>`,
  )}
  ${section(
    "Parameters",
    `<dl class="kv">
      <dt>Finality delay</dt><dd>${esc(p.rollup.finalityDelay)} L1 blocks</dd>
      <dt>Fork expiry</dt><dd>${esc(p.rollup.forkExpiry)} L1 blocks</dd>
      <dt>Key rotation</dt><dd>${esc(p.rollup.keyRotationPeriod)} s</dd>
      <dt>Fork slash</dt><dd>${units(p.slashing.forkSlashAmount)} OBX at depth ${esc(p.slashing.slashDepth)}</dd>
      <dt>Invalid-rollup quorum</dt><dd>${esc(p.slashing.invalidRollupQuorum)} testimonies</dd>
      <dt>Minimum stake</dt><dd>${units(p.network.minStake)} OBX</dd>
      <dt>Auditors</dt><dd>${a.auditors.map((x) => hash(x)).join(" ")}</dd>
    </dl>`,
  )}`;
}

// ───────────────────────────────────────────── routing and polling

function currentRoute() {
  const path = location.pathname;
  for (const route of routes) {
    const m = route.match.exec(path);
    if (m) return { route, url: route.api(m), path };
  }
  return undefined;
}

function markTab(path) {
  for (const tab of document.querySelectorAll(".tab")) {
    const route = tab.getAttribute("data-route");
    tab.classList.toggle("active", route === "/" ? path === "/" : path.startsWith(route));
  }
}

function showBanner(message) {
  if (message) {
    banner.textContent = message;
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

async function refresh() {
  const mine = generation;
  const current = currentRoute();
  if (!current) {
    main.innerHTML = `<h1>Not found</h1><p><a href="/" data-link>Back to the overview</a></p>`;
    return;
  }
  markTab(current.path);
  let response;
  let body;
  try {
    response = await fetch(current.url, { cache: "no-store" });
    body = await response.text();
  } catch {
    if (mine !== generation) return;
    liveDot.className = "dot down";
    showBanner("The explorer is unreachable. Retrying…");
    return;
  }
  if (mine !== generation) return;
  const data = JSON.parse(body);
  if (!response.ok) {
    liveDot.className = "dot down";
    const error = data.error ?? {};
    if (error.code === "L1_UNAVAILABLE")
      showBanner(
        `L1 is unreachable${error.details ? ` (${error.details})` : ""}: the page shows the last data it read. Retrying…`,
      );
    else if (response.status === 404) {
      showBanner("");
      main.innerHTML = `<h1>Not found</h1><p>${esc(error.message)}</p><p><a href="/" data-link>Back to the overview</a></p>`;
    } else showBanner(`The explorer could not read this section: ${error.message ?? response.status}`);
    return;
  }
  showBanner("");
  liveDot.className = "dot up";
  l1Block.textContent = BigInt(data.head?.number ?? 0).toLocaleString("en-US");
  if (body === lastBody) return;
  lastBody = body;
  const scroll = document.getElementById("tree-wrap")?.scrollLeft;
  main.innerHTML = current.route.render(data);
  const tree = document.getElementById("tree-wrap");
  if (tree) tree.scrollLeft = scroll ?? tree.scrollWidth;
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    await refresh();
    schedule();
  }, POLL_MS);
}

function navigate(path) {
  if (path !== location.pathname) history.pushState(null, "", path);
  generation++;
  lastBody = "";
  main.innerHTML = `<p class="muted loading">Loading…</p>`;
  window.scrollTo(0, 0);
  void refresh().then(schedule);
}

document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const href = link.getAttribute("href");
  if (!href || !href.startsWith("/")) return;
  event.preventDefault();
  navigate(href);
});

window.addEventListener("popstate", () => navigate(location.pathname));

navigate(location.pathname);
