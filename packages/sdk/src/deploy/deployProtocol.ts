import {
  getAddress,
  getContractAddress,
  parseEther,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAddress } from "viem/accounts";
import {
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_AUDITOR_THRESHOLD,
} from "../attestation/devKeys.ts";
import { TcbStatus, TeeType } from "../attestation/constants.ts";
import { tcbStatusMask, teeTypeMask } from "../attestation/masks.ts";
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
} from "../generated/index.ts";
import { deployProxy } from "./deployProxy.ts";
import { DeploymentFailedError } from "./errors.ts";
import type { DeploymentManifest, ProtocolContractName } from "./manifest.ts";

export { DeploymentFailedError } from "./errors.ts";

/** The default fixed supply of the Obscuro token: one billion tokens. */
export const DEFAULT_TOKEN_SUPPLY = parseEther("1000000000");

/** Default `EnclavePolicy.maxReportAge`: 64 L1 blocks (about 13 minutes). */
export const DEFAULT_MAX_REPORT_AGE = 64n;

/** Default `EnclavePolicy.keyLifetime`: 30 days. */
export const DEFAULT_KEY_LIFETIME = 30n * 24n * 3600n;

/**
 * The attestation requirements a deployment starts with. Every default is a DEV-ONLY value:
 * the simulated vendor and auditors of `DEV_ATTESTATION_VENDOR_PRIVATE_KEY` and
 * `DEV_AUDITOR_PRIVATE_KEYS`, whose keys are public. A real network passes its own auditors and
 * threshold, and (once it exists) the DCAP verifier instead of the dev one.
 */
export interface AttestationDeploySettings {
  /** The `DevAttestationVerifier` vendor. Default: the dev vendor key's address (DEV ONLY). */
  vendor?: Address;
  /** The auditors (any order; sorted here). Default: the three dev auditors (DEV ONLY). */
  auditors?: readonly Address[];
  /** Auditor signatures needed to approve or revoke. Default: 2 (with the dev auditors). */
  threshold?: number;
  /** Accepted TEE types mask. Default: Simulated only. */
  acceptedTeeTypes?: number;
  /** Accepted TCB statuses mask. Default: UpToDate only. */
  acceptedTcbStatuses?: number;
  /** Default {@link DEFAULT_MAX_REPORT_AGE}. */
  maxReportAge?: bigint;
  /** Default {@link DEFAULT_KEY_LIFETIME}. */
  keyLifetime?: bigint;
}

/**
 * `NetworkManagement`'s parameters at deploy. The defaults suit a devnet (short periods so that
 * every path can be tried in minutes); a real network passes longer ones, e.g. an unbonding
 * period of 14 days that outlasts RollupManagement's fork expiry plus finality delay.
 */
export interface NetworkDeploySettings {
  /** ETH paid with `registerNode`, to the first responder. Default {@link DEFAULT_REGISTRATION_FEE}. */
  registrationFee?: bigint;
  /** Minimum aggregator stake in OBX wei. Default {@link DEFAULT_MIN_STAKE}. */
  minStake?: bigint;
  /** Seconds between `unstake` and `withdrawStake`. Default {@link DEFAULT_UNBONDING_PERIOD}. */
  unbondingPeriod?: number;
  /** Seconds before an unanswered registration may be cancelled. Default {@link DEFAULT_RESPONSE_TIMEOUT}. */
  responseTimeout?: number;
  /** Receives slashed stake not paid as rewards. Default: the token treasury. */
  treasury?: Address;
}

/** `RollupManagement`'s parameters at deploy (periods in L1 blocks). Devnet-friendly defaults. */
export interface RollupDeploySettings {
  /** Default {@link DEFAULT_ROLLUP_SETTINGS}.finalityDelay (L1 blocks). */
  finalityDelay?: number;
  /** Default {@link DEFAULT_ROLLUP_SETTINGS}.forkExpiry (L1 blocks). */
  forkExpiry?: number;
  /** Default {@link DEFAULT_ROLLUP_SETTINGS}.slashDepth. */
  slashDepth?: number;
  /** Default {@link DEFAULT_ROLLUP_SETTINGS}.reporterShareBps. */
  reporterShareBps?: number;
  /** Default {@link DEFAULT_ROLLUP_SETTINGS}.forkSlashAmount (OBX wei). */
  forkSlashAmount?: bigint;
}

/** Default `NetworkManagement.registrationFee`: 0.01 ETH. */
export const DEFAULT_REGISTRATION_FEE = parseEther("0.01");

/** Default `NetworkManagement.minStake`: 10,000 OBX. */
export const DEFAULT_MIN_STAKE = parseEther("10000");

