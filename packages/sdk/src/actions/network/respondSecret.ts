import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import type { InvalidEncryptedSecretError } from "../../errors/network.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { assertEncryptedSecret } from "../../utils/assertions.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface RespondSecretParameters extends TransactionOverrides {
  /** The enclave that receives the secret. */
  requester: Address;
  /** The active enclave that sends it (its operator is paid). */
  responder: Address;
  /** The master secret encrypted to the requester's key (129 bytes). */
  encryptedSecret: Hex;
  /** `SecretResponse` signed by the responder's enclave key. */
  responderSignature: Hex;
  /** `SecretResponse` signed by the network key. */
  networkSignature: Hex;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type RespondSecretReturnType = Hash;

export type RespondSecretErrorType =
  InvalidEncryptedSecretError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Delivers the secret to a requester (what `prepareSecretResponse` built inside the responding
 * enclave), from any account: the fee goes to the responder's operator. The first valid response
 * wins; a later one is refused with `NetworkManagement_NotAwaitingSecret` (found by simulation
 * before sending, unless the race is lost inside the same block).
 * @throws {InvalidEncryptedSecretError} when the ciphertext is not 129 bytes (nothing is sent).
 * @throws {ContractCallRevertedError} when the contract would refuse.
 * @example
 * await respondSecret(hostClient, await prepareSecretResponse({ … }));
 */
export async function respondSecret(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RespondSecretParameters,
): Promise<RespondSecretReturnType> {
  const {
    requester,
    responder,
    encryptedSecret,
    responderSignature,
    networkSignature,
    networkManagementAddress,
    ...overrides
  } = parameters;
  assertEncryptedSecret(encryptedSecret);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "networkManagement", networkManagementAddress),
    functionName: "respondSecret",
    args: [requester, responder, encryptedSecret, responderSignature, networkSignature],
  });
}
