import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  getAddress,
  keccak256,
  toHex,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { simulateContract, writeContract } from "viem/actions";
import { buildDevReport } from "../attestation/buildDevReport.ts";
import { computeReportData } from "../attestation/computeReportData.ts";
import { MeasurementStatus } from "../attestation/constants.ts";
import { DEV_ATTESTATION_VENDOR_PRIVATE_KEY, DEV_AUDITOR_PRIVATE_KEYS } from "../attestation/devKeys.ts";
import { signMeasurementStatement } from "../attestation/signMeasurementStatement.ts";
import { sortAuditorSignatures } from "../attestation/sortAuditorSignatures.ts";
import { computeEnclaveId } from "../crypto/computeEnclaveId.ts";
import { deriveNetworkKey, type DeriveNetworkKeyReturnType } from "../crypto/deriveNetworkKey.ts";
import { generateEnclaveKey, type GenerateEnclaveKeyReturnType } from "../crypto/generateEnclaveKey.ts";
import { generateMasterSecret } from "../crypto/generateMasterSecret.ts";
import { getEnclavePublicKey } from "../crypto/getEnclavePublicKey.ts";
import type { DeploymentManifest } from "../deploy/manifest.ts";
import { enclavePolicyAbi, obscuroTokenAbi } from "../generated/index.ts";
import { NetworkCallRevertedError } from "../network/errors.ts";
import { getNetworkInfo } from "../network/getNetworkInfo.ts";
import { initializeNetwork } from "../network/initializeNetwork.ts";
import type { NetworkWallet } from "../network/internal.ts";
import { prepareNetworkInitialization } from "../network/prepareNetworkInitialization.ts";
import { registerAggregator } from "../network/registerAggregator.ts";
import { registerNode } from "../network/registerNode.ts";
import { DevNetworkAlreadyFoundedError, DevNetworkFoundingError, type FoundDevNetworkStep } from "./errors.ts";

/** The enclave measurement (MRENCLAVE) of the dev enclave: `keccak256("obscuro/dev/enclave")`. DEV ONLY. */
export const DEV_ENCLAVE_MEASUREMENT: Hex = keccak256(toHex("obscuro/dev/enclave"));

/** The signer measurement (MRSIGNER) of the dev enclave: `keccak256("obscuro/dev/enclave-signer")`. DEV ONLY. */
export const DEV_ENCLAVE_SIGNER: Hex = keccak256(toHex("obscuro/dev/enclave-signer"));

/** The host address the genesis aggregator publishes unless told otherwise. */
export const DEV_GENESIS_HOST_ADDRESS = "/ip4/127.0.0.1/tcp/30303";

/** How long the auditors' approval signatures stay valid: one hour after the latest block. */
const APPROVAL_VALIDITY_SECONDS = 3600n;

export interface FoundDevNetworkParameters {
  /** Reads the chain and waits for receipts. */
  publicClient: PublicClient;
  /** The fresh deployment (`deployProtocol`): its chain id, EnclavePolicy and NetworkManagement. */
  manifest: DeploymentManifest;
  /**
   * Holds ETH and the stake tokens (the token treasury, which is the deployer by default). Sends the
   * measurement approval (any account may) and, when `operator` is another account short of the
   * stake, transfers the shortfall to it.
   */
  treasury: NetworkWallet;
  /** The genesis node's operator: registers the node, founds the network, stakes. Default `treasury`. */
  operator?: NetworkWallet | undefined;
  /** The genesis enclave's secp256k1 private key. Default: a fresh one (`generateEnclaveKey`). */
  enclavePrivateKey?: Hex | undefined;
  /** The network's master secret. Default: a fresh one (`generateMasterSecret`). */
  masterSecret?: Hex | undefined;
  /** The enclave measurement the dev report carries and the auditors approve. Default {@link DEV_ENCLAVE_MEASUREMENT}. */
  measurement?: Hex | undefined;
  /** The signer measurement the dev report carries. Default {@link DEV_ENCLAVE_SIGNER}. */
  signerMeasurement?: Hex | undefined;
  /** Auditor keys; the first `threshold()` of them sign. Default: the dev auditors (DEV ONLY). */
  auditorPrivateKeys?: readonly Hex[] | undefined;
  /** The `DevAttestationVerifier` vendor key that signs the report. Default: the dev vendor (DEV ONLY). */
  vendorPrivateKey?: Hex | undefined;
  /** The genesis aggregator's published host address. Default {@link DEV_GENESIS_HOST_ADDRESS}. */
  hostAddress?: string | undefined;
  /** OBX wei the genesis aggregator stakes. Default: NetworkManagement's `minStake`. */
  stake?: bigint | undefined;
}

