import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  size,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type ContractFunctionName,
  type EstimateContractGasParameters,
  type Hash,
  type Hex,
  type SimulateContractParameters,
  type Transport,
  type WalletClient,
} from "viem";
import { estimateContractGas, simulateContract, writeContract } from "viem/actions";
import {
  devAttestationVerifierAbi,
  enclavePolicyAbi,
  networkManagementAbi,
  obscuroTokenAbi,
} from "../generated/index.ts";
import { ENCRYPTED_SECRET_LENGTH, MAX_HOST_ADDRESS_LENGTH } from "./constants.ts";
import {
  InvalidEncryptedSecretError,
  InvalidHostAddressError,
  InvalidStakeAmountError,
  NetworkCallRevertedError,
} from "./errors.ts";

/** A wallet with an account: the operator (or relayer) that sends NetworkManagement transactions. */
export type NetworkWallet = WalletClient<Transport, Chain | undefined, Account>;

/** Options every NetworkManagement transaction takes. */
export interface NetworkTransactionOptions {
  /** Gas limit; default: estimated by the node. */
  gas?: bigint | undefined;
}

/**
 * NetworkManagement's ABI plus the errors that bubble up through it (the policy's, the dev
 * verifier's and the token's), so that a revert is decoded whichever contract raised it.
 */
const NETWORK_CALL_ABI = [
  ...networkManagementAbi,
  ...[...enclavePolicyAbi, ...devAttestationVerifierAbi, ...obscuroTokenAbi].filter((item) => item.type === "error"),
] as Abi;

type NetworkFunctionName = ContractFunctionName<typeof networkManagementAbi, "nonpayable" | "payable">;

/**
 * Sends a NetworkManagement call from the wallet's account after checking, against the pending
 * block (the context the transaction will run in: a report bound to the latest block is fresh
 * there), that it would not revert: by estimating its gas, or, when `gas` is given, by
 * simulating it.
 * @throws {NetworkCallRevertedError} when the call would revert.
 */
export async function sendNetworkTransaction(
  walletClient: NetworkWallet,
  call: {
    networkManagement: Address;
    functionName: NetworkFunctionName;
    args: readonly unknown[];
    value?: bigint | undefined;
    gas?: bigint | undefined;
  },
): Promise<Hash> {
  const parameters = {
    address: call.networkManagement,
    abi: NETWORK_CALL_ABI,
    functionName: call.functionName,
    args: call.args,
    account: walletClient.account,
    chain: walletClient.chain,
    ...(call.value === undefined ? {} : { value: call.value }),
  };
  let gas = call.gas;
  try {
    if (gas === undefined) {
      gas = await estimateContractGas(walletClient, {
        ...parameters,
        blockTag: "pending",
      } as unknown as EstimateContractGasParameters);
    } else {
      await simulateContract(walletClient, {
        ...parameters,
        gas,
        blockTag: "pending",
      } as unknown as SimulateContractParameters);
    }
  } catch (cause) {
    throw toNetworkError(cause, call.functionName);
  }
  return writeContract(walletClient, { ...parameters, gas } as unknown as Parameters<typeof writeContract>[1]);
}

/** Turns a viem revert into a {@link NetworkCallRevertedError}; other errors pass through. */
export function toNetworkError(cause: unknown, functionName: string): unknown {
  if (!(cause instanceof ViemBaseError)) return cause;
  const reverted = cause.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError)) return cause;
  const errorName = reverted.data?.errorName ?? undefined;
  return new NetworkCallRevertedError(
    `NetworkManagement.${functionName} would revert${errorName ? ` with ${errorName}` : ""}.`,
    {
      cause,
      errorName,
      args: reverted.data?.args ?? [],
      details: reverted.reason ?? reverted.signature ?? reverted.shortMessage,
    },
  );
}

/** Checks a host address: 1 to 256 bytes of UTF-8. */
export function checkHostAddress(hostAddress: string): void {
  const length = new TextEncoder().encode(hostAddress).length;
  if (length === 0 || length > MAX_HOST_ADDRESS_LENGTH) {
    throw new InvalidHostAddressError(`A host address must be 1 to ${MAX_HOST_ADDRESS_LENGTH} bytes.`, {
      details: `got ${length} bytes`,
    });
  }
}

/** Checks an encrypted secret: exactly 129 bytes of hex. */
export function checkEncryptedSecret(encryptedSecret: Hex): void {
  let length: number;
  try {
    length = size(encryptedSecret);
  } catch {
    length = -1;
  }
  if (length !== ENCRYPTED_SECRET_LENGTH) {
    throw new InvalidEncryptedSecretError(`An encrypted secret must be ${ENCRYPTED_SECRET_LENGTH} bytes.`, {
      details: `got ${length < 0 ? "malformed hex" : `${length} bytes`}`,
    });
  }
}

/** Checks a stake amount is positive. */
export function checkAmount(amount: bigint): void {
  if (amount <= 0n) {
    throw new InvalidStakeAmountError("A stake amount must be positive.", { details: `got ${amount}` });
  }
}
