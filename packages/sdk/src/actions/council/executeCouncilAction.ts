import type { Account, Address, Chain, Client, Hash, Hex, LocalAccount, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { getProtocolAddress } from "../../utils/getProtocolAddress.ts";
import { executeThroughSafe, type SendCouncilTransactionErrorType } from "../../utils/sendCouncilTransaction.ts";
import type { TransactionOverrides } from "../../utils/sendProtocolTransaction.ts";

export interface ExecuteCouncilActionParameters extends TransactionOverrides {
  /** The council Safe's owners who sign (at least its threshold). Any account sends the transaction. */
  signers: readonly LocalAccount[];
  /** The call the council makes: a contract and its calldata. */
  to: Address;
  data: Hex;
  /** Default: the chain's `council`. */
  councilAddress?: Address | undefined;
}

export type ExecuteCouncilActionReturnType = Hash;

export type ExecuteCouncilActionErrorType = ProtocolContractNotFoundError | SendCouncilTransactionErrorType;

/**
 * Makes the council Safe call any contract (for a call the SDK has no action for; the protocol's
 * emergency powers have theirs: `pauseBridge`, `freezeBridge`, `declareBreach`, …). The inner call
 * is simulated from the Safe first, so that a refusal is decoded by name; then the signers sign the
 * Safe transaction (EIP-712 `SafeTx`) and it is sent through the one send path.
 * @throws {CouncilSignersError} when the signers are not owners or fewer than the threshold (nothing is sent).
 * @throws {ContractCallRevertedError} when the inner call or `execTransaction` would revert.
 * @example
 * await executeCouncilAction(walletClient, { signers: [ownerA, ownerB], to: policy, data });
 */
export async function executeCouncilAction(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ExecuteCouncilActionParameters,
): Promise<ExecuteCouncilActionReturnType> {
  const { signers, to, data, councilAddress, ...overrides } = parameters;
  return executeThroughSafe(client, {
    ...overrides,
    signers,
    safe: getProtocolAddress(client, "council", councilAddress),
    contractName: "CouncilSafe",
    functionName: "execTransaction",
    to,
    data,
  });
}
