import {
  getEnclavePublicKey,
  networkManagementAbi,
  obscuroTokenAbi,
  prepareNetworkInitialization,
  prepareSecretResponse,
} from "@obscuro/sdk";
import { buildDevRegistration, devAuditors } from "@obscuro/sdk/devtools";
import { encodeFunctionData, hexToBytes, keccak256, parseEther, slice, toHex, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { GasContext, GasScenario } from "../types.ts";
import { protocolWallet } from "./protocol.ts";

/*
 * Every measured transaction has the same calldata bytes, zero or not, on every run. Two things
 * change between runs: L1 block hashes (anvil's blocks carry wall-clock timestamps) and ECIES
 * ciphertexts (random by design). Where they reach the calldata, the scenario grinds a free input
 * (the enclave key, the ciphertext's randomness, the state root) until the varying bytes contain no
 * zero byte, so that calldata gas (4 per zero byte, 16 otherwise) is the same every time.
 */

const MEASUREMENT = keccak256(toHex("obscuro/gas/enclave v1"));
const SIGNER = keccak256(toHex("obscuro/gas/signer"));
const MASTER_SECRET = keccak256(toHex("obscuro/gas/master-secret"));
export const GENESIS_KEY = keccak256(toHex("obscuro/gas/genesis"));
const JOINER_KEY = keccak256(toHex("obscuro/gas/joiner"));
export const HOST = "/ip4/203.0.113.7/tcp/30303/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN";
export const STAKE = parseEther("10000");
export const MAX_TRIES = 1000;

export function zeroFree(...values: Hex[]): boolean {
  return values.every((value) => !hexToBytes(value).includes(0));
}

export async function wait(context: GasContext, hash: Hex | Promise<Hex>): Promise<void> {
  const receipt = await context.waitForReceipt(await hash);
  if (receipt.status !== "success") throw new Error(`setup transaction ${receipt.transactionHash} reverted`);
}

/** Two dev auditors approve MEASUREMENT. */
async function approveMeasurement(context: GasContext): Promise<void> {
  await wait(
    context,
    protocolWallet(context, 9).approveMeasurement({
      measurement: MEASUREMENT,
      auditors: devAuditors(),
      deadline: 4_000_000_000n,
    }),
  );
}

/** A dev report for `enclaveKey` bound to `operator` and the latest block; the parts that vary. */
async function devReport(context: GasContext, enclaveKey: Hex, operator: Address) {
  const enclavePublicKey = getEnclavePublicKey(enclaveKey);
  const { report, l1BlockNumber, commitment } = await buildDevRegistration(context.publicClient, {
    operator,
    enclavePublicKey,
    mrEnclave: MEASUREMENT,
    mrSigner: SIGNER,
    isvProdId: 1,
    isvSvn: 1,
  });
  return { report, l1BlockNumber, varying: [enclavePublicKey, commitment, slice(report, 235)] as Hex[] };
}

async function register(context: GasContext, enclaveKey: Hex, operator: number): Promise<void> {
  const wallet = context.wallets[operator]!;
  const { report, l1BlockNumber } = await devReport(context, enclaveKey, wallet.account.address);
  await wait(context, protocolWallet(context, operator).registerNode({ report, l1BlockNumber }));
}

/** The genesis key registers (operator wallets[1]) and founds the network. */
export async function founded(context: GasContext): Promise<void> {
  await approveMeasurement(context);
  await register(context, GENESIS_KEY, 1);
  const init = await prepareNetworkInitialization({
    chainId: context.manifest.chainId,
    networkManagement: context.manifest.contracts.NetworkManagement,
    masterSecret: MASTER_SECRET,
    enclavePrivateKey: GENESIS_KEY,
  });
  await wait(context, protocolWallet(context, 1).initializeNetwork(init));
}

/** wallets[1] receives stake tokens from the treasury (wallets[0]) and approves them. */
export async function fundAndApprove(context: GasContext): Promise<void> {
  const token = context.manifest.contracts.ObscuroToken;
  await wait(
    context,
    context.wallets[0]!.writeContract({
      address: token,
      abi: obscuroTokenAbi,
      functionName: "transfer",
      args: [context.wallets[1]!.account.address, STAKE],
    }),
  );
  await wait(
    context,
    context.wallets[1]!.writeContract({
      address: token,
      abi: obscuroTokenAbi,
      functionName: "approve",
      args: [context.manifest.contracts.NetworkManagement, STAKE],
    }),
  );
}

export const networkScenarios: GasScenario[] = [
  {
    // With the dev verifier: freshness, verify + every policy rule, binding, three new slots.
    name: "NetworkManagement.registerNode",
    budget: 200_000n,
    run: async (context) => {
      await approveMeasurement(context);
      const operator = context.wallets[1]!;
      for (let i = 0; i < MAX_TRIES; i++) {
        const key = keccak256(toHex(`obscuro/gas/node/${i}`));
        const { report, l1BlockNumber, varying } = await devReport(context, key, operator.account.address);
        if (!zeroFree(...varying)) continue;
        return protocolWallet(context, 1).registerNode({ report, l1BlockNumber });
      }
      throw new Error("no zero-free report");
    },
  },
  {
    // The ciphertext goes into a data contract; the genesis fee is refunded.
    name: "NetworkManagement.initializeNetwork",
    run: async (context) => {
      await approveMeasurement(context);
      await register(context, GENESIS_KEY, 1);
      for (let i = 0; i < MAX_TRIES; i++) {
        const init = await prepareNetworkInitialization({
          chainId: context.manifest.chainId,
          networkManagement: context.manifest.contracts.NetworkManagement,
          masterSecret: MASTER_SECRET,
          enclavePrivateKey: GENESIS_KEY,
        });
        if (!zeroFree(init.encryptedSecret, init.enclaveSignature, init.networkSignature)) continue;
        return protocolWallet(context, 1).initializeNetwork(init);
      }
      throw new Error("no zero-free initialization");
    },
  },
  {
    // The genesis node's host answers a joiner: two signatures, a data contract, the fee paid.
    name: "NetworkManagement.respondSecret",
    budget: 150_000n,
    run: async (context) => {
      await founded(context);
      await register(context, JOINER_KEY, 2);
      for (let i = 0; i < MAX_TRIES; i++) {
        const response = await prepareSecretResponse({
          chainId: context.manifest.chainId,
          networkManagement: context.manifest.contracts.NetworkManagement,
          masterSecret: MASTER_SECRET,
          responderPrivateKey: GENESIS_KEY,
          requesterPublicKey: getEnclavePublicKey(JOINER_KEY),
        });
        if (!zeroFree(response.encryptedSecret, response.responderSignature, response.networkSignature)) continue;
        return protocolWallet(context, 1).respondSecret(response);
      }
      throw new Error("no zero-free response");
    },
  },
  {
    // Approved beforehand: stake pulled, host list entry and host address written.
    name: "NetworkManagement.registerAggregator",
    run: async (context) => {
      await founded(context);
      await fundAndApprove(context);
      return protocolWallet(context, 1).registerAggregator({
        enclaveId: privateKeyToAccount(GENESIS_KEY).address,
        hostAddress: HOST,
        amount: STAKE,
      });
    },
  },
  {
    // The same with an ERC-2612 permit in the call (fixed deadline: deterministic signature).
    name: "NetworkManagement.registerAggregatorWithPermit",
    run: async (context) => {
      await founded(context);
      await wait(
        context,
        context.wallets[0]!.writeContract({
          address: context.manifest.contracts.ObscuroToken,
          abi: obscuroTokenAbi,
          functionName: "transfer",
          args: [context.wallets[1]!.account.address, STAKE],
        }),
      );
      return protocolWallet(context, 1).registerAggregator({
        enclaveId: privateKeyToAccount(GENESIS_KEY).address,
        hostAddress: HOST,
        amount: STAKE,
        authorization: "permit",
        permitDeadline: 4_000_000_000n,
      });
    },
  },
  {
    // What RollupManagement pays on every rollup to ask who may publish (a view, sent as a transaction).
    name: "NetworkManagement.checkPublisher",
    run: async (context) => {
      await founded(context);
      await fundAndApprove(context);
      const networkManagement = context.manifest.contracts.NetworkManagement;
      await wait(
        context,
        protocolWallet(context, 1).registerAggregator({
          enclaveId: privateKeyToAccount(GENESIS_KEY).address,
          hostAddress: HOST,
          amount: STAKE,
        }),
      );
      return context.wallets[1]!.sendTransaction({
        to: networkManagement,
        data: encodeFunctionData({
          abi: networkManagementAbi,
          functionName: "checkPublisher",
          args: [privateKeyToAccount(GENESIS_KEY).address, context.wallets[1]!.account.address],
        }),
      });
    },
  },
];
