import type { network } from "hardhat";
import { keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import {
  approveMeasurement,
  ContractCallRevertedError,
  decodeProtocolRevert,
  generateEnclaveKey,
  generateMasterSecret,
  initializeNetwork,
  obscuroTokenAbi,
  prepareNetworkInitialization,
  prepareSecretResponse,
  registerAggregator,
  registerNode,
  respondSecret,
  type DeploymentManifest,
  type GenerateEnclaveKeyReturnType,
} from "@obscuro/sdk";
import { buildDevRegistration, deployDevProtocol, devAuditors } from "@obscuro/sdk/devtools";

type HardhatViem = Awaited<ReturnType<typeof network.create>>["viem"];
type PublicClient = Awaited<ReturnType<HardhatViem["getPublicClient"]>>;
/** A Hardhat wallet client (an unlocked test account). */
export type Wallet = Awaited<ReturnType<HardhatViem["getWalletClients"]>>[number];

/** The enclave measurement the dev auditors approve in these tests. */
export const DEV_MEASUREMENT = keccak256(toHex("obscuro enclave v1.0.0"));
/** The enclave signer measurement (MRSIGNER) of the dev reports. */
export const DEV_MR_SIGNER = keccak256(toHex("obscuro enclave signing key"));
/** A stake above `deployProtocol`'s default `minStake`. */
export const DEV_STAKE = parseEther("10000");

/**
 * The steps every end-to-end network test takes, through the SDK only: deploy the protocol with
 * `deployProtocol`, approve the dev measurement with the dev auditors, register nodes with dev
 * reports bound to their operator and the latest block, found the network, answer secret
 * requests, stake aggregators.
 */
export function devNetwork(publicClient: PublicClient, chainId: number) {
  async function wait(hash: Promise<Hex> | Hex) {
    return publicClient.waitForTransactionReceipt({ hash: await hash });
  }

  /**
   * Deploys the protocol with `deployer` holding governance and the council (so a test can act
   * for both directly), approves {@link DEV_MEASUREMENT}, and sends `tokensEach` OBX from the
   * treasury (the deployer) to each of `operators`.
   */
  async function deployApproved(deployer: Wallet, operators: readonly Wallet[], tokensEach: bigint) {
    const manifest = await deployDevProtocol(deployer, {
      governance: deployer.account.address,
      council: deployer.account.address,
    });
    await wait(
      approveMeasurement(deployer, {
        enclavePolicyAddress: manifest.contracts.EnclavePolicy,
        measurement: DEV_MEASUREMENT,
        auditors: devAuditors(),
      }),
    );
    for (const operator of operators) {
      await wait(
        deployer.writeContract({
          address: manifest.contracts.ObscuroToken,
          abi: obscuroTokenAbi,
          functionName: "transfer",
          args: [operator.account.address, tokensEach],
        }),
      );
    }
    return manifest;
  }

  /** A dev report for `enclave`, bound to `operator` and the latest L1 block. */
  async function freshReport(enclave: GenerateEnclaveKeyReturnType, operator: Address) {
    const { report, l1BlockNumber } = await buildDevRegistration(publicClient, {
      operator,
      enclavePublicKey: enclave.publicKey,
      mrEnclave: DEV_MEASUREMENT,
      mrSigner: DEV_MR_SIGNER,
    });
    return { report, l1BlockNumber };
  }

  /** Registers `enclave` for `operator` with a fresh dev report (the node then awaits the secret). */
  async function register(networkManagement: Address, enclave: GenerateEnclaveKeyReturnType, operator: Wallet) {
    const { report, l1BlockNumber } = await freshReport(enclave, operator.account.address);
    return wait(registerNode(operator, { networkManagementAddress: networkManagement, report, l1BlockNumber }));
  }

  /** Stakes `amount` OBX for `operator`, whose active node is `enclaveId`, and lists `hostAddress`. */
  async function stake(
    manifest: DeploymentManifest,
    operator: Wallet,
    enclaveId: Address,
    hostAddress: string,
    amount: bigint = DEV_STAKE,
  ) {
    return wait(
      registerAggregator(operator, {
        networkManagementAddress: manifest.contracts.NetworkManagement,
        stakeTokenAddress: manifest.contracts.ObscuroToken,
        enclaveId,
        hostAddress,
        amount,
      }),
    );
  }

  /** Genesis: a node registers, its enclave draws the master secret and initializes the network. */
  async function found(manifest: DeploymentManifest, operator: Wallet) {
    const networkManagement = manifest.contracts.NetworkManagement;
    const genesis = generateEnclaveKey();
    const masterSecret = generateMasterSecret();
    await register(networkManagement, genesis, operator);
    const init = await prepareNetworkInitialization({
      chainId,
      networkManagement,
      masterSecret,
      enclavePrivateKey: genesis.privateKey,
    });
    await wait(initializeNetwork(operator, { networkManagementAddress: networkManagement, ...init }));
    return { genesis, masterSecret };
  }

  /**
   * A new node of `operator` registers, and the active enclave `responder` answers its request
   * (the operator relays the response): the node is active and holds the secret.
   */
  async function join(networkManagement: Address, operator: Wallet, responder: Hex, masterSecret: Hex) {
    const enclave = generateEnclaveKey();
    await register(networkManagement, enclave, operator);
    const response = await prepareSecretResponse({
      chainId,
      networkManagement,
      masterSecret,
      responderPrivateKey: responder,
      requesterPublicKey: enclave.publicKey,
    });
    await wait(respondSecret(operator, { networkManagementAddress: networkManagement, ...response }));
    return enclave;
  }

  return { wait, deployApproved, freshReport, register, stake, found, join };
}

/**
 * The name of the custom error a call reverted with, wherever it was raised (the SDK's decoder over
 * every contract's errors: an SDK action's `ContractCallRevertedError`, or a raw viem call's revert
 * data); throws if it did not revert.
 */
export async function revertName(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ContractCallRevertedError) return error.errorName;
    return decodeProtocolRevert(error)?.errorName;
  }
  throw new Error("the call did not revert");
}
