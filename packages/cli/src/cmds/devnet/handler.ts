import { resolve } from "node:path";
import { serializeManifest, writeDeploymentManifest } from "@obscuro/sdk";
// The devnet is dev by nature: the one CLI command allowed the dev keys (eslint.config.js).
import {
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_COUNCIL_PRIVATE_KEYS,
  deployDevProtocol,
  startAnvil,
  type AnvilInstance,
} from "@obscuro/sdk/devtools";
import { createPublicClient, createWalletClient, formatEther, getAddress, http, type Chain } from "viem";
import { privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { currentCommit } from "../../util/git.ts";
import { bold, dim, done, step } from "../../util/output.ts";
import { waitForShutdownSignal } from "../../util/signals.ts";

export interface DevnetOptions {
  port: number;
  host: string;
  hardfork: "prague" | "osaka";
  blockTime?: number;
  deployments: string;
  exitAfterDeploy: boolean;
}

export async function runDevnet(options: DevnetOptions): Promise<void> {
  step(`Starting anvil (${options.hardfork}) on ${options.host}:${options.port}`);
  const anvil = await startAnvil({
    host: options.host,
    port: options.port,
    hardfork: options.hardfork,
    ...(options.blockTime === undefined ? {} : { blockTime: options.blockTime }),
  });
  // From here on, anvil must be stopped whatever happens.
  try {
    done(`L1 ready at ${bold(anvil.rpcUrl)} (chain id ${anvil.chainId})`);
    await deployEverything(anvil, options);
    if (options.exitAfterDeploy) return;
    console.log(dim("\nThe devnet is running. Press Ctrl-C to stop it."));
    const signal = await waitForShutdownSignal();
    step(`Received ${signal}, stopping`);
  } finally {
    await anvil.stop();
    done("anvil stopped");
  }
}

async function deployEverything(anvil: AnvilInstance, options: DevnetOptions): Promise<void> {
  const chain: Chain = {
    id: anvil.chainId,
    name: "Obscuro devnet L1",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [anvil.rpcUrl] } },
  };
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
}
