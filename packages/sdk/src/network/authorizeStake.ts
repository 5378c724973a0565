import { parseSignature, type Address, type Hex } from "viem";
import { getBlock, readContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { getAction } from "viem/utils";
import { networkManagementAbi, obscuroTokenAbi } from "../generated/index.ts";
import { NetworkCallRevertedError } from "./errors.ts";
import type { NetworkWallet } from "./internal.ts";

/** An ERC-2612 permit split as `registerAggregatorWithPermit` takes it. */
export interface StakePermit {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/** The stake token of a NetworkManagement proxy. */
export async function readStakeToken(walletClient: NetworkWallet, networkManagement: Address): Promise<Address> {
  return readContract(walletClient, {
    address: networkManagement,
    abi: networkManagementAbi,
    functionName: "stakeToken",
  });
}

/**
 * Makes sure NetworkManagement may pull `amount` of the stake token from the wallet's account:
 * sends an `approve` and waits for it unless the allowance already covers it.
 * @throws {NetworkCallRevertedError} when the approval reverts.
 * @internal
 */
export async function ensureStakeAllowance(
  walletClient: NetworkWallet,
  networkManagement: Address,
  amount: bigint,
): Promise<void> {
  const token = await readStakeToken(walletClient, networkManagement);
  const owner = walletClient.account.address;
  const allowance = await readContract(walletClient, {
    address: token,
    abi: obscuroTokenAbi,
    functionName: "allowance",
    args: [owner, networkManagement],
  });
  if (allowance >= amount) return;
  const hash = await writeContract(walletClient, {
    address: token,
    abi: obscuroTokenAbi,
    functionName: "approve",
    args: [networkManagement, amount],
    account: walletClient.account,
    chain: walletClient.chain,
  });
  // Through the client, so that a client which brings its own wait (a harness bounding it) is obeyed.
  const receipt = await getAction(walletClient, waitForTransactionReceipt, "waitForTransactionReceipt")({ hash });
  if (receipt.status !== "success") {
    throw new NetworkCallRevertedError("The stake approval reverted.", { details: `transaction ${hash}` });
  }
}

/**
 * Signs an ERC-2612 permit letting NetworkManagement pull `amount` of the stake token, in the
 * token's own EIP-712 domain (read with EIP-5267 `eip712Domain`).
 * @internal
 */
export async function signStakePermit(
  walletClient: NetworkWallet,
  networkManagement: Address,
  amount: bigint,
  deadline: bigint | undefined,
): Promise<StakePermit> {
  const token = await readStakeToken(walletClient, networkManagement);
  const owner = walletClient.account.address;
  const [[, name, version, chainId, verifyingContract], nonce, block] = await Promise.all([
    readContract(walletClient, { address: token, abi: obscuroTokenAbi, functionName: "eip712Domain" }),
    readContract(walletClient, { address: token, abi: obscuroTokenAbi, functionName: "nonces", args: [owner] }),
    deadline === undefined ? getBlock(walletClient) : Promise.resolve(undefined),
  ]);
  const permitDeadline = deadline ?? block!.timestamp + 3600n;
  const signature = await walletClient.signTypedData({
    account: walletClient.account,
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
    message: { owner, spender: networkManagement, value: amount, nonce, deadline: permitDeadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { deadline: permitDeadline, r, s, v: Number(v ?? BigInt(yParity + 27)) };
}
