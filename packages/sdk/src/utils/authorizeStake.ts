import { parseSignature, type Account, type Address, type Chain, type Client, type Transport } from "viem";
import { parseAccount } from "viem/accounts";
import { getBlock, readContract, signTypedData } from "viem/actions";
import { AccountRequiredError } from "../errors/BaseError.ts";
import type { StakePermit } from "../types/network.ts";
import { protocolCall, protocolContract } from "./protocolContract.ts";
import { sendProtocolTransaction, type TransactionOverrides } from "./sendProtocolTransaction.ts";
import { waitForSuccess } from "./waitForSuccess.ts";

/*
 * How an operator lets NetworkManagement pull its stake: an `approve` of the stake token, or an
 * ERC-2612 permit. Shared by `registerAggregator` and `increaseStake`; not an action of its own.
 */

type WalletClient = Client<Transport, Chain | undefined, Account | undefined>;

/** The stake token (the chain's `obscuroToken`) and the sender. */
function stakeContext(client: WalletClient, account: TransactionOverrides["account"], stakeTokenAddress?: Address) {
  const from = account ?? client.account;
  if (!from)
    throw new AccountRequiredError("Staking needs an account.", {
      details: "pass `account`, or give the wallet client one",
    });
  return { owner: parseAccount(from), token: protocolCall(client, "obscuroToken", stakeTokenAddress) };
}

/**
 * Makes sure NetworkManagement may pull `amount` of the stake token from the sender: sends an
 * `approve` (through the one send path) and waits for it, unless the allowance already covers it.
 * @throws {ContractCallRevertedError} when the approval would revert.
 * @throws {TransactionRevertedError} when it reverted after all.
 */
export async function ensureStakeAllowance(
  client: WalletClient,
  spender: Address,
  amount: bigint,
  overrides: TransactionOverrides & { stakeTokenAddress?: Address | undefined },
): Promise<void> {
  const { owner, token } = stakeContext(client, overrides.account, overrides.stakeTokenAddress);
  const allowance = await readContract(client, {
    address: token.address,
    abi: token.abi,
    functionName: "allowance",
    args: [owner.address, spender],
  });
  if (allowance >= amount) return;
  const hash = await sendProtocolTransaction(client, {
    ...token,
    account: owner,
    functionName: "approve",
    args: [spender, amount],
  });
  await waitForSuccess(client, hash, "The stake approval");
}

/**
 * Signs an ERC-2612 permit letting NetworkManagement pull `amount` of the stake token, in the
 * token's own EIP-712 domain (read with EIP-5267 `eip712Domain`).
 */
export async function signStakePermit(
  client: WalletClient,
  spender: Address,
  amount: bigint,
  deadline: bigint | undefined,
  overrides: Pick<TransactionOverrides, "account"> & { stakeTokenAddress?: Address | undefined },
): Promise<StakePermit> {
  const { owner, token } = stakeContext(client, overrides.account, overrides.stakeTokenAddress);
  const read = protocolContract(client, "obscuroToken", token.address);
  const [[, name, version, chainId, verifyingContract], nonce, block] = await Promise.all([
    readContract(client, { ...read, functionName: "eip712Domain" }),
    readContract(client, { ...read, functionName: "nonces", args: [owner.address] }),
    deadline === undefined ? getBlock(client) : Promise.resolve(undefined),
  ]);
  const permitDeadline = deadline ?? block!.timestamp + 3600n;
  const signature = await signTypedData(client, {
    account: owner,
    domain: { name, version, chainId, verifyingContract },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner: owner.address, spender, value: amount, nonce, deadline: permitDeadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { deadline: permitDeadline, r, s, v: Number(v ?? BigInt(yParity + 27)) };
}
