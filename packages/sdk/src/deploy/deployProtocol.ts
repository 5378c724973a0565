import { getAddress, type Account, type Address, type Chain, type Client, type Hex, type Transport } from "viem";
import { parseAccount } from "viem/accounts";
import { getBlock, getChainId, getTransactionCount } from "viem/actions";
import { AccountRequiredError } from "../errors/BaseError.ts";
import type { InvalidCouncilError } from "../errors/council.ts";
import {
  DeploymentSettingRequiredError,
  type DeploymentFailedError,
  type DeploymentPlanMismatchError,
  type InvalidDeploymentSettingError,
} from "../errors/deploy.ts";
import {
  bridgeManagementAbi,
  bridgeManagementBytecode,
  devAttestationVerifierAbi,
  devAttestationVerifierBytecode,
  enclavePolicyAbi,
  enclavePolicyBytecode,
  networkManagementAbi,
  networkManagementBytecode,
  obscuroTokenAbi,
  obscuroTokenBytecode,
  rollupManagementAbi,
  rollupManagementBytecode,
  rollupSlashingAbi,
  rollupSlashingBytecode,
} from "../generated/index.ts";
import { planCouncilSafe, type CouncilSafeSettings } from "./deployCouncilSafe.ts";
import { planDcapVerifier } from "./deployDcapVerifier.ts";
import { planGovernance } from "./deployGovernance.ts";
import { planProxy } from "./deployProxy.ts";
import { executeDeploymentPlan } from "./executeDeploymentPlan.ts";
import type { DeploymentManifest } from "./manifest.ts";
import { DeploymentPlanner, type DeploymentPlan } from "./plan.ts";
import {
  DEFAULT_GOVERNANCE_SETTINGS,
  DEFAULT_ROLLUP_SETTINGS,
  DEFAULT_SLASHING_SETTINGS,
  DEFAULT_TOKEN_SUPPLY,
  resolveAttestationSetup,
  resolveNetworkSettings,
  type AttestationSetup,
  type GovernanceDeploySettings,
  type NetworkDeploySettings,
  type RollupDeploySettings,
  type SlashingDeploySettings,
} from "./settings.ts";

export interface DeployProtocolParameters {
  /** The deployer; default: the client's account. */
  account?: Account | Address | undefined;
  /**
   * How nodes attest: `{ kind: "dev", vendor, auditors, threshold }` (a simulated TEE vendor; the
   * devnet's comes from `@obscuro/sdk/devtools`) or `{ kind: "dcap", auditors, threshold }` (Intel
   * DCAP, verifier and registries deployed here). Required: no verifier, vendor or auditor is ever
   * assumed.
   */
  attestation: AttestationSetup;
  /**
   * The security council (emergency powers only): an existing address, or `councilSettings` to
   * create a Safe here. One of the two is required.
   */
  council?: Address | undefined;
  /** The council Safe to create: its owners and threshold. */
  councilSettings?: CouncilSafeSettings | undefined;
  /**
   * Governs every module (parameters, auditors, upgrades). Default: a fresh `ObscuroTimelock`
   * driven by an `ObscuroGovernor` over the token (see `governanceSettings`). Pass an address (an
   * existing Timelock, or an EOA in tests) to skip deploying governance.
   */
  governance?: Address | undefined;
  /** The Governor's and Timelock's settings when governance is deployed here. */
  governanceSettings?: GovernanceDeploySettings | undefined;
  /** Receives the whole token supply. Default: the deployer. */
  treasury?: Address | undefined;
  /** Token supply in wei. Default: {@link DEFAULT_TOKEN_SUPPLY}. */
  tokenSupply?: bigint | undefined;
  /** NetworkManagement's parameters (see {@link NetworkDeploySettings}). */
  network?: NetworkDeploySettings | undefined;
  /** RollupManagement's parameters (see {@link RollupDeploySettings}). */
  rollup?: RollupDeploySettings | undefined;
  /** RollupSlashing's parameters (see {@link SlashingDeploySettings}). */
  slashing?: SlashingDeploySettings | undefined;
  /** The git commit recorded in the manifest. Default `unknown`. */
  commit?: string | undefined;
  /** Called after each step, for progress output. */
  onDeployed?: ((event: DeployedEvent) => void) | undefined;
}

