import { encodeFunctionData, erc20Abi, getAddress, isAddress, type Address, type Hash } from "viem";
import { AssetKind, computeWrappedTokenAddress } from "@obscuro/sdk";
import { openAccount, openL1, openL2, type WalletOptions } from "../../wallet/context.ts";
import { UserError } from "../../wallet/errors.ts";
import { formatAmount, parseAmount } from "../../wallet/format.ts";
import { tokenInfo } from "../../wallet/l1.ts";
import { confirmOnL2, l2Balance, mapL2Error } from "../../wallet/l2.ts";
import { printResult, Progress } from "../../util/progress.ts";

export interface SendOptions extends WalletOptions {
  to: string;
  amount: string;
  token?: string;
}

export async function runSend(options: SendOptions): Promise<void> {
  const progress = new Progress();
  const account = await openAccount(options);
  const l1 = await openL1(options);
  const l2 = await openL2(options, l1.manifest, account.address);
  try {
    if (!isAddress(options.to))
      throw new UserError(`The recipient ${options.to} is not an address.`, "INVALID_ADDRESS");
    const to = getAddress(options.to);
    let token: Address | undefined;
    if (options.token !== undefined) {
      if (!isAddress(options.token))
        throw new UserError(`The token ${options.token} is not an address.`, "INVALID_ADDRESS");
      token = getAddress(options.token);
    }
    const { decimals, symbol } = token ? await tokenInfo(l1, token) : { decimals: 18, symbol: "ETH" };
    const amount = parseAmount(options.amount, decimals);
    const description = formatAmount(amount, decimals, symbol);
    const balance = await l2Balance(l2, account.address, token);
    if (balance < amount)
      throw new UserError(
        `Not enough balance: ${account.address} holds ${formatAmount(balance, decimals, symbol)} on L2, sending ${description} needs more.`,
        "INSUFFICIENT_BALANCE",
      );
    const wallet = l2.walletFor(account);
    progress.update(`Sending ${description} to ${to} on L2`);
    let hash: Hash;
    try {
      hash = token
        ? await wallet.sendTransaction({
            to: computeWrappedTokenAddress({ kind: AssetKind.Erc20, l1Token: token }),
            data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] }),
          })
        : await wallet.sendTransaction({ to, value: amount });
    } catch (error) {
      throw mapL2Error(error);
    }
    const receipt = await confirmOnL2(l2, hash, progress, (options.timeout ?? 3600) * 1000);
    progress.done(`Sent in L2 block ${receipt.blockNumber}`);
    printResult(
      options.json ?? false,
      { to, amount, token: token ?? null, l2Transaction: hash, l2Block: receipt.blockNumber },
      [`Sent ${description} to ${to} on L2: transaction ${hash}, block ${receipt.blockNumber}.`],
    );
  } finally {
    await l2.close();
  }
}
