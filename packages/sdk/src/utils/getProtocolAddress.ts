import type { Address, Chain, Client } from "viem";
import type { ObscuroL1ContractName } from "../chain/obscuroL1.ts";
import { ProtocolContractNotFoundError } from "../errors/BaseError.ts";

/**
 * The address of a protocol contract: the one the caller passed, else the one on the client's
 * chain (`defineObscuroL1Chain`).
 * @throws {ProtocolContractNotFoundError} when neither has it.
 */
export function getProtocolAddress(
  client: Pick<Client, "chain">,
  name: ObscuroL1ContractName,
  given?: Address | undefined,
): Address {
  if (given) return given;
  const contract = (client.chain as (Chain & { contracts?: Record<string, { address?: Address }> }) | undefined)
    ?.contracts?.[name];
  if (contract?.address) return contract.address;
  throw new ProtocolContractNotFoundError(`No address for ${name}.`, {
    details: client.chain
      ? `chain ${client.chain.id} (${client.chain.name}) has no contracts.${name}: build it with defineObscuroL1Chain`
      : `the client has no chain: pass ${name}Address, or build the client on defineObscuroL1Chain`,
  });
}

/** The block the protocol was deployed at on the client's chain (where log queries start), or 0. */
export function getProtocolDeployBlock(client: Pick<Client, "chain">, given?: bigint | undefined): bigint {
  if (given !== undefined) return given;
  const created = (client.chain?.contracts as Record<string, { blockCreated?: number }> | undefined)?.networkManagement
    ?.blockCreated;
  return created === undefined ? 0n : BigInt(created);
}