export interface FoundDevNetworkReturnType {
  /** The genesis enclave: its private key signs rollup headers and secret responses. */
  enclave: GenerateEnclaveKeyReturnType;
  /** The genesis node's operator: the only account that may publish the enclave's rollups. */
  operator: Address;
  /** The network's master secret: every epoch key derives from it (`deriveRollupEpochKey`). */
  masterSecret: Hex;
  /** The network key, derived from the master secret; its address is on L1. */
  networkKey: DeriveNetworkKeyReturnType;
  /** The approved enclave measurement the genesis node runs. */
  measurement: Hex;
  /** OBX wei staked by the genesis aggregator. */
  stake: bigint;
  hostAddress: string;
  /** The transactions sent, one per step; `undefined` for a step that had nothing to do. */
  transactions: {
    /** `undefined` when the measurement was already approved. */
    approveMeasurement: Hash | undefined;
    /** `undefined` when the operator is the treasury or already held the stake. */
    fundStake: Hash | undefined;
    registerNode: Hash;
    initializeNetwork: Hash;
    /** The `registerAggregator` call (an `approve` of the stake precedes it). */
    registerAggregator: Hash;
  };
}

/**
 * DEV ONLY: brings a freshly deployed protocol to a working network on any RPC (anvil, `hardhat
 * node`), as the genesis node would on a devnet, through the SDK's actions:
 *
 * 1. the auditors approve `measurement` in EnclavePolicy (skipped when it is already approved);
 * 2. the treasury transfers the stake shortfall to the operator (when they differ);
 * 3. the operator registers the genesis enclave with a report of the `DevAttestationVerifier`,
 *    bound to the operator and the latest L1 block (`registerNode`);
 * 4. the genesis enclave encrypts the master secret to itself, derives the network key and the
 *    operator founds the network (`prepareNetworkInitialization`, `initializeNetwork`); the node
 *    is then Active and its registration fee refunded;
 * 5. the operator stakes and becomes an aggregator (`registerAggregator`): the genesis enclave may
 *    publish rollups.
 *
 * Every step waits for its receipt. Its defaults are the public dev keys of
 * `attestation/devKeys.ts`: it works only against a policy that trusts them (the defaults of
 * `deployProtocol`), and the master secret and enclave key it returns are plain values in this
 * process. Never use it for a network that holds value.
 * @throws {InvalidPrivateKeyError} when `enclavePrivateKey` is not a secp256k1 key (nothing is sent).
 * @throws {DevNetworkAlreadyFoundedError} when the network already has a network key (nothing is sent).
 * @throws {DevNetworkFoundingError} when a step fails; `step` says which, `errorName` the contract's error.
 */
