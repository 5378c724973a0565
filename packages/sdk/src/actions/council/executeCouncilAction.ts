import type { Account, Address, Chain, Client, Hash, Hex, LocalAccount, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { CouncilSignature } from "../../types/council.ts";
import { getProtocolAddress } from "../../utils/getProtocolAddress.ts";
import { executeThroughSafe, type SendCouncilTransactionErrorType } from "../../utils/sendCouncilTransaction.ts";
import type { TransactionOverrides } from "../../utils/sendProtocolTransaction.ts";

export type ExecuteCouncilActionParameters = TransactionOverrides & {
  /** The call the council makes: a contract and its calldata. */
  to: Address;
  data: Hex;
  /** Default: the chain's `council`. */
  councilAddress?: Address | undefined;
} & (
    | {
        /** The council Safe's owners who sign here (at least its threshold). Any account sends the transaction. */
        signers: readonly LocalAccount[];
        signatures?: undefined;
      }
    | {
        /**
         * The owners' signatures collected offline (`signCouncilTransaction`, at least the threshold),
         * over this call and the Safe's current nonce. Any account sends the transaction.
         */
        signatures: readonly CouncilSignature[];
        signers?: undefined;
      }
  );

export type ExecuteCouncilActionReturnType = Hash;

export type ExecuteCouncilActionErrorType = ProtocolContractNotFoundError | SendCouncilTransactionErrorType;

/**
 * Makes the council Safe call a contract: any call (the protocol's emergency powers also have their
 * own actions: `pauseBridge`, `freezeBridge`, `declareBreach`, …), signed here by `signers` or by
 * the owners offline (`signatures`, e.g. one file per owner). The inner call is simulated from the
 * Safe first, so that a refusal is decoded by name; offline signatures are checked against the call
 * and the Safe's nonce; then `execTransaction` is sent through the one send path.
 * @throws {CouncilSignersError} when the signers are not owners or fewer than the threshold, or a
 *   signature is not for this call at the Safe's current nonce (nothing is sent).
 * @throws {ContractCallRevertedError} when the inner call or `execTransaction` would revert.
 * @example
 * await executeCouncilAction(walletClient, { signers: [ownerA, ownerB], to: policy, data });
 * await executeCouncilAction(walletClient, { signatures: [signatureA, signatureB], to: bridge, data });
 */
export async function executeCouncilAction(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ExecuteCouncilActionParameters,
): Promise<ExecuteCouncilActionReturnType> {
  const { signers, signatures, to, data, councilAddress, ...overrides } = parameters;
  return executeThroughSafe(client, {
    ...overrides,
    signers,
    signatures,
    safe: getProtocolAddress(client, "council", councilAddress),
    contractName: "CouncilSafe",
    functionName: "execTransaction",
    to,
    data,
  });
}