/** A step of the deployment done. */
export interface DeployedEvent {
  /** What was deployed or done: `ObscuroToken`, `EnclavePolicy`, `CouncilSafe`, `ObscuroToken.delegate`, … */
  name: string;
  /** For upgradeable modules: which of the two deployments this is. */
  role?: "implementation" | "proxy" | undefined;
  /** The contract created (none for a plain call). */
  address?: Address | undefined;
  transactionHash: Hex;
  gasUsed: bigint;
}

export type DeployProtocolReturnType = DeploymentManifest;

export type DeployProtocolErrorType =
  | DeploymentSettingRequiredError
  | InvalidDeploymentSettingError
  | InvalidCouncilError
  | AccountRequiredError
  | DeploymentFailedError
  | DeploymentPlanMismatchError;

/** What {@link planProtocolDeployment} needs besides the parameters: who deploys from which nonce, on which chain. */
export interface PlanProtocolDeploymentParameters extends Omit<DeployProtocolParameters, "account" | "onDeployed"> {
  deployer: Address;
  /** The deployer's next nonce. */
  nonce: number;
  chainId: number;
}

export interface PlanProtocolDeploymentReturnType {
  /** Every transaction, in order, with the address it creates. */
  plan: DeploymentPlan;
  /** The manifest the plan leads to, but for what only the chain can say (deploy block and time). */
  manifest: Omit<DeploymentManifest, "deployBlock" | "deployedAt">;
}

/**
 * Plans the whole deployment before anything is sent: every transaction from the deployer's next
 * nonce on, and the address each creates. The modules reference each other through immutables
 * (NetworkManagement names RollupSlashing, the bridge and RollupSlashing name RollupManagement),
 * so those forward references are simply the plan's addresses. Order: the token; governance
 * (Timelock, Governor, the treasury's vote delegation) unless given; the council Safe unless
 * given; the verifier (dev, or DCAP with its two registries); then EnclavePolicy,
 * NetworkManagement, BridgeManagement, RollupSlashing and RollupManagement, each an
 * implementation and an `ERC1967Proxy` initialized in the same transaction.
 * @throws {DeploymentSettingRequiredError} without `attestation`, or without `council` or `councilSettings`.
 * @throws {InvalidDeploymentSettingError} for auditors with a threshold outside [1, auditors].
 * @throws {InvalidCouncilError} for council settings that are not distinct owners and a valid threshold.
 */
