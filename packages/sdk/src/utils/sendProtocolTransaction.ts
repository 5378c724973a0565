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
  type Hash,
  type Hex,
  type SendTransactionErrorType,
  type Transport,
} from "viem";
import { parseAccount } from "viem/accounts";
import { sendTransaction } from "viem/actions";
import { AccountRequiredError, BaseError, ContractCallRevertedError } from "../errors/BaseError.ts";
import { decodeProtocolRevert } from "./decodeProtocolRevert.ts";

/** The fee and nonce overrides every transaction action accepts. */
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

export interface SendProtocolTransactionParameters extends TransactionOverrides {
  /** The contract's name, for errors: `NetworkManagement`, … */
  contractName: string;
  address: Address;
  abi: Abi | readonly unknown[];
  functionName: string;
  args?: readonly unknown[] | undefined;
  value?: bigint | undefined;
  blobs?: TransactionBlobs | undefined;
  /**
   * Simulate against the pending block first and throw instead of sending a failing transaction.
   * Default true. Only for nodes whose `eth_call` ignores blob hashes (Hardhat's EDR) may a blob
   * submission turn it off.
   */
  simulate?: boolean | undefined;
}

export type SendProtocolTransactionReturnType = Hash;

export type SendProtocolTransactionErrorType =
  ContractCallRevertedError | AccountRequiredError | BlobsNeedLocalAccountError | SendTransactionErrorType;

/** Blob transactions must be signed locally: a JSON-RPC account would drop the blobs silently. */
export class BlobsNeedLocalAccountError extends BaseError {
  readonly code = "BLOBS_NEED_LOCAL_ACCOUNT";
}

/**
 * The one way the SDK sends a transaction to a protocol contract: encode the call, run it on the
 * pending block (`eth_estimateGas`, or `eth_call` with the given gas limit), and only if it would
 * succeed, send it with that gas limit. A revert is decoded against every protocol contract's
 * errors and thrown as a {@link ContractCallRevertedError}; nothing is sent and no nonce is used.
 * Raw requests, because viem's actions drop `blobVersionedHashes` on chains without blob
 * formatters, and `blobhash` would then read zero.
 * @throws {ContractCallRevertedError} when the call would revert.
 * @throws {AccountRequiredError} when there is no account to send from.
 * @throws {BlobsNeedLocalAccountError} for blobs with an account that signs on the node.
 */
export async function sendProtocolTransaction<chain extends Chain | undefined>(
  client: Client<Transport, chain, Account | undefined>,
  parameters: SendProtocolTransactionParameters,
): Promise<SendProtocolTransactionReturnType> {
  const accountOrAddress = parameters.account ?? client.account;
  if (!accountOrAddress) {
    throw new AccountRequiredError(`${parameters.contractName}.${parameters.functionName} needs an account.`, {
      details: "pass `account`, or give the wallet client one",
    });
  }
  const account = parseAccount(accountOrAddress);
  if (parameters.blobs && account.type !== "local") {
    throw new BlobsNeedLocalAccountError("Blob transactions need a local account.", {
      details: `account ${account.address} is of type ${account.type}`,
    });
  }
  const data = encodeFunctionData({
    abi: parameters.abi as Abi,
    functionName: parameters.functionName,
    args: parameters.args ?? [],
  } as never);
  let gas = parameters.gas;
  if (parameters.simulate ?? true) gas = await simulate(client, parameters, account.address, data);
  const { blobs } = parameters;
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

/**
 * Runs the call on the pending block; returns the gas limit to send it with: the node's estimate,
 * or the given limit once an `eth_call` with it succeeded.
 * @throws {ContractCallRevertedError} when it would revert.
 */
async function simulate(
  client: Client,
  parameters: SendProtocolTransactionParameters,
  from: Address,
  data: Hex,
): Promise<bigint> {
  const request = {
    from,
    to: parameters.address,
    data,
    ...(parameters.value === undefined ? {} : { value: toHex(parameters.value) }),
    ...(parameters.gas === undefined ? {} : { gas: toHex(parameters.gas) }),
    ...(parameters.blobs === undefined
      ? {}
      : {
          blobVersionedHashes: parameters.blobs.versionedHashes,
          maxFeePerBlobGas: toHex(parameters.blobs.maxFeePerBlobGas),
        }),
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
