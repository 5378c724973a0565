import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  approveMeasurement,
  getMeasurementStatus,
  MeasurementStatus,
  parseDeploymentManifest,
  serializeManifest,
  writeDeploymentManifest,
  type DeploymentManifest,
} from "@obscuro/sdk";
// The devnet is dev by nature: the one CLI command allowed the dev keys (eslint.config.js).
import {
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_COUNCIL_PRIVATE_KEYS,
  DEV_ENCLAVE_MEASUREMENT,
  deployDevProtocol,
  devAuditors,
  startAnvil,
  type AnvilInstance,
} from "@obscuro/sdk/devtools";
import { createPublicClient, createWalletClient, formatEther, getAddress, http, type Chain } from "viem";
import { privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { currentCommit } from "../../util/git.ts";
import { bold, dim, done, step } from "../../util/output.ts";
import { waitForShutdownSignal } from "../../util/signals.ts";
import { startDevnetExplorer } from "./explorer.ts";
import { printGateway, startDevnetGateway, stopDevnetGateway, type DevnetGateway } from "./gateway.ts";
import { startDevnetNodes, stopDevnetNodes, type DevnetNode } from "./nodes.ts";
import { devnetFileOf, removeDevnetFile, writeDevnetFile } from "./readiness.ts";

export interface DevnetOptions {
  port: number;
  host: string;
  hardfork: "prague" | "osaka";
  blockTime: number;
  deployments: string;
  exitAfterDeploy: boolean;
  /** Nodes to run: the first ones aggregators, the last a validator (3: two aggregators and a validator). */
  nodes: number;
  /** Where anvil's state and the nodes' data are kept across restarts. */
  stateDir: string;
  /** Forget the kept state and start a new network. */
  fresh: boolean;
  /** The gateway's port (0: any free port; with `--port 0` always any free port). */
  gatewayPort: number;
}

export async function runDevnet(options: DevnetOptions): Promise<void> {
  const stateDir = resolve(options.stateDir);
  if (options.fresh) await rm(stateDir, { recursive: true, force: true });
  await mkdir(stateDir, { recursive: true });
  const manifestFile = join(stateDir, "manifest.json");
  const anvilState = join(stateDir, "anvil-state.json");
  const resuming = existsSync(manifestFile) && existsSync(anvilState);
  step(`Starting anvil (${options.hardfork}, a block every ${options.blockTime} s) on ${options.host}:${options.port}`);
  const anvil = await startAnvil({
    host: options.host,
    port: options.port,
    hardfork: options.hardfork,
    // A block per transaction while deploying (fast), then a block every `blockTime` seconds.
    extraArgs: ["--state", anvilState, "--preserve-historical-states"],
  });
  // From here on, anvil (and every node) must be stopped whatever happens.
  let nodes: DevnetNode[] = [];
  let explorer: { url: string; close: () => Promise<void> } | undefined;
  let gateway: DevnetGateway | undefined;
  try {
    done(`L1 ready at ${bold(anvil.rpcUrl)} (chain id ${anvil.chainId})${resuming ? dim(" (state restored)") : ""}`);
    const manifest = resuming
      ? parseDeploymentManifest(JSON.parse(await readFile(manifestFile, "utf8")) as Record<string, unknown>)
      : await deployEverything(anvil, options, manifestFile);
    await fetch(anvil.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "evm_setIntervalMining", params: [options.blockTime] }),
    });
    if (options.exitAfterDeploy) return;
    if (options.nodes > 0)
      nodes = await startNodes(anvil, manifest, manifestFile, stateDir, options.nodes, options.port);
    explorer = await startDevnetExplorer({
      rpcUrl: anvil.rpcUrl,
      manifest,
      nodes,
      stateDir,
      host: options.host,
      basePort: options.port,
    });
    printNetwork(nodes);
    if (nodes.length > 0) {
      gateway = await startDevnetGateway({
        stateDir,
        l1RpcUrl: anvil.rpcUrl,
        manifest,
        node: nodes[0]!,
        host: options.host,
        port: options.port === 0 ? 0 : options.gatewayPort,
      });
      printGateway(gateway);
    }
    console.log(`\n${bold("Explorer")}  ${explorer.url}`);
    await writeDevnetFile(
      stateDir,
      { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId },
      manifestFile,
      nodes,
      gateway,
      explorer.url,
    );
    console.log(dim(`\nThe devnet is running (endpoints in ${devnetFileOf(stateDir)}). Press Ctrl-C to stop it.`));
    const signal = await waitForShutdownSignal();
    step(`Received ${signal}, stopping`);
  } finally {
    await removeDevnetFile(stateDir);
    await explorer?.close();
    if (gateway) await stopDevnetGateway(gateway);
    await stopDevnetNodes(nodes);
    await anvil.stop();
    done("anvil stopped");
  }
}

