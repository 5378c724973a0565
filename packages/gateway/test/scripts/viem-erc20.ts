/*
 * An ordinary viem script, written from viem's docs (Getting Started, Deploying Contracts, Writing
 * to Contracts, Events and Filters): nothing in it knows about Obscuro but the RPC URLs it is given.
 *
 *   GATEWAY_URL=… GATEWAY_WS_URL=… CHAIN_ID=443 PRIVATE_KEY=0x… RECIPIENT=0x… ARTIFACT=token.json node viem-erc20.ts
 */
import { readFileSync } from "node:fs";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  formatEther,
  http,
  parseUnits,
  webSocket,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const { abi, bytecode } = JSON.parse(readFileSync(env("ARTIFACT"), "utf8")) as { abi: Abi; bytecode: Hex };
const recipient = env("RECIPIENT") as Address;

export const obscuro = defineChain({
  id: Number(env("CHAIN_ID")),
  name: "Obscuro",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [env("GATEWAY_URL")], webSocket: [env("GATEWAY_WS_URL")] } },
  blockTime: 400,
});

const account = privateKeyToAccount(env("PRIVATE_KEY") as Hex);
const publicClient = createPublicClient({ chain: obscuro, transport: http() });
const walletClient = createWalletClient({ account, chain: obscuro, transport: http() });
const wsClient = createPublicClient({ chain: obscuro, transport: webSocket() });

// Deploy the contract and wait for it.
const deployHash = await walletClient.deployContract({ abi, bytecode, args: [parseUnits("1000", 18)] });
const deployReceipt = await publicClient.waitForTransactionReceipt({ hash: deployHash, timeout: 30_000 });
const token = deployReceipt.contractAddress!;

// Watch Transfer events over WebSocket (eth_subscribe), and a polled filter (eth_newFilter).
const watched = new Promise<{ from: Address; to: Address; value: bigint }>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("no Transfer event over WebSocket within 30 s")), 30_000);
  const unwatch = wsClient.watchContractEvent({
    address: token,
    abi,
    eventName: "Transfer",
    onLogs: (logs) => {
      clearTimeout(timer);
      unwatch();
      resolve((logs[0] as unknown as { args: { from: Address; to: Address; value: bigint } }).args);
    },
    onError: reject,
  });
});
const filter = await publicClient.createContractEventFilter({ address: token, abi, eventName: "Transfer" });

// Simulate, then write.
const { request } = await publicClient.simulateContract({
  account,
  address: token,
  abi,
  functionName: "transfer",
  args: [recipient, parseUnits("25", 18)],
});
const transferHash = await walletClient.writeContract(request);
const transferReceipt = await publicClient.waitForTransactionReceipt({ hash: transferHash, timeout: 30_000 });

// Read balances and events.
const balance = (await publicClient.readContract({
  address: token,
  abi,
  functionName: "balanceOf",
  args: [account.address],
})) as bigint;
const events = await publicClient.getContractEvents({
  address: token,
  abi,
  eventName: "Transfer",
  fromBlock: deployReceipt.blockNumber,
});
const changes = await publicClient.getFilterChanges({ filter });
await publicClient.uninstallFilter({ filter });
const ws = await watched;
const eth = await publicClient.getBalance({ address: account.address });
const nonce = await publicClient.getTransactionCount({ address: account.address });
const code = await publicClient.getCode({ address: token });
await wsClient.transport.getRpcClient().then((client) => client.close());

console.log(
  JSON.stringify({
    token,
    deployStatus: deployReceipt.status,
    transferStatus: transferReceipt.status,
    balance: balance.toString(),
    events: events.map((e) => ({ from: (e.args as { from: Address }).from, to: (e.args as { to: Address }).to })),
    filterChanges: changes.length,
    watched: { from: ws.from, to: ws.to, value: ws.value.toString() },
    eth: formatEther(eth),
    nonce,
    hasCode: (code ?? "0x").length > 2,
  }),
);