/** Default `NetworkManagement.unbondingPeriod`: 1 day (devnet; use weeks on a real network). */
export const DEFAULT_UNBONDING_PERIOD = 24 * 3600;

/** Default `NetworkManagement.responseTimeout`: 1 hour. */
export const DEFAULT_RESPONSE_TIMEOUT = 3600;

/**
 * Default `RollupManagement` parameters, for a devnet whose blocks come every few seconds:
 * rollups final 20 L1 blocks after inclusion, a branch dead after 40 blocks without extension,
 * publishers slashed 1,000 OBX per rollup at least 2 deep on a dead branch, 10 % to the reporter.
 */
export const DEFAULT_ROLLUP_SETTINGS = {
  finalityDelay: 20,
  forkExpiry: 40,
  slashDepth: 2,
  reporterShareBps: 1000,
  forkSlashAmount: parseEther("1000"),
} as const;

export interface DeployProtocolParameters {
  /** Signs and sends the deployment transactions. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  /** Reads receipts and blocks. */
  publicClient: PublicClient;
  /** Receives the whole token supply. Default: the deployer. */
  treasury?: Address;
  /** Token supply in wei. Default: {@link DEFAULT_TOKEN_SUPPLY}. */
  tokenSupply?: bigint;
  /** Governs every module (sets parameters, upgrades): the Timelock in a real deployment. Default: the deployer. */
  governance?: Address;
  /** The security council (emergency powers only): a Safe in a real deployment. Default: the deployer. */
  council?: Address;
  /** The attestation requirements; every default is DEV ONLY (see {@link AttestationDeploySettings}). */
  attestation?: AttestationDeploySettings;
  /** NetworkManagement's parameters (see {@link NetworkDeploySettings}). */
  network?: NetworkDeploySettings;
  /** RollupManagement's parameters (see {@link RollupDeploySettings}). */
  rollup?: RollupDeploySettings;
  /** The git commit recorded in the manifest. Default `unknown`. */
  commit?: string;
  /** Called after each contract is deployed, for progress output. */
  onDeployed?: (event: {
    name: ProtocolContractName;
    /** For upgradeable modules: which of the two deployments this is. */
    role?: "implementation" | "proxy";
    address: Address;
    transactionHash: Hex;
    gasUsed: bigint;
  }) => void;
}

export type DeployProtocolReturnType = DeploymentManifest;

/**
 * Deploys every protocol contract to the chain behind `walletClient`, in dependency order,
 * waiting for each receipt, and returns the deployment manifest (not yet written to disk; see
 * `writeDeploymentManifest`).
 * @throws {DeploymentFailedError} when a deployment transaction reverts or yields no contract.
 */
