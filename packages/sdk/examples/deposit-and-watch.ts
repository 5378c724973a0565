/**
 * Deposit, watch, read finality — with decorated clients only.
 *
 *   node packages/sdk/examples/deposit-and-watch.ts --manifest deployments/31337.json --rpc http://127.0.0.1:8545
 *
 * (or OBSCURO_MANIFEST and OBSCURO_RPC_URL), with the depositor's key in OBSCURO_PRIVATE_KEY (on
 * `npm run devnet`, any of the funded dev accounts it prints). It builds the L1 chain from the
 * deployment manifest, so no call below names a contract address: it watches the bridge for
 * deposits to the account, deposits 0.01 ETH to it on L2, waits until the watcher sees it, then reads
 * the canonical rollup head and how far it is from final. It prints one JSON object.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  defineObscuroL1Chain,
  parseDeploymentManifest,
  publicActionsObscuroL1,
  walletActionsObscuroL1,
  type QueuedDepositLog,
} from "@obscuro/sdk";
import { createPublicClient, createWalletClient, http, parseEther, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

const { values } = parseArgs({
  options: { manifest: { type: "string" }, rpc: { type: "string" }, amount: { type: "string" } },
});
const manifestPath = values.manifest ?? process.env.OBSCURO_MANIFEST;
const rpcUrl = values.rpc ?? process.env.OBSCURO_RPC_URL;
const privateKey = process.env.OBSCURO_PRIVATE_KEY as Hex | undefined;
if (!manifestPath || !rpcUrl || !privateKey) {
  console.error("usage: OBSCURO_PRIVATE_KEY=0x… node deposit-and-watch.ts --manifest <deployments/N.json> --rpc <url>");
  process.exit(2);
}

// The chain carries every protocol contract: actions find their addresses on it.
const manifest = parseDeploymentManifest(JSON.parse(await readFile(manifestPath, "utf8")), manifestPath);
const chain = defineObscuroL1Chain({ manifest, rpcUrl });
const transport = http(rpcUrl);
const l1 = createPublicClient({ chain, transport, pollingInterval: 250 }).extend(publicActionsObscuroL1());
const account = privateKeyToAccount(privateKey);
const wallet = createWalletClient({ account, chain, transport, pollingInterval: 250 }).extend(walletActionsObscuroL1());

// Watch the bridge for deposits to this account (L2 recipient) from now on.
const seen: QueuedDepositLog[] = [];
let onSeen = (): void => {};
const unwatch = l1.watchDeposits({
  to: account.address,
  onDeposits: (deposits) => {
    seen.push(...deposits);
    onSeen();
  },
  onError: (error) => console.error(`watch: ${error.message}`),
});

try {
  // Deposit: simulated on the pending block first, so a refusal throws by name and sends nothing.
  const amount = parseEther(values.amount ?? "0.01");
  const hash = await wallet.depositEth({ to: account.address, amount });
  const receipt = await l1.waitForTransactionReceipt({ hash, timeout: 60_000 });

  // Wait (bounded) until the watcher delivered it.
  if (!seen.some((d) => d.transactionHash === hash)) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the deposit was not seen within 30 s")), 30_000);
      onSeen = () => {
        if (seen.some((d) => d.transactionHash === hash)) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  }
  const deposit = seen.find((d) => d.transactionHash === hash)!;

  // The canonical head and its finality: what a withdrawal from it waits for.
  const head = await l1.getCanonicalHead();
  const finality = await l1.getTimeToFinality({ rollupHash: head.hash });
  const forks = await l1.getForkStatus();

  console.log(
    JSON.stringify(
      {
        deposit: { index: deposit.index, amount: deposit.amountOrId, l1Block: receipt.blockNumber, transaction: hash },
        canonicalHead: head,
        finality: { final: finality.final, blocks: finality.blocks, seconds: finality.seconds },
        finalitySuspended: forks.finalitySuspended,
      },
      (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
      2,
    ),
  );
} finally {
  unwatch();
}
