import type { Address, Client } from "viem";
import type { ObscuroL1ContractName } from "../chain/obscuroL1.ts";
import {
  bridgeManagementAbi,
  enclavePolicyAbi,
  networkManagementAbi,
  obscuroGovernorAbi,
  obscuroTimelockAbi,
  obscuroTokenAbi,
  rollupManagementAbi,
  rollupSlashingAbi,
} from "../generated/index.ts";
import { getProtocolAddress } from "./getProtocolAddress.ts";

/** The ABI and contract name of each protocol contract actions call, by its name on the chain. */
const protocolContracts = {
  bridgeManagement: { abi: bridgeManagementAbi, contractName: "BridgeManagement" },
  enclavePolicy: { abi: enclavePolicyAbi, contractName: "EnclavePolicy" },
  governor: { abi: obscuroGovernorAbi, contractName: "ObscuroGovernor" },
  timelock: { abi: obscuroTimelockAbi, contractName: "ObscuroTimelock" },
  networkManagement: { abi: networkManagementAbi, contractName: "NetworkManagement" },
  obscuroToken: { abi: obscuroTokenAbi, contractName: "ObscuroToken" },
  rollupManagement: { abi: rollupManagementAbi, contractName: "RollupManagement" },
  rollupSlashing: { abi: rollupSlashingAbi, contractName: "RollupSlashing" },
} as const satisfies Partial<Record<ObscuroL1ContractName, unknown>>;

type ProtocolContractKey = keyof typeof protocolContracts;

type Entry<name extends ProtocolContractKey> = (typeof protocolContracts)[name];

/**
 * A protocol contract to read: its address (the one given, else the client's chain's, see
 * {@link getProtocolAddress}) and its ABI. Spread into `readContract` or `getContractEvents`.
 * @throws {ProtocolContractNotFoundError} when the address is neither given nor on the chain.
 */
export function protocolContract<name extends ProtocolContractKey>(
  client: Pick<Client, "chain">,
  name: name,
  given?: Address | undefined,
): { address: Address; abi: Entry<name>["abi"] } {
  return { address: getProtocolAddress(client, name, given), abi: protocolContracts[name].abi };
}

/**
 * A protocol contract to send a transaction to: {@link protocolContract} and its name (for
 * errors). Spread into `sendProtocolTransaction`.
 * @throws {ProtocolContractNotFoundError} when the address is neither given nor on the chain.
 */
export function protocolCall<name extends ProtocolContractKey>(
  client: Pick<Client, "chain">,
  name: name,
  given?: Address | undefined,
): { address: Address; abi: Entry<name>["abi"]; contractName: Entry<name>["contractName"] } {
  return { ...protocolContract(client, name, given), contractName: protocolContracts[name].contractName };
}
