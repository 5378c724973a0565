import type { Address, Chain, Client, GetCodeErrorType, ReadContractErrorType, Transport } from "viem";
import { getChainId, getCode, readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { CouncilSignersError } from "../../errors/council.ts";
import { getProtocolAddress } from "../../utils/getProtocolAddress.ts";
import { safeAbi } from "../../utils/safe.ts";

export interface GetCouncilSafeParameters {
  /** Default: the chain's `council`. */
  councilAddress?: Address | undefined;
}

export interface GetCouncilSafeReturnType {
  chainId: number;
  /** The council Safe. */
  safe: Address;
  owners: Address[];
  /** How many owners must sign a council action. */
  threshold: number;
  /** The nonce the next council action's signatures must be over. */
  nonce: bigint;
  /** The Safe's version (`1.4.1`). */
  version: string;
}

export type GetCouncilSafeErrorType =
  CouncilSignersError | ProtocolContractNotFoundError | GetCodeErrorType | ReadContractErrorType;

/**
 * The council Safe's owners, threshold and current nonce: what its owners need to sign a council
 * action offline (`signCouncilTransaction`).
 * @throws {CouncilSignersError} when the council is an account, not a Safe (as in some tests).
 * @throws {ProtocolContractNotFoundError} when the council's address is neither given nor on the chain.
 * @example
 * const { nonce, threshold } = await getCouncilSafe(publicClient, {});
 */
export async function getCouncilSafe(
  client: Client<Transport, Chain | undefined>,
  parameters: GetCouncilSafeParameters = {},
): Promise<GetCouncilSafeReturnType> {
  const safe = getProtocolAddress(client, "council", parameters.councilAddress);
  const read = { address: safe, abi: safeAbi } as const;
  const code = await getCode(client, { address: safe });
  if (code === undefined || code === "0x") {
    throw new CouncilSignersError("The council is not a Safe: it cannot take owners' signatures.", {
      details: `council ${safe} is an account without code`,
    });
  }
  const [owners, threshold, nonce, version, chainId] = await Promise.all([
    readContract(client, { ...read, functionName: "getOwners" }),
    readContract(client, { ...read, functionName: "getThreshold" }),
    readContract(client, { ...read, functionName: "nonce" }),
    readContract(client, { ...read, functionName: "VERSION" }),
    client.chain?.id ?? getChainId(client),
  ]);
  return { chainId, safe, owners: [...owners], threshold: Number(threshold), nonce, version };
}