export async function deployProtocol(parameters: DeployProtocolParameters): Promise<DeployProtocolReturnType> {
  const { walletClient, publicClient } = parameters;
  const deployer = walletClient.account.address;
  const treasury = getAddress(parameters.treasury ?? deployer);
  const tokenSupply = parameters.tokenSupply ?? DEFAULT_TOKEN_SUPPLY;
  const governance = getAddress(parameters.governance ?? deployer);
  const council = getAddress(parameters.council ?? deployer);
  const attestation = resolveAttestationSettings(parameters.attestation);
  const networkSettings = resolveNetworkSettings(parameters.network, treasury);
  const rollupSettings = { ...DEFAULT_ROLLUP_SETTINGS, ...parameters.rollup };
  const chainId = await publicClient.getChainId();

  const deploy = async (name: ProtocolContractName, abi: Abi, bytecode: Hex, args: readonly unknown[]) => {
    let hash: Hex;
    try {
      hash = await walletClient.deployContract({
        abi,
        bytecode,
        args,
        chain: walletClient.chain ?? null,
        account: walletClient.account,
      });
    } catch (cause) {
      throw new DeploymentFailedError(`Could not send the deployment of ${name}.`, {
        cause,
        details: (cause as Error).message,
      });
    }
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress) {
      throw new DeploymentFailedError(`The deployment of ${name} reverted.`, { details: `transaction ${hash}` });
    }
    parameters.onDeployed?.({
      name,
      address: getAddress(receipt.contractAddress),
      transactionHash: hash,
      gasUsed: receipt.gasUsed,
    });
    return receipt;
  };

  const token = await deploy("ObscuroToken", obscuroTokenAbi, obscuroTokenBytecode, [treasury, tokenSupply]);

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
          verifier: getAddress(verifier.contractAddress as Address),
          auditors: attestation.auditors,
          threshold: BigInt(attestation.threshold),
          acceptedTeeTypes: attestation.acceptedTeeTypes,
          acceptedTcbStatuses: attestation.acceptedTcbStatuses,
          maxReportAge: attestation.maxReportAge,
          keyLifetime: attestation.keyLifetime,
        },
      ],
    },
    onDeployed: (event) => parameters.onDeployed?.({ name: "EnclavePolicy", ...event }),
  });

  // NetworkManagement needs the RollupManagement proxy (the only module that may slash besides
  // governance), which needs NetworkManagement's and BridgeManagement's proxies, and the bridge
  // needs the rollup proxy: deploy in this order and predict the rollup proxy's address from the
  // deployer's nonce (implementation and proxy of three modules: the rollup proxy is the sixth).
  const nonce = await publicClient.getTransactionCount({ address: deployer, blockTag: "pending" });
  const predictedRollup = getContractAddress({ from: deployer, nonce: BigInt(nonce + 5) });
  const onModule =
    (name: ProtocolContractName) =>
    (event: { role: "implementation" | "proxy"; address: Address; transactionHash: Hex; gasUsed: bigint }) =>
      parameters.onDeployed?.({ name, ...event });

  const network = await deployProxy({
    walletClient,
    publicClient,
    name: "NetworkManagement",
    abi: networkManagementAbi,
    bytecode: networkManagementBytecode,
    constructorArgs: [policy.proxy, getAddress(token.contractAddress as Address), predictedRollup],
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
  const rollup = await deployProxy({
    walletClient,
    publicClient,
    name: "RollupManagement",
    abi: rollupManagementAbi,
    bytecode: rollupManagementBytecode,
    constructorArgs: [network.proxy, bridge.proxy],
    initialize: { functionName: "initialize", args: [governance, council, rollupSettings] },
    onDeployed: onModule("RollupManagement"),
  });
  if (rollup.proxy !== predictedRollup) {
    throw new DeploymentFailedError("The RollupManagement proxy is not at its predicted address.", {
      details: `predicted ${predictedRollup}, deployed at ${rollup.proxy}: another transaction from ${deployer} was mined during the deployment`,
    });
  }

  const block = await publicClient.getBlock({ blockNumber: token.blockNumber });
  return {
    version: 1,
    chainId,
    deployBlock: token.blockNumber,
    commit: parameters.commit ?? "unknown",
    deployer,
    deployedAt: new Date(Number(block.timestamp) * 1000).toISOString(),
    contracts: {
      ObscuroToken: getAddress(token.contractAddress as Address),
      DevAttestationVerifier: getAddress(verifier.contractAddress as Address),
      EnclavePolicy: policy.proxy,
      NetworkManagement: network.proxy,
      BridgeManagement: bridge.proxy,
      RollupManagement: rollup.proxy,
    },
    implementations: {
      EnclavePolicy: policy.implementation,
      NetworkManagement: network.implementation,
      BridgeManagement: bridge.implementation,
      RollupManagement: rollup.implementation,
    },
    settings: {
      treasury,
      tokenSupply,
      governance,
      council,
      attestation: { vendor: attestation.vendor, auditors: attestation.auditors, threshold: attestation.threshold },
      network: networkSettings,
      rollup: { ...rollupSettings },
    },
  };
}

function resolveNetworkSettings(settings: NetworkDeploySettings = {}, treasury: Address) {
  return {
    registrationFee: settings.registrationFee ?? DEFAULT_REGISTRATION_FEE,
    minStake: settings.minStake ?? DEFAULT_MIN_STAKE,
    unbondingPeriod: settings.unbondingPeriod ?? DEFAULT_UNBONDING_PERIOD,
    responseTimeout: settings.responseTimeout ?? DEFAULT_RESPONSE_TIMEOUT,
    treasury: getAddress(settings.treasury ?? treasury),
  };
}

function resolveAttestationSettings(settings: AttestationDeploySettings = {}) {
  const auditors = (settings.auditors ?? DEV_AUDITOR_PRIVATE_KEYS.map((key) => privateKeyToAddress(key)))
    .map((a) => getAddress(a))
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return {
    vendor: getAddress(settings.vendor ?? privateKeyToAddress(DEV_ATTESTATION_VENDOR_PRIVATE_KEY)),
    auditors,
    threshold: settings.threshold ?? DEV_AUDITOR_THRESHOLD,
    acceptedTeeTypes: settings.acceptedTeeTypes ?? teeTypeMask([TeeType.Simulated]),
    acceptedTcbStatuses: settings.acceptedTcbStatuses ?? tcbStatusMask([TcbStatus.UpToDate]),
    maxReportAge: settings.maxReportAge ?? DEFAULT_MAX_REPORT_AGE,
    keyLifetime: settings.keyLifetime ?? DEFAULT_KEY_LIFETIME,
  };
}
