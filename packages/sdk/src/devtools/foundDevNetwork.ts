import {
  getAddress,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  type LocalAccount,
  type Transport,
} from "viem";
import { parseAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import { approveMeasurement } from "../actions/attestation/approveMeasurement.ts";
import { getMeasurementStatus } from "../actions/attestation/getMeasurementStatus.ts";
import { getNetworkInfo } from "../actions/network/getNetworkInfo.ts";
import { initializeNetwork } from "../actions/network/initializeNetwork.ts";
import { registerAggregator } from "../actions/network/registerAggregator.ts";
import { registerNode } from "../actions/network/registerNode.ts";
import { computeEnclaveId } from "../crypto/computeEnclaveId.ts";
import { deriveNetworkKey, type DeriveNetworkKeyReturnType } from "../crypto/deriveNetworkKey.ts";
import { generateEnclaveKey, type GenerateEnclaveKeyReturnType } from "../crypto/generateEnclaveKey.ts";
import { generateMasterSecret } from "../crypto/generateMasterSecret.ts";
import { getEnclavePublicKey } from "../crypto/getEnclavePublicKey.ts";
import { ContractCallRevertedError } from "../errors/BaseError.ts";
import { MeasurementStatus } from "../types/attestation.ts";
import { prepareNetworkInitialization } from "../utils/prepareNetworkInitialization.ts";
import { protocolCall, protocolContract } from "../utils/protocolContract.ts";
import { sendProtocolTransaction } from "../utils/sendProtocolTransaction.ts";
import { waitForSuccess } from "../utils/waitForSuccess.ts";
import { DEV_AUDITOR_PRIVATE_KEYS } from "./devKeys.ts";
import { buildDevRegistration, DEV_ENCLAVE_MEASUREMENT, DEV_ENCLAVE_SIGNER } from "./devSetup.ts";
import { DevNetworkAlreadyFoundedError, DevNetworkFoundingError, type FoundDevNetworkStep } from "./errors.ts";
import { privateKeyToAccount } from "viem/accounts";

/** The host address the genesis aggregator publishes unless told otherwise. */
export const DEV_GENESIS_HOST_ADDRESS = "/ip4/127.0.0.1/tcp/30303";

export interface FoundDevNetworkParameters {
  /**
   * Holds ETH and the stake tokens (the token treasury, the deployer by default). Sends the
   * measurement approval (any account may) and, when `operator` is another account short of the
   * stake, transfers the shortfall to it. Default: the client's account.
   */
  account?: Account | Address | undefined;
  /** The genesis node's operator: registers the node, founds the network, stakes. Default: `account`. */
  operator?: Account | Address | undefined;
  /** The genesis enclave's secp256k1 private key. Default: a fresh one (`generateEnclaveKey`). */
  enclavePrivateKey?: Hex | undefined;
  /** The network's master secret. Default: a fresh one (`generateMasterSecret`). */
  masterSecret?: Hex | undefined;
  /** The enclave measurement the dev report carries and the auditors approve. Default {@link DEV_ENCLAVE_MEASUREMENT}. */
  measurement?: Hex | undefined;
  /** The signer measurement the dev report carries. Default {@link DEV_ENCLAVE_SIGNER}. */
  signerMeasurement?: Hex | undefined;
  /** Auditors; the first `threshold()` of them sign. Default: the dev auditors (DEV ONLY). */
  auditors?: readonly LocalAccount[] | undefined;
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
 * DEV ONLY: brings a freshly deployed protocol (`deployDevProtocol`) to a working network on any
 * RPC (anvil, `hardhat node`, Hardhat's in-process network), as the genesis node would on a
 * devnet, through the SDK's actions on a client built on the deployment's chain
 * (`defineObscuroL1Chain`); the one founding routine of the devnet, the tests and the gas scenarios:
 *
 * 1. the auditors approve `measurement` in EnclavePolicy (skipped when it is already approved);
 * 2. the treasury transfers the stake shortfall to the operator (when they differ);
 * 3. the operator registers the genesis enclave with a dev report bound to it and the latest L1
 *    block (`registerNode`);
 * 4. the genesis enclave encrypts the master secret to itself, derives the network key, and the
 *    operator founds the network (`prepareNetworkInitialization`, `initializeNetwork`); the node
 *    is then Active and its registration fee refunded;
 * 5. the operator stakes and becomes an aggregator (`registerAggregator`).
 *
 * Every step waits for its receipt. Its defaults are the public dev keys: it works only against a
 * policy that trusts them (`devAttestationSetup`), and the master secret and enclave key it
 * returns are plain values in this process. Never use it for a network that holds value.
 * @throws {InvalidPrivateKeyError} when `enclavePrivateKey` is not a secp256k1 key (nothing is sent).
 * @throws {DevNetworkAlreadyFoundedError} when the network already has a network key (nothing is sent).
 * @throws {DevNetworkFoundingError} when a step fails; `step` says which, `errorName` the contract's error.
 * @example
 * const founded = await foundDevNetwork(walletClient, { operator: operatorAccount });
 */
export async function foundDevNetwork(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: FoundDevNetworkParameters = {},
): Promise<FoundDevNetworkReturnType> {
  const treasury = parameters.account ?? client.account;
  if (!treasury) {
    throw new DevNetworkFoundingError("foundDevNetwork needs an account.", {
      step: "approveMeasurement",
      details: "pass `account`, or give the wallet client one",
    });
  }
  const treasuryAccount = parseAccount(treasury);
  const operator = parseAccount(parameters.operator ?? treasuryAccount);
  const operatorAddress = getAddress(operator.address);
  const measurement = parameters.measurement ?? DEV_ENCLAVE_MEASUREMENT;
  const hostAddress = parameters.hostAddress ?? DEV_GENESIS_HOST_ADDRESS;
  const masterSecret = parameters.masterSecret ?? generateMasterSecret();
  const enclave = enclaveFromKey(parameters.enclavePrivateKey);

  const info = await getNetworkInfo(client);
  if (BigInt(info.networkKey) !== 0n) {
    throw new DevNetworkAlreadyFoundedError("The network was already founded.", {
      details: `network key ${info.networkKey}, genesis enclave ${info.genesisEnclave}`,
    });
  }
  const stake = parameters.stake ?? info.minStake;
  const confirm = async (step: FoundDevNetworkStep, hash: Hash): Promise<Hash> =>
    runStep(step, async () => (await waitForSuccess(client, hash, `foundDevNetwork: ${step}`)).transactionHash);

  // 1. The auditors approve the measurement.
  const approved = await runStep("approveMeasurement", async () => {
    const status = await getMeasurementStatus(client, { measurement });
    if (status === MeasurementStatus.Approved) return undefined;
    if (status === MeasurementStatus.Revoked) {
      throw new DevNetworkFoundingError("foundDevNetwork: the measurement is revoked.", {
        step: "approveMeasurement",
        details: `measurement ${measurement}`,
      });
    }
    const threshold = await readContract(client, {
      ...protocolContract(client, "enclavePolicy"),
      functionName: "threshold",
    });
    const auditors = (parameters.auditors ?? DEV_AUDITOR_PRIVATE_KEYS.map((key) => privateKeyToAccount(key))).slice(
      0,
      Number(threshold),
    );
    if (BigInt(auditors.length) < threshold) {
      throw new DevNetworkFoundingError("foundDevNetwork: fewer auditors than the policy's threshold.", {
        step: "approveMeasurement",
        details: `${auditors.length} auditors, threshold ${threshold}`,
      });
    }
    return approveMeasurement(client, { account: treasuryAccount, measurement, auditors });
  });
  const approveTransaction = approved && (await confirm("approveMeasurement", approved));

  // 2. The operator gets its stake from the treasury.
  const funded = await runStep("fundStake", async () => {
    if (operatorAddress === getAddress(treasuryAccount.address)) return undefined;
    const token = protocolCall(client, "obscuroToken");
    const balance = await readContract(client, {
      ...protocolContract(client, "obscuroToken"),
      functionName: "balanceOf",
      args: [operatorAddress],
    });
    if (balance >= stake) return undefined;
    return sendProtocolTransaction(client, {
      ...token,
      account: treasuryAccount,
      functionName: "transfer",
      args: [operatorAddress, stake - balance],
    });
  });
  const fundTransaction = funded && (await confirm("fundStake", funded));

  // 3. The genesis enclave registers with a dev report bound to its operator and the latest block.
  const registered = await runStep("registerNode", async () => {
    const { report, l1BlockNumber } = await buildDevRegistration(client, {
      operator: operatorAddress,
      enclavePublicKey: enclave.publicKey,
      mrEnclave: measurement,
      mrSigner: parameters.signerMeasurement ?? DEV_ENCLAVE_SIGNER,
      vendorPrivateKey: parameters.vendorPrivateKey,
    });
    return registerNode(client, { account: operator, report, l1BlockNumber });
  });
  await confirm("registerNode", registered);

  // 4. The genesis enclave founds the network with the master secret.
  const initialized = await runStep("initializeNetwork", async () => {
    const init = await prepareNetworkInitialization({
      chainId: client.chain?.id ?? (await client.request({ method: "eth_chainId" }).then(Number)),
      networkManagement: protocolContract(client, "networkManagement").address,
      masterSecret,
      enclavePrivateKey: enclave.privateKey,
    });
    return initializeNetwork(client, { account: operator, ...init });
  });
  await confirm("initializeNetwork", initialized);

  // 5. The operator stakes: the genesis enclave may publish rollups.
  const aggregator = await runStep("registerAggregator", async () =>
    registerAggregator(client, { account: operator, enclaveId: enclave.enclaveId, hostAddress, amount: stake }),
  );
  await confirm("registerAggregator", aggregator);

  return {
    enclave,
    operator: operatorAddress,
    masterSecret,
    networkKey: deriveNetworkKey({ masterSecret }),
    measurement,
    stake,
    hostAddress,
    transactions: {
      approveMeasurement: approveTransaction,
      fundStake: fundTransaction,
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
    const errorName = cause instanceof ContractCallRevertedError ? cause.errorName : undefined;
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
