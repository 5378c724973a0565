import {
  concat,
  getAddress,
  parseEventLogs,
  zeroAddress,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { BaseError } from "../errors/BaseError.ts";
import { safeAbi, safeTxTypes } from "./safe.ts";

export class CouncilActionFailedError extends BaseError {
  readonly code = "COUNCIL_ACTION_FAILED";
}

export interface ExecuteCouncilActionParameters {
  /** Any account pays for the transaction; the owners' signatures authorize it. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  publicClient: PublicClient;
  safe: Address;
  /** The signing council members (at least the threshold). */
  signers: readonly LocalAccount[];
  /** The call the council makes: a contract and its calldata. */
  to: Address;
  data: Hex;
}

/**
 * Makes the council act: signs the Safe transaction `to.call(data)` with each signer (EIP-712
 * SafeTx, the Safe's current nonce), orders the signatures by owner as the Safe requires, and
 * executes it. Resolves once mined.
 * @throws {CouncilActionFailedError} when the Safe refuses, or the inner call reverts.
 */
export async function executeCouncilAction(parameters: ExecuteCouncilActionParameters): Promise<Hash> {
  const { walletClient, publicClient, safe, signers, to, data } = parameters;
  const nonce = await publicClient.readContract({ address: safe, abi: safeAbi, functionName: "nonce" });
  const chainId = await publicClient.getChainId();
  const message = {
    to,
    value: 0n,
    data,
    operation: 0,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: zeroAddress,
    refundReceiver: zeroAddress,
    nonce,
  } as const;
  const signed = await Promise.all(
    [...signers]
      .sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1))
      .map((signer) =>
        signer.signTypedData({
          domain: { chainId, verifyingContract: safe },
          types: safeTxTypes,
          primaryType: "SafeTx",
          message,
        }),
      ),
  );
  let hash: Hash;
  try {
    hash = await walletClient.writeContract({
      address: safe,
      abi: safeAbi,
      functionName: "execTransaction",
      args: [to, 0n, data, 0, 0n, 0n, 0n, zeroAddress, zeroAddress, concat(signed)],
      chain: walletClient.chain,
      account: walletClient.account,
    });
  } catch (cause) {
    throw new CouncilActionFailedError("The council Safe refused the action.", {
      cause,
      details: (cause as Error).message,
    });
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const failures = parseEventLogs({ abi: safeAbi, logs: receipt.logs, eventName: "ExecutionFailure" });
  if (receipt.status !== "success" || failures.length > 0) {
    throw new CouncilActionFailedError("The council's call reverted.", {
      details: `target ${getAddress(to)}, transaction ${hash}`,
    });
  }
  return hash;
}
