import type { Account, Address, Chain, Client, Hash, ReadContractErrorType, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { InvalidHostAddressError, InvalidStakeAmountError } from "../../errors/network.ts";
import { assertHostAddress, assertStakeAmount } from "../../utils/assertions.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";
import { ensureStakeAllowance, signStakePermit } from "../../utils/authorizeStake.ts";

export interface RegisterAggregatorParameters extends TransactionOverrides {
  /** An active node of the operator (the sender). */
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
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
  /** The stake token. Default: the chain's `obscuroToken`. */
  stakeTokenAddress?: Address | undefined;
}

export type RegisterAggregatorReturnType = Hash;

export type RegisterAggregatorErrorType =
  | InvalidHostAddressError
  | InvalidStakeAmountError
  | ProtocolContractNotFoundError
  | ReadContractErrorType
  | SendProtocolTransactionErrorType;

/**
 * Makes the sender an aggregator: stakes OBX and publishes its host address.
 * @throws {InvalidHostAddressError} when the host address is empty or over 256 bytes (nothing is sent).
 * @throws {InvalidStakeAmountError} when the amount is not positive (nothing is sent).
 * @throws {ContractCallRevertedError} when the contract would refuse (`NetworkManagement_InsufficientStake`,
 *   `NetworkManagement_AlreadyAggregator`, `NetworkManagement_NodeNotActive`, `ERC20InsufficientBalance`, …).
 * @example
 * await registerAggregator(operatorClient, { enclaveId, hostAddress: "/ip4/203.0.113.7/tcp/30303", amount: parseEther("10000") });
 */
export async function registerAggregator(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RegisterAggregatorParameters,
): Promise<RegisterAggregatorReturnType> {
  const {
    enclaveId,
    hostAddress,
    amount,
    authorization,
    permitDeadline,
    networkManagementAddress,
    stakeTokenAddress,
    ...overrides
  } = parameters;
  assertHostAddress(hostAddress);
  assertStakeAmount(amount);
  const call = protocolCall(client, "networkManagement", networkManagementAddress);
  if (authorization === "permit") {
    const permit = await signStakePermit(client, call.address, amount, permitDeadline, {
      account: overrides.account,
      stakeTokenAddress,
    });
    return sendProtocolTransaction(client, {
      ...overrides,
      ...call,
      functionName: "registerAggregatorWithPermit",
      args: [enclaveId, hostAddress, amount, permit.deadline, permit.v, permit.r, permit.s],
    });
  }
  await ensureStakeAllowance(client, call.address, amount, { account: overrides.account, stakeTokenAddress });
  return sendProtocolTransaction(client, {
    ...overrides,
    ...call,
    functionName: "registerAggregator",
    args: [enclaveId, hostAddress, amount],
  });
}
