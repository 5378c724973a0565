import type { network } from "hardhat";
import { encodeFunctionData, getContractAddress, type Abi, type Address } from "viem";

type HardhatViem = Awaited<ReturnType<typeof network.create>>["viem"];

/** The fixture parameters of RollupManagement in TypeScript tests. */
export const TEST_ROLLUP_PARAMS = { finalityDelay: 10, forkExpiry: 20 } as const;

/** Key rotation every 30 days, disclosure 7 days after an epoch's latest end. */
export const TEST_KEY_PARAMS = { keyRotationPeriod: 30 * 86_400, disclosureDelay: 7 * 86_400 } as const;

/** The fixture parameters of RollupSlashing. */
export const TEST_SLASHING_PARAMS = {
  slashDepth: 2,
  reporterShareBps: 1000,
  forkSlashAmount: 100n * 10n ** 18n,
  invalidRollupQuorum: 1,
  invalidRollupRewardBps: 5000,
} as const;

/**
 * Deploys BridgeManagement, RollupSlashing and RollupManagement behind ERC1967 proxies, wired to
 * each other (implementations get the other modules' predicted proxy addresses) and to `network`.
 */
export async function deployRollupModules(viem: HardhatViem, network: Address, governance: Address, council: Address) {
  const publicClient = await viem.getPublicClient();
  const [deployer] = await viem.getWalletClients();
  if (!deployer) throw new Error("no wallet client");
  const nonce = await publicClient.getTransactionCount({ address: deployer.account.address });
  const slashingProxy = getContractAddress({ from: deployer.account.address, nonce: BigInt(nonce + 3) });
  const rollupProxy = getContractAddress({ from: deployer.account.address, nonce: BigInt(nonce + 5) });

  const bridgeImpl = await viem.deployContract("BridgeManagement", [rollupProxy]);
  const bridgeProxy = await viem.deployContract("ERC1967Proxy", [
    bridgeImpl.address,
    encodeInit(bridgeImpl.abi, "initialize", [governance, council]),
  ]);
  const slashingImpl = await viem.deployContract("RollupSlashing", [rollupProxy, network]);
  await viem.deployContract("ERC1967Proxy", [
    slashingImpl.address,
    encodeInit(slashingImpl.abi, "initialize", [governance, council, TEST_SLASHING_PARAMS]),
  ]);
  const rollupImpl = await viem.deployContract("RollupManagement", [network, bridgeProxy.address, slashingProxy]);
  const rollupProxyContract = await viem.deployContract("ERC1967Proxy", [
    rollupImpl.address,
    encodeInit(rollupImpl.abi, "initialize", [governance, council, { tree: TEST_ROLLUP_PARAMS, ...TEST_KEY_PARAMS }]),
  ]);
  if (rollupProxyContract.address.toLowerCase() !== rollupProxy.toLowerCase()) {
    throw new Error("rollup proxy address prediction failed");
  }
  const bridge = await viem.getContractAt("BridgeManagement", bridgeProxy.address);
  const rollups = await viem.getContractAt("RollupManagement", rollupProxy);
  const slashing = await viem.getContractAt("RollupSlashing", slashingProxy);
  return { bridge, rollups, slashing };
}

function encodeInit(abi: Abi, functionName: string, args: readonly unknown[]) {
  return encodeFunctionData({ abi, functionName, args });
}
