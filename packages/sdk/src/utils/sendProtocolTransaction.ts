import {
  encodeFunctionData,
  hexToBigInt,
  toHex,
  type Abi,
  type Account,
  type Address,
  type BlobSidecars,
  type Chain,
  type Client,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type Hex,
  type SendTransactionErrorType,
  type Transport,
} from "viem";
import { parseAccount } from "viem/accounts";
import { sendTransaction } from "viem/actions";
import { AccountRequiredError, BlobsNeedLocalAccountError, ContractCallRevertedError } from "../errors/BaseError.ts";
import { decodeProtocolRevert } from "./decodeProtocolRevert.ts";

/** The sender, fee and nonce overrides every transaction action accepts. */
export interface TransactionOverrides {
  /** The sender; default: the client's account. */
  account?: Account | Address | undefined;
  /** Gas limit; default: the node's estimate on the pending block (which also checks the call succeeds). */
  gas?: bigint | undefined;
  nonce?: number | undefined;
  maxFeePerGas?: bigint | undefined;
  maxPriorityFeePerGas?: bigint | undefined;
}

/** EIP-4844 blobs carried by a transaction. */
export interface TransactionBlobs {
  sidecars: BlobSidecars;
  versionedHashes: readonly Hex[];
  maxFeePerBlobGas: bigint;
}

type WriteFunctionName<abi extends Abi> = ContractFunctionName<abi, "nonpayable" | "payable">;

/** One call to a protocol contract, as {@link sendProtocolTransaction} sends it. */
export type SendProtocolTransactionParameters<
  abi extends Abi = Abi,
  functionName extends WriteFunctionName<abi> = WriteFunctionName<abi>,
> = TransactionOverrides & {
  /** The contract's name, for errors: `NetworkManagement`, … */
  contractName: string;
  address: Address;
  abi: abi;
  functionName: functionName;
  args?: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName> | undefined;
  value?: bigint | undefined;
  blobs?: TransactionBlobs | undefined;
  /**
   * Simulate against the pending block first and throw instead of sending a failing transaction.
   * Default true. Only for nodes whose `eth_call` ignores blob hashes (Hardhat's EDR) may a blob
   * submission turn it off.
   */
  simulate?: boolean | undefined;
};

export type SendProtocolTransactionReturnType = Hash;

export type SendProtocolTransactionErrorType =
  ContractCallRevertedError | AccountRequiredError | BlobsNeedLocalAccountError | SendTransactionErrorType;

/**
 * The one way the SDK sends a transaction to a protocol contract: encode the call, run it on the
 * pending block ({@link simulateProtocolCall}), and only if it would succeed, send it with the gas
 * limit the simulation gave. A revert is decoded against every protocol contract's errors and
 * thrown as a {@link ContractCallRevertedError}: nothing is sent and no nonce is used.
 * @throws {ContractCallRevertedError} when the call would revert.
 * @throws {AccountRequiredError} when there is no account to send from.
 * @throws {BlobsNeedLocalAccountError} for blobs with an account that signs on the node.
 */
export async function sendProtocolTransaction<
  const abi extends Abi,
  functionName extends WriteFunctionName<abi>,
  chain extends Chain | undefined,
