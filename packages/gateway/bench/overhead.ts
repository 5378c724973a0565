/*
 * The gateway's overhead per request, against calling the node directly in the same run.
 *
 * anvil with the protocol, a real enclave process, the node's wallet endpoint (`NodeRpcServer`)
 * and a gateway (the test harness of packages/gateway/test). Four ways of asking, interleaved in
 * rounds (the order rotating each round) so that the load of a shared machine falls on all alike:
 *
 * - `eth_blockNumber`, public: to the node directly, and through the gateway;
 * - `eth_getBalance`, private: directly as an encrypted private request (sign with the viewing
 *   key, ECIES to the network key, the node's `obscuro_privateRequest`, decrypt the answer: what a
 *   client without a gateway must do itself), and through the gateway as a plain `eth_getBalance`.
 *
 * One request at a time over keep-alive HTTP; p50 and p99 of each, and the gateway's as a ratio to
 * the direct baseline. Prints a Markdown section; with `--write`, replaces its section of
 * docs/benchmarks.md (between the bench:gateway-overhead markers).
 *
 *   npm run bench -w @obscuro/gateway            measure and write docs/benchmarks.md
 *   node packages/gateway/bench/overhead.ts --requests 200
 */
import { Agent, request } from "node:http";
import { arch, cpus, loadavg, platform, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { parseEther, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  authorizeViewingKey,
  createViewingKey,
  decryptPrivateResponse,
  encryptPrivateRequest,
  L2_CHAIN_ID,
} from "@obscuro/sdk";
import { registerAccount } from "../src/index.ts";
import { startHarness } from "../test/helpers/harness.ts";
import { writeBenchmarkSection } from "../../../bench/benchmarksDoc.ts";

const BEGIN = "<!-- bench:gateway-overhead:begin -->";
const END = "<!-- bench:gateway-overhead:end -->";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "500" },
    rounds: { type: "string", default: "10" },
    write: { type: "boolean", default: false },
  },
});
const REQUESTS = Number(values.requests);
const ROUNDS = Number(values.rounds);
const PER_ROUND = Math.ceil(REQUESTS / ROUNDS);
const WARMUP = 50;

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let nextId = 0;

/** One JSON-RPC call over the keep-alive agent: its result, or a thrown error. */
function call(url: string, method: string, params: unknown[]): Promise<unknown> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: ++nextId, method, params });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
            result?: unknown;
            error?: { message: string };
          };
          if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
          else resolve(answer.result);
        });
        response.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const loadBefore = loadavg()[0]!;
const h = await startHarness();
try {
  const alice = privateKeyToAccount(generatePrivateKey());
  const { url: gatewayUrl } = await registerAccount({ gatewayUrl: h.gateway.url, account: alice });
  await h.fund(alice.address, parseEther("1"));
  const nodeUrl = h.node.url;
  const { networkKey, networkPublicKey } = h.gateway.network;
  // the direct client's own viewing key, authorized once, as a gateway's is
  const viewingKey = createViewingKey();
  const authorization = await authorizeViewingKey({
    account: alice,
    viewingKey: viewingKey.address,
    networkKey,
    l2ChainId: L2_CHAIN_ID,
  });

  const kinds = {
    "eth_blockNumber, node directly": () => call(nodeUrl, "eth_blockNumber", []),
    "eth_blockNumber, through the gateway": () => call(gatewayUrl, "eth_blockNumber", []),
    "eth_getBalance, encrypted private request to the node": async () => {
      const { encrypted } = await encryptPrivateRequest({
        networkPublicKey,
        viewingKey,
        authorization,
        method: "eth_getBalance",
        params: [alice.address, "latest"],
      });
      const answer = (await call(nodeUrl, "obscuro_privateRequest", [encrypted])) as { encrypted: Hex };
      const response = decryptPrivateResponse(answer.encrypted, viewingKey.privateKey);
      if (!("result" in response)) throw new Error(response.error.message);
      return response.result;
    },
    "eth_getBalance, through the gateway": () => call(gatewayUrl, "eth_getBalance", [alice.address, "latest"]),
  } as const;
  type Kind = keyof typeof kinds;
  const names = Object.keys(kinds) as Kind[];

  // both ways give the same answers
  const direct = await kinds["eth_getBalance, encrypted private request to the node"]();
  const viaGateway = await kinds["eth_getBalance, through the gateway"]();
  if (direct !== viaGateway || BigInt(direct as Hex) !== parseEther("1"))
    throw new Error(`balances differ: ${String(direct)} ${String(viaGateway)}`);

  for (const name of names) for (let i = 0; i < WARMUP; i++) await kinds[name]();
  const samples = new Map<Kind, number[]>(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) {
      const times = samples.get(name)!;
      for (let i = 0; i < PER_ROUND; i++) {
        const started = performance.now();
        await kinds[name]();
        times.push(performance.now() - started);
      }
    }
    console.error(`round ${round + 1}/${ROUNDS}, load ${loadavg()[0]!.toFixed(1)}`);
  }
  const loadAfter = loadavg()[0]!;

  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  };
  const stats = new Map(
    names.map((n) => [n, { p50: quantile(samples.get(n)!, 0.5), p99: quantile(samples.get(n)!, 0.99) }]),
  );
  const ms = (value: number) => (value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1));
  const row = (name: Kind, baseline?: Kind) => {
    const s = stats.get(name)!;
    const b = baseline ? stats.get(baseline)! : undefined;
    return `| ${name} | ${ms(s.p50)} ms | ${ms(s.p99)} ms | ${b ? `${(s.p50 / b.p50).toFixed(2)}×` : "1 (baseline)"} | ${b ? `${(s.p99 / b.p99).toFixed(2)}×` : "1 (baseline)"} | ${b ? `${s.p50 >= b.p50 ? "+" : "−"}${ms(Math.abs(s.p50 - b.p50))} ms` : ""} |`;
  };
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"} (${cpu.length} logical cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${arch()}, Node ${process.version}`;
  const section = [
    BEGIN,
    "",
    "## Gateway overhead per request",
    "",
    `Measured by \`npm run bench -w @obscuro/gateway\` (\`packages/gateway/bench/overhead.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
    `anvil, a real enclave process, the node's wallet endpoint and a gateway on 127.0.0.1; ${PER_ROUND * ROUNDS} requests of each kind after ${WARMUP} of warm-up, one at a time over keep-alive HTTP, in ${ROUNDS} interleaved rounds. ` +
      "The direct private baseline does what a client without a gateway must do itself: sign the request with a viewing key, encrypt it to the network key, call `obscuro_privateRequest`, decrypt the answer. " +
      "Through the gateway the same request is a plain `eth_getBalance`: the gateway finds the token's account and viewing key and does that work. " +
      "The gateway, the node's endpoint and the client share one process; the enclave is its own process.",
    "",
    `The machine is shared (load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on 2 cores).`,
    "",
    "| request | p50 | p99 | p50 vs direct | p99 vs direct | p50 added |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    row("eth_blockNumber, node directly"),
    row("eth_blockNumber, through the gateway", "eth_blockNumber, node directly"),
    row("eth_getBalance, encrypted private request to the node"),
    row("eth_getBalance, through the gateway", "eth_getBalance, encrypted private request to the node"),
    "",
    END,
  ].join("\n");
  console.log(section);
  if (values.write) {
    console.error(`wrote ${await writeBenchmarkSection(section, { begin: BEGIN, end: END })}`);
  }
} finally {
  agent.destroy();
  await h.stop();
}
