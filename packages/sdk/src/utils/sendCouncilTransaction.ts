import {
  concat,
  encodeFunctionData,
  getAddress,
  recoverTypedDataAddress,
  zeroAddress,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Client,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type Hex,
  type LocalAccount,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { parseAccount } from "viem/accounts";
import { getChainId, readContract } from "viem/actions";
import { AccountRequiredError } from "../errors/BaseError.ts";
import { CouncilSignersError } from "../errors/council.ts";
import { getProtocolAddress } from "./getProtocolAddress.ts";
import type { CouncilSignature } from "../types/council.ts";
import { getCouncilTransactionTypedData } from "./getCouncilTransactionTypedData.ts";
import { safeAbi } from "./safe.ts";
import {
  sendProtocolTransaction,
  simulateProtocolCall,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "./sendProtocolTransaction.ts";
import { signCouncilTransaction } from "./signCouncilTransaction.ts";

/** What every council action takes besides its own parameters: who signs, and the transaction overrides. */
export interface CouncilOverrides extends TransactionOverrides {
  /**
   * The council Safe's owners who sign (at least its threshold); any account sends the Safe
   * transaction. Omit when the sending account is itself the council (an EOA council, as in tests).
   */
  signers?: readonly LocalAccount[] | undefined;
  /** Default: the chain's `council`. */
  councilAddress?: Address | undefined;
}

export type SendCouncilTransactionErrorType =
  CouncilSignersError | AccountRequiredError | ReadContractErrorType | SendProtocolTransactionErrorType;

type WriteFunctionName<abi extends Abi> = ContractFunctionName<abi, "nonpayable" | "payable">;

/**
 * The one way the council acts: the call the council makes to a protocol contract goes through the
 * one send path, either straight from the sending account (an EOA council), or through the council
 * Safe: first the inner call is simulated from the Safe, so that a refusal is decoded by name
 * (`BridgeManagement_AlreadyFrozen`, …) rather than hidden behind the Safe's `GS013`; then the
 * signers are checked against the Safe's owners and threshold; then each signs the Safe
 * transaction (EIP-712 `SafeTx`, the Safe's current nonce) and `execTransaction` is sent.
 * @throws {ContractCallRevertedError} when the inner call or the Safe transaction would revert.
 * @throws {CouncilSignersError} when the signers are not owners or fewer than the threshold (nothing is sent).
 */
export async function sendCouncilTransaction<const abi extends Abi, functionName extends WriteFunctionName<abi>>(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: CouncilOverrides & {
    contractName: string;
    address: Address;
    abi: abi;
    functionName: functionName;
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
  },
): Promise<Hash> {
  const { signers, councilAddress, contractName, address, abi, functionName, args, ...overrides } = parameters;
  if (!signers) {
    return sendProtocolTransaction(client, { ...overrides, contractName, address, abi, functionName, args } as never);
  }
  const data = encodeFunctionData({
    abi: abi as Abi,
    functionName: functionName as string,
    args: args as readonly unknown[],
  });
  return executeThroughSafe(client, {
    ...overrides,
    signers,
    safe: getProtocolAddress(client, "council", councilAddress),
    contractName,
    functionName,
    to: address,
    data,
  });
}

/**
 * Executes `to.call(data)` as the council Safe (see {@link sendCouncilTransaction}): the `signers`
 * sign here, or the owners' `signatures` were collected offline (`signCouncilTransaction`) over the
 * Safe's current nonce; each is checked to recover to its signer before anything is sent.
 * @throws {ContractCallRevertedError} when the inner call or `execTransaction` would revert.
 * @throws {CouncilSignersError} when the signers are not owners or fewer than the threshold, or a
 *   signature is not its signer's over this call and the Safe's current nonce.
 */
export async function executeThroughSafe(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: TransactionOverrides & {
    /** The owners who sign here; or give `signatures`. */
    signers?: readonly LocalAccount[] | undefined;
    /** The owners' signatures, collected offline over the Safe's current nonce; or give `signers`. */
    signatures?: readonly CouncilSignature[] | undefined;
    safe: Address;
    /** The contract and function called, for errors. */
    contractName: string;
    functionName: string;
    to: Address;
    data: Hex;
  },
): Promise<Hash> {
  const { signers, signatures, safe, contractName, functionName, to, data, ...overrides } = parameters;
  const sender = overrides.account ?? client.account;
  if (!sender) {
    throw new AccountRequiredError("A council action needs an account to send it.", {
      details: "pass `account`, or give the wallet client one",
    });
  }
  if (!signers === !signatures) {
    throw new CouncilSignersError("A council action needs either the signers or their signatures.", {
      details: "pass `signers` (accounts that sign here) or `signatures` (collected offline), not both",
    });
  }
  await simulateProtocolCall(client, { contractName, functionName, from: safe, to, data });
  const read = { address: safe, abi: safeAbi } as const;
  let owners: readonly Address[];
  let threshold: bigint;
  let nonce: bigint;
  try {
    [owners, threshold, nonce] = await Promise.all([
      readContract(client, { ...read, functionName: "getOwners" }),
      readContract(client, { ...read, functionName: "getThreshold" }),
      readContract(client, { ...read, functionName: "nonce" }),
    ]);
  } catch (cause) {
    throw new CouncilSignersError("The council is not a Safe: it cannot take owners' signatures.", {
      cause,
      details: `council ${safe}; send from the council's own account without \`signers\``,
    });
  }
  const chainId = client.chain?.id ?? (await getChainId(client));
  const transaction = { chainId, safe, to, data, nonce };
  let signed: CouncilSignature[];
  if (signers) {
    const unique = [...new Map(signers.map((s) => [getAddress(s.address), s])).values()];
    signed = await Promise.all(unique.map((owner) => signCouncilTransaction({ ...transaction, owner })));
  } else {
    signed = [...new Map(signatures!.map((s) => [getAddress(s.signer), s])).values()];
    const typedData = getCouncilTransactionTypedData(transaction);
    for (const { signer, signature } of signed) {
      let recovered: Address | undefined;
      try {
        recovered = await recoverTypedDataAddress({ ...typedData, signature });
      } catch {
        recovered = undefined;
      }
      if (recovered === undefined || getAddress(recovered) !== getAddress(signer)) {
        throw new CouncilSignersError(
          `The signature of ${getAddress(signer)} is not for this council action at the Safe's nonce ${nonce}.`,
          {
            details:
              "it was made for another call, another Safe or chain, or an older nonce (the Safe executed something since): sign again",
          },
        );
      }
    }
  }
  const ownerSet = new Set(owners.map((o) => getAddress(o)));
  const strangers = signed.filter((s) => !ownerSet.has(getAddress(s.signer)));
  if (strangers.length > 0 || BigInt(signed.length) < threshold) {
    throw new CouncilSignersError("The signers cannot act for the council.", {
      details:
        strangers.length > 0
          ? `not owners of ${safe}: ${strangers.map((s) => getAddress(s.signer)).join(", ")}`
          : `${signed.length} distinct signers, threshold ${threshold}`,
    });
  }
  const ordered = signed.sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1)).map((s) => s.signature);
  return sendProtocolTransaction(client, {
    ...overrides,
    account: parseAccount(sender),
    contractName: "CouncilSafe",
    address: safe,
    abi: safeAbi,
    functionName: "execTransaction",
    args: [to, 0n, data, 0, 0n, 0n, 0n, zeroAddress, zeroAddress, concat(ordered)],
  });
}