>(
  client: Client<Transport, chain, Account | undefined>,
  parameters: SendProtocolTransactionParameters<abi, functionName>,
): Promise<SendProtocolTransactionReturnType> {
  const accountOrAddress = parameters.account ?? client.account;
  if (!accountOrAddress) {
    throw new AccountRequiredError(`${parameters.contractName}.${parameters.functionName} needs an account.`, {
      details: "pass `account`, or give the wallet client one",
    });
  }
  const account = parseAccount(accountOrAddress);
  const { blobs } = parameters;
  if (blobs && account.type !== "local") {
    throw new BlobsNeedLocalAccountError("Blob transactions need a local account.", {
      details: `account ${account.address} is of type ${account.type}`,
    });
  }
  const data = encodeFunctionData({
    abi: parameters.abi as Abi,
    functionName: parameters.functionName as string,
    args: (parameters.args ?? []) as readonly unknown[],
  });
  const gas =
    (parameters.simulate ?? true)
      ? await simulateProtocolCall(client, {
          contractName: parameters.contractName,
          functionName: parameters.functionName,
          from: account.address,
          to: parameters.address,
          data,
          value: parameters.value,
          gas: parameters.gas,
          blobs,
        })
      : parameters.gas;
  return sendTransaction(client, {
    account,
    chain: client.chain,
    to: parameters.address,
    data,
    ...(parameters.value === undefined ? {} : { value: parameters.value }),
    ...(gas === undefined ? {} : { gas }),
    ...(parameters.nonce === undefined ? {} : { nonce: parameters.nonce }),
    ...(parameters.maxFeePerGas === undefined ? {} : { maxFeePerGas: parameters.maxFeePerGas }),
    ...(parameters.maxPriorityFeePerGas === undefined ? {} : { maxPriorityFeePerGas: parameters.maxPriorityFeePerGas }),
    ...(blobs
      ? {
          sidecars: blobs.sidecars,
          blobVersionedHashes: blobs.versionedHashes,
          maxFeePerBlobGas: blobs.maxFeePerBlobGas,
        }
      : {}),
  } as never);
}

/** A call to run on the pending block: who sends what to which contract. */
export interface SimulateProtocolCallParameters {
  /** For errors: the contract and function called. */
  contractName: string;
  functionName: string;
  from: Address;
  /** The contract called; none for a contract creation. */
  to?: Address | undefined;
  data: Hex;
  value?: bigint | undefined;
  /** Run with this limit (an `eth_call`) instead of estimating one. */
  gas?: bigint | undefined;
  blobs?: Pick<TransactionBlobs, "versionedHashes" | "maxFeePerBlobGas"> | undefined;
}

/**
 * Runs a call on the pending block, the context the transaction will run in, and returns the gas
 * limit to send it with: the node's estimate (`eth_estimateGas`, which fails exactly when the call
 * reverts), or the given limit once an `eth_call` with it succeeded. Raw requests, because viem's
 * actions drop `blobVersionedHashes` on chains without blob formatters, and `blobhash` would then
 * read zero. `from` may be any address (a Safe, when checking what it will call).
 * @throws {ContractCallRevertedError} when the call would revert.
 */
export async function simulateProtocolCall(
  client: Client,
  parameters: SimulateProtocolCallParameters,
): Promise<bigint> {
  const { blobs } = parameters;
  const request = {
    from: parameters.from,
    ...(parameters.to === undefined ? {} : { to: parameters.to }),
    data: parameters.data,
    ...(parameters.value === undefined ? {} : { value: toHex(parameters.value) }),
    ...(parameters.gas === undefined ? {} : { gas: toHex(parameters.gas) }),
    ...(blobs === undefined
      ? {}
      : { blobVersionedHashes: blobs.versionedHashes, maxFeePerBlobGas: toHex(blobs.maxFeePerBlobGas) }),
  };
  try {
    if (parameters.gas !== undefined) {
      await client.request({ method: "eth_call", params: [request, "pending"] } as never);
      return parameters.gas;
    }
    const estimate: Hex = await client.request({ method: "eth_estimateGas", params: [request, "pending"] } as never);
    return hexToBigInt(estimate);
  } catch (cause) {
    throw toContractCallRevertedError(cause, parameters.contractName, parameters.functionName);
  }
}

/** A revert becomes a {@link ContractCallRevertedError}; any other error passes through unchanged. */
export function toContractCallRevertedError(cause: unknown, contractName: string, functionName: string): unknown {
  const revert = decodeProtocolRevert(cause);
  if (!revert) return cause;
  return new ContractCallRevertedError(
    `${contractName}.${functionName} would revert${revert.errorName ? ` with ${revert.errorName}` : ""}.`,
    {
      cause,
      contractName,
      functionName,
      errorName: revert.errorName,
      args: revert.args,
      details: revert.errorName ? undefined : `undecoded revert data ${revert.data.slice(0, 74)}`,
    },
  );
}
