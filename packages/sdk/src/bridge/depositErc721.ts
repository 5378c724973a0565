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

export interface DepositErc721Parameters {
  walletClient: Wallet;
  bridge: Address;
  token: Address;
  tokenId: bigint;
  to: Address;
}

/**
 * Deposits an ERC721 token (approved beforehand) to `to` on L2.
 * @throws {InvalidDepositError} for a zero token or recipient.
 */
export async function depositErc721({
  walletClient,
  bridge,
  token,
  tokenId,
  to,
}: DepositErc721Parameters): Promise<Hash> {
  requireDeposit(to, 1n);
  if (token === zeroAddress) throw new InvalidDepositError("The token is the zero address.");
  return walletClient.writeContract({
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "depositERC721",
    args: [token, tokenId, to],
    chain: walletClient.chain,
    account: walletClient.account,
  });
}
