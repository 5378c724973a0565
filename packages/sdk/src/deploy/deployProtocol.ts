import {
  getAddress,
  getContractAddress,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { deployCouncilSafe } from "../council/deployCouncilSafe.ts";
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
import { deployGovernance } from "./deployGovernance.ts";
import { deployContract } from "./deployContract.ts";
import { deployProxy } from "./deployProxy.ts";
import { DeploymentFailedError } from "./errors.ts";
import type { DeploymentManifest, ProtocolContractName } from "./manifest.ts";
import {
  DEFAULT_ROLLUP_SETTINGS,
  DEFAULT_SLASHING_SETTINGS,
  DEFAULT_TOKEN_SUPPLY,
  resolveAttestationSettings,
  resolveCouncilSettings,
  resolveNetworkSettings,
  type AttestationDeploySettings,
  type CouncilDeploySettings,
  type GovernanceDeploySettings,
  type NetworkDeploySettings,
  type RollupDeploySettings,
  type SlashingDeploySettings,
} from "./settings.ts";

export { DeploymentFailedError } from "./errors.ts";

export interface DeployProtocolParameters {
  /** Signs and sends the deployment transactions. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  /** Reads receipts and blocks. */
  publicClient: PublicClient;
  /** Receives the whole token supply. Default: the deployer. */
  treasury?: Address;
  /** Token supply in wei. Default: {@link DEFAULT_TOKEN_SUPPLY}. */
  tokenSupply?: bigint;
  /**
   * Governs every module (parameters, auditors, upgrades). Default: a fresh `ObscuroTimelock`
   * driven by an `ObscuroGovernor` over the token (see `governanceSettings`). Pass an address
   * (an existing Timelock, or an EOA in tests) to skip deploying governance.
   */
  governance?: Address;
  /** The Governor's and Timelock's settings when governance is deployed here. */
  governanceSettings?: GovernanceDeploySettings;
  /**
   * The security council (emergency powers only). Default: a fresh Safe 1.4.1 with the owners of
   * `councilSettings` (DEV ONLY keys by default). Pass an address to use an existing one.
   */
  council?: Address;
  /** The council Safe's owners and threshold when the Safe is deployed here. */
  councilSettings?: CouncilDeploySettings;
  /** The attestation requirements; every default is DEV ONLY (see {@link AttestationDeploySettings}). */
  attestation?: AttestationDeploySettings;
  /** NetworkManagement's parameters (see {@link NetworkDeploySettings}). */
  network?: NetworkDeploySettings;
  /** RollupManagement's parameters (see {@link RollupDeploySettings}). */
  rollup?: RollupDeploySettings;
  /** RollupSlashing's parameters (see {@link SlashingDeploySettings}). */
  slashing?: SlashingDeploySettings;
  /** The git commit recorded in the manifest. Default `unknown`. */
  commit?: string;
  /** Called after each contract is deployed, for progress output. */
  onDeployed?: (event: {
    name: ProtocolContractName | "CouncilSafe";
    /** For upgradeable modules: which of the two deployments this is. */
    role?: "implementation" | "proxy";
    address: Address;
    transactionHash?: Hex;
    gasUsed?: bigint;
  }) => void;
}

export type DeployProtocolReturnType = DeploymentManifest;

/**
 * Deploys every protocol contract to the chain behind `walletClient`, in dependency order,
 * waiting for each receipt, and returns the deployment manifest (not yet written to disk; see
 * `writeDeploymentManifest`). Unless `governance` and `council` are given, it also deploys the
 * token-holder governance (Timelock + Governor) and the council Safe, so that nothing is left
 * in the deployer's hands; when the deployer is the treasury it delegates the treasury's votes
 * to itself so that proposals can be voted on at once.
 * @throws {DeploymentFailedError} when a deployment transaction reverts or yields no contract.
 */
export async function deployProtocol(parameters: DeployProtocolParameters): Promise<DeployProtocolReturnType> {
  const { walletClient, publicClient } = parameters;
  const deployer = walletClient.account.address;
  const treasury = getAddress(parameters.treasury ?? deployer);
  const tokenSupply = parameters.tokenSupply ?? DEFAULT_TOKEN_SUPPLY;
  const attestation = resolveAttestationSettings(parameters.attestation);
  const networkSettings = resolveNetworkSettings(parameters.network, treasury);
  const rollupSettings = { ...DEFAULT_ROLLUP_SETTINGS, ...parameters.rollup };
  const slashingSettings = { ...DEFAULT_SLASHING_SETTINGS, ...parameters.slashing };
  const chainId = await publicClient.getChainId();
  const report = parameters.onDeployed;

  const send = async (name: string, hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") {
      throw new DeploymentFailedError(`${name} reverted.`, { details: `transaction ${hash}` });
    }
    return receipt;
  };
  const deploy = async (name: ProtocolContractName, abi: Abi, bytecode: Hex, args: readonly unknown[]) => {
    const { receipt, event } = await deployContract(walletClient, publicClient, name, { abi, bytecode, args });
    report?.({ name, ...event });
    return { address: event.address, receipt };
  };
  const onModule =
    (name: ProtocolContractName) =>
    (event: { role: "implementation" | "proxy"; address: Address; transactionHash: Hex; gasUsed: bigint }) =>
      report?.({ name, ...event });

  const token = await deploy("ObscuroToken", obscuroTokenAbi, obscuroTokenBytecode, [treasury, tokenSupply]);

  // Governance: token holders through the Timelock, unless an address was given.
  let governance: Address;
  let dao: DeploymentManifest["settings"]["governanceDao"];
  if (parameters.governance) {
    governance = getAddress(parameters.governance);
  } else {
    const deployed = await deployGovernance({
      walletClient,
      publicClient,
      token: token.address,
      ...(parameters.governanceSettings ? { settings: parameters.governanceSettings } : {}),
      onDeployed: report,
    });
    governance = deployed.timelock;
    dao = { timelock: deployed.timelock, governor: deployed.governor, ...deployed.settings };
    if (treasury === getAddress(deployer)) {
      await send(
        "Delegating the treasury's votes",
        await walletClient.writeContract({
          address: token.address,
          abi: obscuroTokenAbi,
          functionName: "delegate",
          args: [treasury],
          chain: walletClient.chain ?? null,
          account: walletClient.account,
        }),
      );
    }
  }

  // The council: a Safe, unless an address was given.
  let council: Address;
  let councilSafe: DeploymentManifest["settings"]["councilSafe"];
  if (parameters.council) {
    council = getAddress(parameters.council);
  } else {
    const councilSettings = resolveCouncilSettings(parameters.councilSettings);
    const safe = await deployCouncilSafe({ walletClient, publicClient, ...councilSettings });
    council = safe.safe;
    councilSafe = { owners: [...councilSettings.owners], threshold: councilSettings.threshold };
    report?.({ name: "CouncilSafe", address: council });
  }

  const verifier = await deploy("DevAttestationVerifier", devAttestationVerifierAbi, devAttestationVerifierBytecode, [
    attestation.vendor,
  ]);
  const policy = await deployProxy({
    walletClient,
    publicClient,
    name: "EnclavePolicy",
    abi: enclavePolicyAbi,
    bytecode: enclavePolicyBytecode,
    initialize: {
      functionName: "initialize",
      args: [
        governance,
        council,
        {
          verifier: verifier.address,
          auditors: attestation.auditors,
          threshold: BigInt(attestation.threshold),
          acceptedTeeTypes: attestation.acceptedTeeTypes,
          acceptedTcbStatuses: attestation.acceptedTcbStatuses,
          maxReportAge: attestation.maxReportAge,
          keyLifetime: attestation.keyLifetime,
        },
      ],
    },
    onDeployed: onModule("EnclavePolicy"),
  });

  // The modules reference each other through immutables: NetworkManagement names RollupSlashing
  // (the only module besides governance that may slash), the bridge names RollupManagement, and
  // both of those name NetworkManagement. Deploy in this order (implementation then proxy for
  // each) and predict the two forward references from the deployer's nonce.
  const nonce = await publicClient.getTransactionCount({ address: deployer, blockTag: "pending" });
  const predictedSlashing = getContractAddress({ from: deployer, nonce: BigInt(nonce + 5) });
  const predictedRollup = getContractAddress({ from: deployer, nonce: BigInt(nonce + 7) });

  const network = await deployProxy({
    walletClient,
    publicClient,
    name: "NetworkManagement",
    abi: networkManagementAbi,
    bytecode: networkManagementBytecode,
    constructorArgs: [policy.proxy, token.address, predictedSlashing],
    initialize: {
      functionName: "initialize",
      args: [
        governance,
        council,
        {
          registrationFee: networkSettings.registrationFee,
          minStake: networkSettings.minStake,
          unbondingPeriod: networkSettings.unbondingPeriod,
          responseTimeout: networkSettings.responseTimeout,
          treasury: networkSettings.treasury,
        },
      ],
    },
    onDeployed: onModule("NetworkManagement"),
  });
  const bridge = await deployProxy({
    walletClient,
    publicClient,
    name: "BridgeManagement",
    abi: bridgeManagementAbi,
    bytecode: bridgeManagementBytecode,
    constructorArgs: [predictedRollup],
    initialize: { functionName: "initialize", args: [governance, council] },
    onDeployed: onModule("BridgeManagement"),
  });
  const slashing = await deployProxy({
    walletClient,
    publicClient,
    name: "RollupSlashing",
    abi: rollupSlashingAbi,
    bytecode: rollupSlashingBytecode,
    constructorArgs: [predictedRollup, network.proxy],
    initialize: { functionName: "initialize", args: [governance, council, slashingSettings] },
    onDeployed: onModule("RollupSlashing"),
  });
  const rollup = await deployProxy({
    walletClient,
    publicClient,
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
    onDeployed: onModule("RollupManagement"),
  });
  for (const [name, predicted, actual] of [
    ["RollupSlashing", predictedSlashing, slashing.proxy],
    ["RollupManagement", predictedRollup, rollup.proxy],
  ] as const) {
    if (actual !== predicted) {
      throw new DeploymentFailedError(`The ${name} proxy is not at its predicted address.`, {
        details: `predicted ${predicted}, deployed at ${actual}: another transaction from ${deployer} was mined during the deployment`,
      });
    }
  }

  const block = await publicClient.getBlock({ blockNumber: token.receipt.blockNumber });
  return {
    version: 1,
    chainId,
    deployBlock: token.receipt.blockNumber,
    commit: parameters.commit ?? "unknown",
    deployer,
    deployedAt: new Date(Number(block.timestamp) * 1000).toISOString(),
    contracts: {
      ObscuroToken: token.address,
      DevAttestationVerifier: verifier.address,
      EnclavePolicy: policy.proxy,
      NetworkManagement: network.proxy,
      BridgeManagement: bridge.proxy,
      RollupSlashing: slashing.proxy,
      RollupManagement: rollup.proxy,
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
      attestation: { vendor: attestation.vendor, auditors: attestation.auditors, threshold: attestation.threshold },
      network: networkSettings,
      rollup: { ...rollupSettings },
      slashing: { ...slashingSettings },
    },
  };
}
