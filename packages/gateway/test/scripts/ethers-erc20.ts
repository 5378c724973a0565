/*
 * An ordinary ethers v6 script, written from the ethers v6 docs (Getting Started: connecting,
 * signing, contracts, events): nothing in it knows about Obscuro but the RPC URLs it is given.
 *
 *   GATEWAY_URL=… GATEWAY_WS_URL=… PRIVATE_KEY=0x… RECIPIENT=0x… ARTIFACT=token.json node ethers-erc20.ts
 */
import { readFileSync } from "node:fs";
import {
  Contract,
  ContractFactory,
  JsonRpcProvider,
  Wallet,
  WebSocketProvider,
  formatEther,
  parseUnits,
  type InterfaceAbi,
} from "ethers";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const { abi, bytecode } = JSON.parse(readFileSync(env("ARTIFACT"), "utf8")) as { abi: InterfaceAbi; bytecode: string };
const recipient = env("RECIPIENT");

const provider = new JsonRpcProvider(env("GATEWAY_URL"), undefined, { pollingInterval: 250 });
const wallet = new Wallet(env("PRIVATE_KEY"), provider);
const network = await provider.getNetwork();

// Deploy.
const factory = new ContractFactory(abi, bytecode, wallet);
const deployed = await factory.deploy(parseUnits("1000", 18));
await deployed.waitForDeployment();
const address = await deployed.getAddress();
const token = new Contract(address, abi, wallet);

// Listen for Transfer events over WebSocket.
const wsProvider = new WebSocketProvider(env("GATEWAY_WS_URL"));
const wsToken = new Contract(address, abi, wsProvider);
let hear: (event: { from: string; to: string; value: bigint }) => void = () => undefined;
const heard = new Promise<{ from: string; to: string; value: bigint }>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("no Transfer event over WebSocket within 30 s")), 30_000);
  hear = (event) => {
    clearTimeout(timer);
    resolve(event);
  };
});
await wsToken.on("Transfer", (from: string, to: string, value: bigint) => hear({ from, to, value }));
await wsProvider.getBlockNumber(); // the socket is open and answering

// Transfer and wait for the receipt.
const tx = await token.getFunction("transfer")(recipient, parseUnits("25", 18));
const receipt = await tx.wait(1, 30_000);

// Balances and events.
const balance = (await token.getFunction("balanceOf")(wallet.address)) as bigint;
const events = await token.queryFilter(token.filters.Transfer!(wallet.address), receipt!.blockNumber - 5);
const parsed = receipt!.logs.map((log: { topics: string[]; data: string }) => token.interface.parseLog(log)?.name);
const ws = await heard;
const eth = await provider.getBalance(wallet.address);
const nonce = await provider.getTransactionCount(wallet.address);
await wsProvider.destroy();
provider.destroy();

console.log(
  JSON.stringify({
    chainId: network.chainId.toString(),
    token: address,
    status: receipt!.status,
    balance: balance.toString(),
    events: events.length,
    receiptEvents: parsed,
    heard: { from: ws.from, to: ws.to, value: ws.value.toString() },
    eth: formatEther(eth),
    nonce,
  }),
);