async function startNodes(
  anvil: AnvilInstance,
  manifest: DeploymentManifest,
  manifestFile: string,
  stateDir: string,
  count: number,
  basePort: number,
): Promise<DevnetNode[]> {
  const chain = devChain(anvil);
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 250 });
  const treasury = createWalletClient({
    account: privateKeyToAccount(anvil.accounts[0]!.privateKey),
    chain,
    transport,
  });
  const status = await getMeasurementStatus(publicClient, {
    measurement: DEV_ENCLAVE_MEASUREMENT,
    enclavePolicyAddress: manifest.contracts.EnclavePolicy,
  });
  if (status !== MeasurementStatus.Approved) {
    step("Approving the dev enclave measurement with the dev auditors' signatures");
    const hash = await approveMeasurement(treasury, {
      measurement: DEV_ENCLAVE_MEASUREMENT,
      auditors: devAuditors(),
      enclavePolicyAddress: manifest.contracts.EnclavePolicy,
    });
    await publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 });
    done(`measurement ${DEV_ENCLAVE_MEASUREMENT} approved`);
  }
  const validators = count >= 2 ? 1 : 0;
  return startDevnetNodes({
    stateDir,
    manifestFile,
    manifest,
    rpcUrl: anvil.rpcUrl,
    keys: anvil.accounts.map((account) => account.privateKey),
    aggregators: count - validators,
    validators,
    treasury: treasury as never,
    publicClient: publicClient as never,
    basePort,
  });
}

function printNetwork(nodes: readonly DevnetNode[]): void {
  if (nodes.length === 0) return;
  console.log(`\n${bold("Nodes")}` + dim(" (each a host process and its enclave process; logs in their folders)"));
  for (const node of nodes) {
    const e = node.endpoints!;
    console.log(`  ${node.name.padEnd(14)} RPC ${e.rpcUrl}  ops ${e.opsUrl}/status  ${dim(node.logFile)}`);
  }
}

function devChain(anvil: AnvilInstance): Chain {
  return {
    id: anvil.chainId,
    name: "Obscuro devnet L1",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [anvil.rpcUrl] } },
  };
}

async function deployEverything(
  anvil: AnvilInstance,
  options: DevnetOptions,
  manifestFile: string,
): Promise<DeploymentManifest> {
  const chain = devChain(anvil);
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const deployer = anvil.accounts[0];
  if (!deployer) throw new Error("anvil returned no accounts");
  const walletClient = createWalletClient({ account: privateKeyToAccount(deployer.privateKey), chain, transport });

  step("Deploying the protocol (dev attestation, dev council)");
  const manifest = await deployDevProtocol(walletClient, {
    commit: await currentCommit(),
    onDeployed: ({ name, role, address, gasUsed }) =>
      done(
        `${(role === "implementation" ? `${name} (impl)` : name).padEnd(24)} ${address ?? "".padEnd(42)} ` +
          dim(`(${gasUsed} gas)`),
      ),
  });
  const path = await writeDeploymentManifest({ manifest, directory: resolve(options.deployments) });
  await writeFile(manifestFile, serializeManifest(manifest));
  done(`Manifest written to ${path}`);

  console.log(`\n${bold("Deployment manifest")}`);
  console.log(serializeManifest(manifest));
  console.log(
    bold("Dev attestation keys") + dim(" (public, DEV ONLY: whoever holds them attests and approves anything)"),
  );
  console.log(
    `  vendor     ${privateKeyToAddress(DEV_ATTESTATION_VENDOR_PRIVATE_KEY)}  ${dim(DEV_ATTESTATION_VENDOR_PRIVATE_KEY)}`,
  );
  for (const [i, key] of DEV_AUDITOR_PRIVATE_KEYS.entries()) {
    console.log(`  auditor ${i}  ${privateKeyToAddress(key)}  ${dim(key)}`);
  }
  console.log(
    dim(`  ${manifest.settings.attestation.threshold} auditor signatures approve a measurement (EnclavePolicy).\n`),
  );
  const dao = manifest.settings.governanceDao;
  if (dao) {
    console.log(bold("Governance") + dim(" (token holders vote on the Governor; the Timelock executes)"));
    console.log(`  governor   ${dao.governor}`);
    console.log(`  timelock   ${dao.timelock}  ${dim(`(delay ${dao.timelockDelay} s; governs every module)`)}`);
    console.log(
      dim(
        `  voting opens ${dao.votingDelay} s after a proposal and lasts ${dao.votingPeriod} s; quorum ${dao.quorumNumerator}% of the supply.\n` +
          `  The treasury (account 0) holds every token and has delegated its votes to itself.\n`,
      ),
    );
  }
  if (manifest.settings.councilSafe) {
    console.log(bold("Security council") + dim(" (a Safe; the owner keys are public, DEV ONLY)"));
    console.log(`  safe       ${manifest.settings.council}`);
    for (const [i, key] of DEV_COUNCIL_PRIVATE_KEYS.entries()) {
      console.log(`  owner ${i}    ${privateKeyToAddress(key)}  ${dim(key)}`);
    }
    console.log(dim(`  ${manifest.settings.councilSafe.threshold} owner signatures execute a council action.\n`));
  }
  console.log(bold("Funded dev accounts") + dim(" (anvil's well-known test keys: never use them on a real network)"));
  for (const [i, account] of anvil.accounts.entries()) {
    const balance = await publicClient.getBalance({ address: account.address });
    console.log(`  (${i}) ${getAddress(account.address)}  ${formatEther(balance)} ETH  ${dim(account.privateKey)}`);
  }
  return manifest;
}