export function planProtocolDeployment(parameters: PlanProtocolDeploymentParameters): PlanProtocolDeploymentReturnType {
  if (!parameters.attestation) {
    throw new DeploymentSettingRequiredError("deployProtocol needs the attestation setup.", {
      setting: "attestation",
      details:
        'pass attestation: { kind: "dev", vendor, auditors, threshold } or { kind: "dcap", auditors, threshold }',
    });
  }
  if (!parameters.council && !parameters.councilSettings) {
    throw new DeploymentSettingRequiredError("deployProtocol needs the security council.", {
      setting: "council",
      details: "pass council (an existing address) or councilSettings (owners and threshold of a Safe to create)",
    });
  }
  const deployer = getAddress(parameters.deployer);
  const treasury = getAddress(parameters.treasury ?? deployer);
  const tokenSupply = parameters.tokenSupply ?? DEFAULT_TOKEN_SUPPLY;
  const attestation = resolveAttestationSetup(parameters.attestation);
  const networkSettings = resolveNetworkSettings(parameters.network, treasury);
  const rollupSettings = { ...DEFAULT_ROLLUP_SETTINGS, ...parameters.rollup };
  const slashingSettings = { ...DEFAULT_SLASHING_SETTINGS, ...parameters.slashing };
  const planner = new DeploymentPlanner(deployer, parameters.nonce);

  const token = planner.create("ObscuroToken", {
    abi: obscuroTokenAbi,
    bytecode: obscuroTokenBytecode,
    args: [treasury, tokenSupply],
  });

  let governance: Address;
  let dao: DeploymentManifest["settings"]["governanceDao"];
  if (parameters.governance) {
    governance = getAddress(parameters.governance);
  } else {
    const settings = { ...DEFAULT_GOVERNANCE_SETTINGS, ...parameters.governanceSettings };
    const { timelock, governor } = planGovernance(planner, { token, settings });
    governance = timelock;
    dao = { timelock, governor, ...settings };
    // The treasury's votes count at once when the deployer holds them.
    if (treasury === deployer) {
      planner.call("ObscuroToken.delegate", {
        to: token,
        abi: obscuroTokenAbi,
        functionName: "delegate",
        args: [treasury],
      });
    }
  }

  let council: Address;
  let councilSafe: DeploymentManifest["settings"]["councilSafe"];
  if (parameters.council) {
    council = getAddress(parameters.council);
  } else {
    const settings = parameters.councilSettings!;
    council = planCouncilSafe(planner, settings).safe;
    councilSafe = { owners: settings.owners.map((o) => getAddress(o)), threshold: settings.threshold };
  }

  let verifier: Address;
  let registries: Partial<Record<"DcapCertificateRegistry" | "DcapCollateralRegistry", Address>> = {};
  if (attestation.kind === "dev") {
    verifier = planner.create("AttestationVerifier", {
      abi: devAttestationVerifierAbi,
      bytecode: devAttestationVerifierBytecode,
      args: [attestation.vendor],
    });
  } else {
    const dcap = planDcapVerifier(planner, { rootCertificate: attestation.rootCertificate });
    verifier = dcap.DcapAttestationVerifier;
    registries = {
      DcapCertificateRegistry: dcap.DcapCertificateRegistry,
      DcapCollateralRegistry: dcap.DcapCollateralRegistry,
    };
  }

  const policy = planProxy(planner, {
    name: "EnclavePolicy",
    abi: enclavePolicyAbi,
    bytecode: enclavePolicyBytecode,
    initialize: {
      functionName: "initialize",
      args: [
        governance,
        council,
        {
          verifier,
          auditors: attestation.auditors,
          threshold: BigInt(attestation.threshold),
          acceptedTeeTypes: attestation.acceptedTeeTypes,
          acceptedTcbStatuses: attestation.acceptedTcbStatuses,
          maxReportAge: attestation.maxReportAge,
          keyLifetime: attestation.keyLifetime,
        },
      ],
    },
  });
  // The modules name each other through immutables: NetworkManagement names RollupSlashing (the
  // only module besides governance that may slash), the bridge and RollupSlashing name
  // RollupManagement, which names all three. The first references point forward in the plan.
  const network = planProxy(planner, {
    name: "NetworkManagement",
    abi: networkManagementAbi,
    bytecode: networkManagementBytecode,
    constructorArgs: (addressOf) => [policy.proxy, token, addressOf("RollupSlashing", "proxy")],
    initialize: { functionName: "initialize", args: [governance, council, networkSettings] },
  });
  const bridge = planProxy(planner, {
    name: "BridgeManagement",
    abi: bridgeManagementAbi,
    bytecode: bridgeManagementBytecode,
    constructorArgs: (addressOf) => [addressOf("RollupManagement", "proxy")],
    initialize: { functionName: "initialize", args: [governance, council] },
  });
  const slashing = planProxy(planner, {
    name: "RollupSlashing",
    abi: rollupSlashingAbi,
    bytecode: rollupSlashingBytecode,
    constructorArgs: (addressOf) => [addressOf("RollupManagement", "proxy"), network.proxy],
    initialize: { functionName: "initialize", args: [governance, council, slashingSettings] },
  });
  const rollup = planProxy(planner, {
    name: "RollupManagement",
    abi: rollupManagementAbi,
    bytecode: rollupManagementBytecode,
    constructorArgs: [network.proxy, bridge.proxy, slashing.proxy],
    initialize: {
      functionName: "initialize",
      args: [
        governance,
        council,
        {
          tree: { finalityDelay: rollupSettings.finalityDelay, forkExpiry: rollupSettings.forkExpiry },
          keyRotationPeriod: rollupSettings.keyRotationPeriod,
          disclosureDelay: rollupSettings.disclosureDelay,
        },
      ],
    },
  });
  return {
    plan: planner.plan(),
    manifest: {
      version: 2,
      chainId: parameters.chainId,
      commit: parameters.commit ?? "unknown",
      deployer,
      contracts: {
        ObscuroToken: token,
        AttestationVerifier: verifier,
        EnclavePolicy: policy.proxy,
        NetworkManagement: network.proxy,
        BridgeManagement: bridge.proxy,
        RollupSlashing: slashing.proxy,
        RollupManagement: rollup.proxy,
        ...registries,
        ...(dao ? { ObscuroTimelock: dao.timelock, ObscuroGovernor: dao.governor } : {}),
      },
      implementations: {
        EnclavePolicy: policy.implementation,
        NetworkManagement: network.implementation,
        BridgeManagement: bridge.implementation,
        RollupSlashing: slashing.implementation,
        RollupManagement: rollup.implementation,
      },
      settings: {
        treasury,
        tokenSupply,
        governance,
        council,
        ...(dao ? { governanceDao: dao } : {}),
        ...(councilSafe ? { councilSafe } : {}),
        attestation: {
          ...(attestation.kind === "dev"
            ? { kind: "dev" as const, vendor: attestation.vendor }
            : { kind: "dcap" as const }),
          auditors: attestation.auditors,
          threshold: attestation.threshold,
        },
        network: networkSettings,
        rollup: { ...rollupSettings },
        slashing: { ...slashingSettings },
      },
    },
  };
}

