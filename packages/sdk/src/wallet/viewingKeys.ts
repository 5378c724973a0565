import {
  bytesToHex,
  getAddress,
  hexToBytes,
  keccak256,
  recoverAddress,
  recoverTypedDataAddress,
  stringToBytes,
  type Address,
  type Hex,
  type LocalAccount,
} from "viem";
import { generatePrivateKey, sign } from "viem/accounts";
import { computeEnclaveId } from "../crypto/computeEnclaveId.ts";
import { eciesDecrypt } from "../crypto/eciesDecrypt.ts";
import { eciesEncrypt } from "../crypto/eciesEncrypt.ts";
import { getEnclavePublicKey } from "../crypto/getEnclavePublicKey.ts";
import { BaseError } from "../errors/BaseError.ts";

/**
 * Wallet access to a confidential L2 (docs/privacy.md): the user's account authorizes, once, a
 * viewing key (EIP-712); each private request is signed by the viewing key and encrypted to the
 * network key, and its answer comes back encrypted to the viewing key. Transactions travel
 * encrypted to the network key. These are the pure functions both sides use: the gateway on the
 * user's side, the enclave on the network's.
 */

/** The EIP-712 domain of viewing-key authorizations: the L2 chain, not a contract. */
export function viewingKeyDomain(l2ChainId: bigint | number) {
  return { name: "Obscuro Viewing Key", version: "1", chainId: BigInt(l2ChainId) } as const;
}

export const viewingKeyTypes = {
  ViewingKey: [
    { name: "viewingKey", type: "address" },
    { name: "networkKey", type: "address" },
  ],
} as const;

/** A viewing key: kept by the user's gateway, never by the network. */
export interface ViewingKey {
  privateKey: Hex;
  /** 64 bytes `x || y`: what answers are encrypted to. */
  publicKey: Hex;
  /** The key's address: what the account authorizes. */
  address: Address;
}

/** What a viewing key needs to act for an account: the account's EIP-712 signature over it. */
export interface ViewingKeyAuthorization {
  account: Address;
  viewingKey: Address;
  signature: Hex;
}

/** A private request as the enclave verifies it (before encryption). */
export interface PrivateRequest {
  account: Address;
  viewingPublicKey: Hex;
  authorization: Hex;
  request: { id: string; method: string; params: unknown[]; timestamp: number };
  /** The viewing key's signature over keccak256 of the request's JSON. */
  signature: Hex;
}

/** The answer to a private request, before it is encrypted to the viewing key. */
export type PrivateResponse =
  { id: string; result: unknown } | { id: string; error: { code: number; message: string } };

/** A private request or answer that cannot be opened or does not verify. */
export class PrivateRequestError extends BaseError {
  readonly code = "PRIVATE_REQUEST_INVALID";
}

/** A fresh viewing key from the platform CSPRNG. */
export function createViewingKey(): ViewingKey {
  const privateKey = generatePrivateKey();
  const publicKey = getEnclavePublicKey(privateKey);
  return { privateKey, publicKey, address: computeEnclaveId(publicKey) };
}

/** The account signs, once, that `viewingKey` may read its private data on the network of `networkKey`. */
export async function authorizeViewingKey(parameters: {
  account: LocalAccount;
  viewingKey: Address;
  networkKey: Address;
  l2ChainId: bigint | number;
}): Promise<ViewingKeyAuthorization> {
  const signature = await parameters.account.signTypedData({
    domain: viewingKeyDomain(parameters.l2ChainId),
    types: viewingKeyTypes,
    primaryType: "ViewingKey",
    message: { viewingKey: parameters.viewingKey, networkKey: parameters.networkKey },
  });
  return { account: parameters.account.address, viewingKey: parameters.viewingKey, signature };
}

/**
 * Signs and encrypts a private request: the request (with a fresh id and the time) signed by the
 * viewing key, with the account's authorization, all encrypted to the network key (ECIES).
 */
