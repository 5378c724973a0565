import {
  encodeFunctionData,
  erc721Abi,
  getAddress,
  isAddress,
  parseEventLogs,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import { AssetKind, computeWrappedTokenAddress, L2_BRIDGE_ADDRESS, l2BridgeAbi } from "@obscuro/sdk";
import { openAccount, openL1, openL2, type WalletOptions } from "../../wallet/context.ts";
import { UserError } from "../../wallet/errors.ts";
import { formatAmount, parseAmount } from "../../wallet/format.ts";
import { tokenInfo } from "../../wallet/l1.ts";
import { confirmOnL2, l2Balance, mapL2Error } from "../../wallet/l2.ts";
import { printResult, Progress } from "../../util/progress.ts";

export interface WithdrawOptions extends WalletOptions {
  amount?: string;
  token?: string;
  tokenId?: string;
  to?: string;
}

export async function runWithdraw(options: WithdrawOptions): Promise<void> {
  const progress = new Progress();
  const account = await openAccount(options);
  const l1 = await openL1(options);
  const l2 = await openL2(options, l1.manifest, account.address);
  try {
    if (options.to !== undefined && !isAddress(options.to))
      throw new UserError(`The L1 recipient ${options.to} is not an address.`, "INVALID_ADDRESS");
    const recipient = options.to ? getAddress(options.to) : account.address;
    let token: Address | undefined;
    if (options.token !== undefined) {
      if (!isAddress(options.token))
        throw new UserError(`The token ${options.token} is not an address.`, "INVALID_ADDRESS");
      token = getAddress(options.token);
    }
    let data: Hex;
    let value = 0n;
    let description: string;
    if (!token) {
      const amount = parseAmount(options.amount ?? "", 18);
      description = formatAmount(amount, 18, "ETH");
      const balance = await l2Balance(l2, account.address);
      if (balance < amount)
        throw new UserError(
          `Not enough balance: ${account.address} holds ${formatAmount(balance, 18, "ETH")} on L2, withdrawing ${description} needs more.`,
          "INSUFFICIENT_BALANCE",
        );
      data = encodeFunctionData({ abi: l2BridgeAbi, functionName: "withdrawEth", args: [recipient] });
      value = amount;
    } else if (options.tokenId === undefined) {
      const { decimals, symbol } = await tokenInfo(l1, token);
      const amount = parseAmount(options.amount ?? "", decimals);
      description = formatAmount(amount, decimals, symbol);
      const balance = await l2Balance(l2, account.address, token);
      if (balance < amount)
        throw new UserError(
          `Not enough balance: ${account.address} holds ${formatAmount(balance, decimals, symbol)} on L2, withdrawing ${description} needs more.`,
          "INSUFFICIENT_BALANCE",
        );
      data = encodeFunctionData({ abi: l2BridgeAbi, functionName: "withdrawErc20", args: [token, amount, recipient] });
    } else {
      if (!/^\d+$/.test(options.tokenId)) throw new UserError("The token id must be a whole number.", "INVALID_AMOUNT");
      const tokenId = BigInt(options.tokenId);
      description = `token #${tokenId} of ${token}`;
      const wrapped = computeWrappedTokenAddress({ kind: AssetKind.Erc721, l1Token: token });
      const owner = await l2.publicClient
        .readContract({
          address: wrapped,
          abi: erc721Abi,
          functionName: "ownerOf",
          args: [tokenId],
          account: account.address,
        })
        .catch(() => undefined);
      if (!owner || getAddress(owner) !== account.address)
        throw new UserError(
          `Not enough balance: ${account.address} does not own ${description} on L2.`,
          "INSUFFICIENT_BALANCE",
        );
      data = encodeFunctionData({
        abi: l2BridgeAbi,
        functionName: "withdrawErc721",
        args: [token, tokenId, recipient],
      });
    }
    progress.update(`Withdrawing ${description} to ${recipient} on L1`);
    let hash: Hash;
    try {
      hash = await l2.walletFor(account).sendTransaction({ to: L2_BRIDGE_ADDRESS, data, value });
    } catch (error) {
      throw mapL2Error(error);
    }
    const receipt = await confirmOnL2(l2, hash, progress, (options.timeout ?? 3600) * 1000);
    const initiated = parseEventLogs({ abi: l2BridgeAbi, eventName: "WithdrawalInitiated", logs: receipt.logs });
    const id = (initiated[0]?.args as { id?: bigint } | undefined)?.id;
    if (id === undefined)
      throw new UserError("The withdrawal transaction recorded no withdrawal.", "WITHDRAWAL_FAILED");
    progress.done(`Withdrawal #${id} recorded in L2 block ${receipt.blockNumber}`);
    printResult(
      options.json ?? false,
      { id, recipient, token: token ?? null, l2Transaction: hash, l2Block: receipt.blockNumber },
      [
        `Withdrawal #${id}: ${description} to ${recipient}, L2 transaction ${hash}.`,
        "It can be finalized on L1 once a rollup carrying it is final: `obscuro withdrawals` shows when, `obscuro finalize` claims it.",
      ],
    );
  } finally {
    await l2.close();
  }
}