/**
 * Deploys every protocol contract to the client's chain and returns the deployment manifest (not
 * yet written to disk; see `writeDeploymentManifest`; build a chain from it with
 * `defineObscuroL1Chain`). The whole deployment is planned first ({@link planProtocolDeployment}),
 * then executed step by step: each transaction simulated, sent with its planned nonce, waited for
 * and checked to have created its contract at the planned address. Unless `governance` is given
 * it deploys token-holder governance (Timelock + Governor), so that nothing is left in the
 * deployer's hands; when the deployer is the treasury it delegates the treasury's votes to itself
 * so that proposals can be voted on at once.
 * @throws {DeploymentSettingRequiredError} without `attestation`, or without `council` or `councilSettings` (nothing is sent).
 * @throws {InvalidDeploymentSettingError} / {InvalidCouncilError} for settings the contracts would refuse (nothing is sent).
 * @throws {ContractCallRevertedError} when a step would revert (a constructor or an initializer).
 * @throws {DeploymentPlanMismatchError} when another transaction of the deployer got in between.
 * @throws {DeploymentFailedError} when a step cannot be sent or reverts once mined.
 * @example
 * const manifest = await deployProtocol(walletClient, {
 *   attestation: { kind: "dcap", auditors, threshold: 2 },
 *   councilSettings: { owners, threshold: 3 },
 * });
 */
export async function deployProtocol(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DeployProtocolParameters,
): Promise<DeployProtocolReturnType> {
  const sender = parameters.account ?? client.account;
  if (!sender)
    throw new AccountRequiredError("Deploying needs an account.", {
      details: "pass `account`, or give the wallet client one",
    });
  const deployer = parseAccount(sender);
  const [chainId, nonce] = await Promise.all([
    client.chain?.id ?? getChainId(client),
    getTransactionCount(client, { address: deployer.address, blockTag: "latest" }),
  ]);
  const { plan, manifest } = planProtocolDeployment({ ...parameters, deployer: deployer.address, nonce, chainId });
  const results = await executeDeploymentPlan(client, plan, {
    account: deployer,
    onStep: ({ step, transactionHash, gasUsed }) =>
      parameters.onDeployed?.({ name: step.name, role: step.role, address: step.address, transactionHash, gasUsed }),
  });
  const first = results[0]!.receipt;
  const block = await getBlock(client, { blockNumber: first.blockNumber });
  return {
    ...manifest,
    deployBlock: first.blockNumber,
    deployedAt: new Date(Number(block.timestamp) * 1000).toISOString(),
  };
}