export async function encryptPrivateRequest(parameters: {
  networkPublicKey: Hex;
  viewingKey: ViewingKey;
  authorization: ViewingKeyAuthorization;
  method: string;
  params: unknown[];
  /** Default: now (seconds). */
  timestamp?: number | undefined;
}): Promise<{ id: string; encrypted: Hex }> {
  const id = bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
  const request = {
    id,
    method: parameters.method,
    params: parameters.params,
    timestamp: parameters.timestamp ?? Math.floor(Date.now() / 1000),
  };
  const signature = await sign({
    hash: requestDigest(request),
    privateKey: parameters.viewingKey.privateKey,
    to: "hex",
  });
  const envelope: PrivateRequest = {
    account: parameters.authorization.account,
    viewingPublicKey: parameters.viewingKey.publicKey,
    authorization: parameters.authorization.signature,
    request,
    signature,
  };
  const plaintext = stringToBytes(
    JSON.stringify(envelope, (_k, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v)),
  );
  return { id, encrypted: bytesToHex(eciesEncrypt({ publicKey: parameters.networkPublicKey, plaintext })) };
}

/**
 * The enclave's side: opens a private request with the network key and checks that the account
 * authorized the viewing key (on this network) and that the viewing key signed the request.
 * @throws {PrivateRequestError} for anything that does not open or verify (the reason in `details`).
 */
export async function openPrivateRequest(parameters: {
  encrypted: Hex;
  networkPrivateKey: Hex;
  networkKey: Address;
  l2ChainId: bigint | number;
}): Promise<PrivateRequest & { viewingKey: Address }> {
  let envelope: PrivateRequest;
  try {
    envelope = JSON.parse(
      new TextDecoder().decode(
        eciesDecrypt({ ciphertext: parameters.encrypted, privateKey: parameters.networkPrivateKey }),
      ),
    ) as PrivateRequest;
  } catch (cause) {
    throw new PrivateRequestError("The request does not open with the network key.", {
      cause,
      details: "UNDECRYPTABLE",
    });
  }
  const { request } = envelope;
  if (
    !request ||
    typeof request.id !== "string" ||
    typeof request.method !== "string" ||
    !Array.isArray(request.params) ||
    typeof request.timestamp !== "number"
  ) {
    throw new PrivateRequestError("The request is malformed.", { details: "MALFORMED" });
  }
  let viewingKey: Address;
  try {
    viewingKey = computeEnclaveId(envelope.viewingPublicKey);
    const authorizer = await recoverTypedDataAddress({
      domain: viewingKeyDomain(parameters.l2ChainId),
      types: viewingKeyTypes,
      primaryType: "ViewingKey",
      message: { viewingKey, networkKey: parameters.networkKey },
      signature: envelope.authorization,
    });
    if (getAddress(authorizer) !== getAddress(envelope.account)) throw new Error("authorization by another account");
    const signer = await recoverAddress({ hash: requestDigest(request), signature: envelope.signature });
    if (signer !== viewingKey) throw new Error("request not signed by the viewing key");
  } catch (cause) {
    throw new PrivateRequestError("The viewing key is not authorized by the account, or did not sign the request.", {
      cause,
      details: "UNAUTHORIZED",
    });
  }
  return { ...envelope, account: getAddress(envelope.account), viewingKey };
}

/** The enclave's answer, encrypted to the viewing key. */
export function encryptPrivateResponse(response: PrivateResponse, viewingPublicKey: Hex): Hex {
  const plaintext = stringToBytes(
    JSON.stringify(response, (_k, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v)),
  );
  return bytesToHex(eciesEncrypt({ publicKey: viewingPublicKey, plaintext }));
}

/**
 * Opens the enclave's answer with the viewing key.
 * @throws {PrivateRequestError} when it was not encrypted to this key.
 */
export function decryptPrivateResponse(encrypted: Hex, viewingPrivateKey: Hex): PrivateResponse {
  try {
    return JSON.parse(
      new TextDecoder().decode(eciesDecrypt({ ciphertext: encrypted, privateKey: viewingPrivateKey })),
    ) as PrivateResponse;
  } catch (cause) {
    throw new PrivateRequestError("The answer does not open with this viewing key.", { cause });
  }
}

/** A signed L2 transaction encrypted to the network key: what a node's RPC takes. */
export function encryptTransaction(rawTransaction: Hex, networkPublicKey: Hex): Hex {
  return bytesToHex(eciesEncrypt({ publicKey: networkPublicKey, plaintext: hexToBytes(rawTransaction) }));
}

/** Whether `publicKey` is the network key L1 names (`networkKey` address): check before encrypting to it. */
export function isNetworkPublicKey(publicKey: Hex, networkKey: Address): boolean {
  try {
    return computeEnclaveId(publicKey) === getAddress(networkKey);
  } catch {
    return false;
  }
}

function requestDigest(request: PrivateRequest["request"]): Hex {
  return keccak256(stringToBytes(JSON.stringify(request)));
}
