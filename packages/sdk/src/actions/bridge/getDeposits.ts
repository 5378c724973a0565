import type { Address, Chain, Client, GetContractEventsErrorType, Hash, Transport } from "viem";
import { getContractEvents } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { AssetKind, Deposit } from "../../types/bridge.ts";
import { getProtocolDeployBlock } from "../../utils/getProtocolAddress.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetDepositsParameters {
  /** Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** Default: the latest block. */
  toBlock?: bigint | undefined;
  /** Only deposits to this L2 recipient. */
  to?: Address | undefined;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

/** A deposit with where it landed on L1. */
export interface QueuedDepositLog extends Deposit {
  /** The queue accumulator after this deposit. */
  acc: Hash;
  blockNumber: bigint;
  transactionHash: Hash;
}

export type GetDepositsReturnType = QueuedDepositLog[];

export type GetDepositsErrorType = ProtocolContractNotFoundError | GetContractEventsErrorType;

/**
 * The bridge's deposits in an L1 block range, in queue order, from its `DepositQueued` logs.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const deposits = await getDeposits(publicClient, { to: account.address });
 */
export async function getDeposits(
  client: Client<Transport, Chain | undefined>,
  parameters: GetDepositsParameters = {},
): Promise<GetDepositsReturnType> {
  const logs = await getContractEvents(client, {
    ...protocolContract(client, "bridgeManagement", parameters.bridgeManagementAddress),
    eventName: "DepositQueued",
    ...(parameters.to ? { args: { to: parameters.to } } : {}),
    fromBlock: getProtocolDeployBlock(client, parameters.fromBlock),
    ...(parameters.toBlock === undefined ? {} : { toBlock: parameters.toBlock }),
    strict: true,
  });
  return logs.map(depositOfLog).sort((a, b) => (a.index < b.index ? -1 : 1));
}

/** A `DepositQueued` log as a {@link QueuedDepositLog}. */
export function depositOfLog({
  args,
  blockNumber,
  transactionHash,
}: {
  args: { index: bigint; kind: number; from: Address; to: Address; token: Address; amountOrId: bigint; acc: Hash };
  blockNumber: bigint;
  transactionHash: Hash;
}): QueuedDepositLog {
  return {
    index: args.index,
    kind: args.kind as AssetKind,
    from: args.from,
    to: args.to,
    token: args.token,
    amountOrId: args.amountOrId,
    acc: args.acc,
    blockNumber,
    transactionHash,
  };
}
