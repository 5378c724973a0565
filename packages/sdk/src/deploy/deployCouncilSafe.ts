import {
  concat,
  encodeFunctionData,
  encodePacked,
  getAddress,
  getContractAddress,
  keccak256,
  pad,
  zeroAddress,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Transport,
} from "viem";
import { InvalidCouncilError } from "../errors/council.ts";
import {
  SAFE_FALLBACK_HANDLER_BYTECODE,
  SAFE_PROXY_BYTECODE,
  SAFE_PROXY_FACTORY_BYTECODE,
  SAFE_SINGLETON_BYTECODE,
  safeAbi,
  safeProxyFactoryAbi,
} from "../utils/safe.ts";
import type { DeploymentPlanner } from "./plan.ts";
import { runPlan } from "./runPlan.ts";

/** Safe infrastructure (singleton, proxy factory, fallback handler) to reuse: a chain's canonical deployment. */
export interface SafeInfrastructure {
  singleton: Address;
  proxyFactory: Address;
  fallbackHandler: Address;
}

export interface CouncilSafeSettings {
  /** The council members. */
  owners: readonly Address[];
  /** How many of them must sign. */
  threshold: number;
  /** Existing Safe infrastructure to reuse; deployed if absent. */
  infrastructure?: SafeInfrastructure | undefined;
  /** CREATE2 salt of the proxy. Default 0. */
  saltNonce?: bigint | undefined;
}

export interface DeployCouncilSafeReturnType extends SafeInfrastructure {
  safe: Address;
}

/**
 * Checks a council: distinct owners and a threshold between 1 and their number.
 * @throws {InvalidCouncilError}
 */
export function assertCouncilSettings({ owners, threshold }: Pick<CouncilSafeSettings, "owners" | "threshold">): void {
  const unique = new Set(owners.map((o) => getAddress(o)));
  if (owners.length === 0 || unique.size !== owners.length || threshold < 1 || threshold > owners.length) {
    throw new InvalidCouncilError("The council needs distinct owners and a threshold between 1 and their number.", {
      details: `${owners.length} owners (${unique.size} distinct), threshold ${threshold}`,
    });
  }
}

/**
 * Plans the security council: a Safe 1.4.1 proxy with `owners` and `threshold`, created by the
 * proxy factory with CREATE2 (so its address is known in advance), after the Safe singleton, proxy
 * factory and fallback handler when no existing ones are given.
 * @throws {InvalidCouncilError} for no owners, duplicates, or a threshold outside [1, owners].
 */
export function planCouncilSafe(
  planner: DeploymentPlanner,
  settings: CouncilSafeSettings,
): DeployCouncilSafeReturnType {
  assertCouncilSettings(settings);
  const infrastructure = settings.infrastructure ?? {
    singleton: planner.create("SafeSingleton", { abi: [], bytecode: SAFE_SINGLETON_BYTECODE }),
    proxyFactory: planner.create("SafeProxyFactory", { abi: [], bytecode: SAFE_PROXY_FACTORY_BYTECODE }),
    fallbackHandler: planner.create("SafeFallbackHandler", { abi: [], bytecode: SAFE_FALLBACK_HANDLER_BYTECODE }),
  };
  const saltNonce = settings.saltNonce ?? 0n;
  const initializer = encodeFunctionData({
    abi: safeAbi,
    functionName: "setup",
    args: [
      settings.owners.map((o) => getAddress(o)),
      BigInt(settings.threshold),
      zeroAddress,
      "0x",
      infrastructure.fallbackHandler,
      zeroAddress,
      0n,
      zeroAddress,
    ],
  });
  // SafeProxyFactory 1.4.1: salt = keccak256(keccak256(initializer) ‖ saltNonce), init code =
  // SafeProxy's creation code ‖ the singleton as a uint256.
  const safe = getContractAddress({
    opcode: "CREATE2",
    from: infrastructure.proxyFactory,
    salt: keccak256(encodePacked(["bytes32", "uint256"], [keccak256(initializer), saltNonce])),
    bytecode: concat([SAFE_PROXY_BYTECODE, pad(infrastructure.singleton, { size: 32 })]),
  });
  planner.call(
    "CouncilSafe",
    {
      to: infrastructure.proxyFactory,
      abi: safeProxyFactoryAbi,
      functionName: "createProxyWithNonce",
      args: [infrastructure.singleton, initializer, saltNonce],
    },
    safe,
  );
  return { safe, ...infrastructure };
}

export type DeployCouncilSafeParameters = CouncilSafeSettings & {
  /** The deployer; default: the client's account. */
  account?: Account | Address | undefined;
};

/**
 * Creates the security council ({@link planCouncilSafe}).
 * @throws {InvalidCouncilError} for no owners, duplicates, or a threshold outside [1, owners] (nothing is sent).
 * @throws {DeploymentFailedError} when a transaction cannot be sent or reverts.
 * @example
 * const { safe } = await deployCouncilSafe(walletClient, { owners, threshold: 2 });
 */
export async function deployCouncilSafe(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DeployCouncilSafeParameters,
): Promise<DeployCouncilSafeReturnType> {
  return (await runPlan(client, parameters.account, (planner) => planCouncilSafe(planner, parameters))).value;
}
