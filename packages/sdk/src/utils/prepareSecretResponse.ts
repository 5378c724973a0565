import { bytesToHex, getAddress, type Address, type Hex } from "viem";
import type { BytesLike } from "../crypto/bytes.ts";
import { computeEnclaveId } from "../crypto/computeEnclaveId.ts";
import { deriveNetworkKey } from "../crypto/deriveNetworkKey.ts";
import { encryptMasterSecret } from "../crypto/encryptMasterSecret.ts";
import { NetworkKeyMismatchError } from "../crypto/errors.ts";
import { getEnclavePublicKey } from "../crypto/getEnclavePublicKey.ts";
import { parseEnclavePublicKey } from "../crypto/parseEnclavePublicKey.ts";
import { signSecretResponse } from "./signSecretResponse.ts";

export interface PrepareSecretResponseParameters {
  chainId: number;
  /** The `NetworkManagement` proxy. */
  networkManagement: Address;
  /** The master secret, held by the responding enclave. */
  masterSecret: BytesLike;
  /** The responding enclave's private key. */
  responderPrivateKey: Hex;
  /** The requester's enclave public key, from its `SecretRequested` event. */
  requesterPublicKey: Hex;
  /** `NetworkManagement.networkKey()`: when given, the master secret must derive it. */
  expectedNetworkKey?: Address | undefined;
}

/** Everything `respondSecret` sends: built inside the responding enclave, sent by any host. */
export interface PrepareSecretResponseReturnType {
  requester: Address;
  responder: Address;
  /** The master secret encrypted to the requester's key (129 bytes). */
  encryptedSecret: Hex;
  /** `SecretResponse` signed by the responder's enclave key. */
  responderSignature: Hex;
  /** `SecretResponse` signed by the network key: proves knowledge of the secret. */
  networkSignature: Hex;
}

/**
 * What a responding enclave does at step 4 of the protocol (docs/network.md): encrypts the
 * master secret to the requester's key (ECIES) and signs `SecretResponse` with its own key and
 * the network key. The requester's attestation is checked by the contract, which refuses a
 * response to an unregistered, expired or revoked enclave.
 * @throws {InvalidPublicKeyError} when the requester's key is not a secp256k1 point.
 * @throws {NetworkKeyMismatchError} when the master secret does not derive `expectedNetworkKey`.
 */
export async function prepareSecretResponse(
  parameters: PrepareSecretResponseParameters,
): Promise<PrepareSecretResponseReturnType> {
  const { chainId, networkManagement, masterSecret, responderPrivateKey } = parameters;
  const requesterPublicKey = parseEnclavePublicKey(parameters.requesterPublicKey);
  const networkKey = deriveNetworkKey({ masterSecret });
  if (parameters.expectedNetworkKey !== undefined && getAddress(parameters.expectedNetworkKey) !== networkKey.address) {
    throw new NetworkKeyMismatchError("This master secret does not give the network key registered on L1.", {
      details: `derived ${networkKey.address}, L1 has ${parameters.expectedNetworkKey}`,
    });
  }
  const requester = computeEnclaveId(requesterPublicKey);
  const responder = computeEnclaveId(getEnclavePublicKey(responderPrivateKey));
  const encryptedSecret = bytesToHex(encryptMasterSecret({ masterSecret, publicKey: requesterPublicKey }));
  const statement = { chainId, networkManagement, requester, responder, encryptedSecret };
  return {
    requester,
    responder,
    encryptedSecret,
    responderSignature: await signSecretResponse({ ...statement, privateKey: responderPrivateKey }),
    networkSignature: await signSecretResponse({ ...statement, privateKey: networkKey.privateKey }),
  };
}
