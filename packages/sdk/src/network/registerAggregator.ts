import type { Address, Hash } from "viem";
import { ensureStakeAllowance, signStakePermit } from "./authorizeStake.ts";
import {
  checkAmount,
  checkHostAddress,
  sendNetworkTransaction,
  type NetworkTransactionOptions,
  type NetworkWallet,
} from "./internal.ts";

export interface RegisterAggregatorParameters extends NetworkTransactionOptions {
  /** The operator: holds the stake and runs `enclaveId`. */
  walletClient: NetworkWallet;
  networkManagement: Address;
  /** An active node of the operator. */
  enclaveId: Address;
  /** A libp2p multiaddr or URL, 1 to 256 bytes, published in the host list. */
  hostAddress: string;
  /** OBX wei to stake, at least `minStake`. */
  amount: bigint;
  /**
   * How the stake is authorized: `"approve"` (default: an `approve` transaction first, unless the
   * allowance already covers it) or `"permit"` (an ERC-2612 signature; one transaction).
   */
  authorization?: "approve" | "permit" | undefined;
  /** Permit deadline in unix seconds; default: the latest block's time plus one hour. */
  permitDeadline?: bigint | undefined;
}

/**
 * Makes the operator an aggregator: stakes OBX and publishes its host address.
 * @throws {InvalidHostAddressError} when the host address is empty or over 256 bytes (nothing is sent).
 * @throws {InvalidStakeAmountError} when the amount is not positive (nothing is sent).
 * @throws {NetworkCallRevertedError} when the contract would refuse (`NetworkManagement_InsufficientStake`,
 *   `…_AlreadyAggregator`, `…_NodeNotActive`, `…_NotOperator`, `ERC20InsufficientBalance`, …).
 */
export async function registerAggregator(parameters: RegisterAggregatorParameters): Promise<Hash> {
  const { walletClient, networkManagement, enclaveId, hostAddress, amount } = parameters;
  checkHostAddress(hostAddress);
  checkAmount(amount);
  if (parameters.authorization === "permit") {
    const permit = await signStakePermit(walletClient, networkManagement, amount, parameters.permitDeadline);
    return sendNetworkTransaction(walletClient, {
      networkManagement,
      functionName: "registerAggregatorWithPermit",
      args: [enclaveId, hostAddress, amount, permit.deadline, permit.v, permit.r, permit.s],
      gas: parameters.gas,
    });
  }
  await ensureStakeAllowance(walletClient, networkManagement, amount);
  return sendNetworkTransaction(walletClient, {
    networkManagement,
    functionName: "registerAggregator",
    args: [enclaveId, hostAddress, amount],
    gas: parameters.gas,
  });
}
