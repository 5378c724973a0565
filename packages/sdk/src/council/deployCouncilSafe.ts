import {
  encodeFunctionData,
  getAddress,
  parseEventLogs,
  zeroAddress,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { BaseError } from "../errors/BaseError.ts";
import {
  SAFE_FALLBACK_HANDLER_BYTECODE,
  SAFE_PROXY_FACTORY_BYTECODE,
  SAFE_SINGLETON_BYTECODE,
  safeAbi,
  safeProxyFactoryAbi,
} from "./safe.ts";

export class InvalidCouncilError extends BaseError {
  readonly code = "INVALID_COUNCIL";
}

export interface DeployCouncilSafeParameters {
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  publicClient: PublicClient;
  /** The council members. */
  owners: readonly Address[];
  /** How many of them must sign. */
  threshold: number;
  /** Existing Safe infrastructure to reuse (a chain's canonical deployment); deployed if absent. */
  infrastructure?: { singleton: Address; proxyFactory: Address; fallbackHandler: Address } | undefined;
  /** CREATE2 salt of the proxy. Default 0. */
  saltNonce?: bigint | undefined;
}

export interface DeployCouncilSafeReturnType {
  safe: Address;
  singleton: Address;
  proxyFactory: Address;
  fallbackHandler: Address;
}

/**
 * Creates the security council: a Safe 1.4.1 proxy with `owners` and `threshold`, deploying the
 * Safe singleton, proxy factory and fallback handler first when no existing ones are given.
 * @throws {InvalidCouncilError} for no owners, duplicates, or a threshold outside [1, owners].
 */
export async function deployCouncilSafe(parameters: DeployCouncilSafeParameters): Promise<DeployCouncilSafeReturnType> {
  const { walletClient, publicClient, owners, threshold } = parameters;
  const unique = new Set(owners.map((o) => getAddress(o)));
  if (owners.length === 0 || unique.size !== owners.length || threshold < 1 || threshold > owners.length) {
    throw new InvalidCouncilError("The council needs distinct owners and a threshold between 1 and their number.", {
      details: `${owners.length} owners (${unique.size} distinct), threshold ${threshold}`,
    });
  }
  const deploy = async (bytecode: Hex): Promise<Address> => {
    const hash = await walletClient.deployContract({
      abi: [],
      bytecode,
      chain: walletClient.chain,
      account: walletClient.account,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress)
      throw new InvalidCouncilError("Deploying the Safe infrastructure failed.");
    return getAddress(receipt.contractAddress);
  };
  const infrastructure = parameters.infrastructure ?? {
    singleton: await deploy(SAFE_SINGLETON_BYTECODE),
    proxyFactory: await deploy(SAFE_PROXY_FACTORY_BYTECODE),
    fallbackHandler: await deploy(SAFE_FALLBACK_HANDLER_BYTECODE),
  };
  const initializer = encodeFunctionData({
    abi: safeAbi,
    functionName: "setup",
    args: [
      [...owners],
      BigInt(threshold),
      zeroAddress,
      "0x",
      infrastructure.fallbackHandler,
      zeroAddress,
      0n,
      zeroAddress,
    ],
  });
  const hash = await walletClient.writeContract({
    address: infrastructure.proxyFactory,
    abi: safeProxyFactoryAbi,
    functionName: "createProxyWithNonce",
    args: [infrastructure.singleton, initializer, parameters.saltNonce ?? 0n],
    chain: walletClient.chain,
    account: walletClient.account,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const [created] = parseEventLogs({ abi: safeProxyFactoryAbi, logs: receipt.logs, eventName: "ProxyCreation" });
  if (receipt.status !== "success" || !created)
    throw new InvalidCouncilError("Creating the council Safe failed.", { details: hash });
  return { safe: getAddress(created.args.proxy), ...infrastructure };
}
