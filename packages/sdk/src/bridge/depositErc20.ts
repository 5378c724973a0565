import {
  zeroAddress,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Transport,
  type WalletClient,
} from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import { InvalidDepositError } from "./errors.ts";
import { requireDeposit } from "./requireDeposit.ts";

type Wallet = WalletClient<Transport, Chain | undefined, Account>;

export interface DepositErc20Parameters {
  walletClient: Wallet;
  bridge: Address;
  token: Address;
  to: Address;
  /** Token amount; the bridge must be approved for it. Fee-on-transfer tokens credit what arrives. */
  amount: bigint;
}

/**
 * Deposits an ERC20 amount (approved beforehand) to `to` on L2.
 * @throws {InvalidDepositError} for a zero amount, token or recipient.
 */
export async function depositErc20({ walletClient, bridge, token, to, amount }: DepositErc20Parameters): Promise<Hash> {
  requireDeposit(to, amount);
  if (token === zeroAddress)
    throw new InvalidDepositError("The token is the zero address; deposit ETH with depositEth.");
  return walletClient.writeContract({
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "depositERC20",
    args: [token, amount, to],
    chain: walletClient.chain,
    account: walletClient.account,
  });
}