export async function foundDevNetwork(parameters: FoundDevNetworkParameters): Promise<FoundDevNetworkReturnType> {
  const { publicClient, manifest, treasury } = parameters;
  const operator = parameters.operator ?? treasury;
  const operatorAddress = getAddress(operator.account.address);
  const chainId = manifest.chainId;
  const policy = manifest.contracts.EnclavePolicy;
  const networkManagement = manifest.contracts.NetworkManagement;
  const measurement = parameters.measurement ?? DEV_ENCLAVE_MEASUREMENT;
  const hostAddress = parameters.hostAddress ?? DEV_GENESIS_HOST_ADDRESS;
  const masterSecret = parameters.masterSecret ?? generateMasterSecret();
  const enclave = enclaveFromKey(parameters.enclavePrivateKey);

  const info = await getNetworkInfo({ client: publicClient, networkManagement });
  if (BigInt(info.networkKey) !== 0n) {
    throw new DevNetworkAlreadyFoundedError("The network was already founded.", {
      details: `NetworkManagement ${networkManagement} has network key ${info.networkKey} (genesis enclave ${info.genesisEnclave})`,
    });
  }
  const stake = parameters.stake ?? info.minStake;

  const confirm = async (step: FoundDevNetworkStep, hash: Hash): Promise<Hash> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") {
      throw new DevNetworkFoundingError(`foundDevNetwork: the ${step} transaction reverted.`, {
        step,
        details: `transaction ${hash}`,
      });
    }
    return hash;
  };

  // 1. The auditors approve the measurement.
  const approveMeasurement = await runStep("approveMeasurement", async () => {
    const [status, threshold, policyVersion, block] = await Promise.all([
      publicClient.readContract({
        address: policy,
        abi: enclavePolicyAbi,
        functionName: "measurementStatus",
        args: [measurement],
      }),
      publicClient.readContract({ address: policy, abi: enclavePolicyAbi, functionName: "threshold" }),
      publicClient.readContract({ address: policy, abi: enclavePolicyAbi, functionName: "policyVersion" }),
      publicClient.getBlock(),
    ]);
    if (status === MeasurementStatus.Approved) return undefined;
    if (status === MeasurementStatus.Revoked) {
      throw new DevNetworkFoundingError("foundDevNetwork: the measurement is revoked.", {
        step: "approveMeasurement",
        details: `measurement ${measurement} in EnclavePolicy ${policy}`,
      });
    }
    const auditorKeys = (parameters.auditorPrivateKeys ?? DEV_AUDITOR_PRIVATE_KEYS).slice(0, Number(threshold));
    if (BigInt(auditorKeys.length) < threshold) {
      throw new DevNetworkFoundingError("foundDevNetwork: fewer auditor keys than the policy's threshold.", {
        step: "approveMeasurement",
        details: `${auditorKeys.length} keys, threshold ${threshold}`,
      });
    }
    const deadline = block.timestamp + APPROVAL_VALIDITY_SECONDS;
    const signatures = await Promise.all(
      auditorKeys.map((key) =>
        signMeasurementStatement({
          auditor: privateKeyToAccount(key),
          statement: "ApproveMeasurement",
          chainId,
          policy,
          measurement,
          policyVersion,
          deadline,
        }),
      ),
    );
    const { request } = await simulateContract(treasury, {
      address: policy,
      abi: enclavePolicyAbi,
      functionName: "approveMeasurement",
      args: [measurement, deadline, sortAuditorSignatures(signatures)],
      account: treasury.account,
      chain: treasury.chain,
    });
    return confirm("approveMeasurement", await writeContract(treasury, request));
  });

  // 2. The operator gets its stake from the treasury.
  const fundStake = await runStep("fundStake", async () => {
    if (operatorAddress === getAddress(treasury.account.address)) return undefined;
    const balance = await publicClient.readContract({
      address: info.stakeToken,
      abi: obscuroTokenAbi,
      functionName: "balanceOf",
      args: [operatorAddress],
    });
    if (balance >= stake) return undefined;
    const { request } = await simulateContract(treasury, {
      address: info.stakeToken,
      abi: obscuroTokenAbi,
      functionName: "transfer",
      args: [operatorAddress, stake - balance],
      account: treasury.account,
      chain: treasury.chain,
    });
    return confirm("fundStake", await writeContract(treasury, request));
  });

  // 3. The genesis enclave registers with a dev report bound to its operator and the latest block.
  const registered = await runStep("registerNode", async () => {
    const block = await publicClient.getBlock();
    const { reportData } = computeReportData({
      enclavePublicKey: enclave.publicKey,
      operator: operatorAddress,
      l1BlockNumber: block.number,
      l1BlockHash: block.hash,
    });
    const report = await buildDevReport({
      vendorPrivateKey: parameters.vendorPrivateKey ?? DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
      mrEnclave: measurement,
      mrSigner: parameters.signerMeasurement ?? DEV_ENCLAVE_SIGNER,
      reportData,
      enclavePublicKey: enclave.publicKey,
    });
    const hash = await registerNode({ walletClient: operator, networkManagement, report, l1BlockNumber: block.number });
    return confirm("registerNode", hash);
  });

  // 4. The genesis enclave founds the network with the master secret.
  const initialized = await runStep("initializeNetwork", async () => {
    const init = await prepareNetworkInitialization({
      chainId,
      networkManagement,
      masterSecret,
      enclavePrivateKey: enclave.privateKey,
    });
    return confirm(
      "initializeNetwork",
      await initializeNetwork({ walletClient: operator, networkManagement, ...init }),
    );
  });

  // 5. The operator stakes: the genesis enclave may publish rollups.
  const aggregator = await runStep("registerAggregator", async () =>
    confirm(
      "registerAggregator",
      await registerAggregator({
        walletClient: operator,
        networkManagement,
        enclaveId: enclave.enclaveId,
        hostAddress,
        amount: stake,
      }),
    ),
  );

  return {
    enclave,
    operator: operatorAddress,
    masterSecret,
    networkKey: deriveNetworkKey({ masterSecret }),
    measurement,
    stake,
    hostAddress,
    transactions: {
      approveMeasurement,
      fundStake,
      registerNode: registered,
      initializeNetwork: initialized,
      registerAggregator: aggregator,
    },
  };
}

function enclaveFromKey(privateKey: Hex | undefined): GenerateEnclaveKeyReturnType {
  if (privateKey === undefined) return generateEnclaveKey();
  const publicKey = getEnclavePublicKey(privateKey);
  return { privateKey, publicKey, enclaveId: computeEnclaveId(publicKey) };
}

/** Runs a step; any failure becomes a {@link DevNetworkFoundingError} naming the step and the contract error. */
async function runStep<T>(step: FoundDevNetworkStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    if (cause instanceof DevNetworkFoundingError) throw cause;
    const errorName = revertErrorName(cause);
    throw new DevNetworkFoundingError(
      `foundDevNetwork: ${step} failed${errorName === undefined ? "" : ` with ${errorName}`}.`,
      {
        step,
        errorName,
        cause,
        details:
          cause instanceof Error ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message) : String(cause),
      },
    );
  }
}

function revertErrorName(cause: unknown): string | undefined {
  if (cause instanceof NetworkCallRevertedError) return cause.errorName;
  if (!(cause instanceof ViemBaseError)) return undefined;
  const reverted = cause.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
}
