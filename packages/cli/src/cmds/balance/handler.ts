import { erc20Abi, getAddress, isAddress, type Address } from "viem";
import { openAccount, openL1, openL2, type WalletOptions } from "../../wallet/context.ts";
import { UserError } from "../../wallet/errors.ts";
import { formatAmount } from "../../wallet/format.ts";
import { tokenInfo } from "../../wallet/l1.ts";
import { l2Balance } from "../../wallet/l2.ts";
import { printResult } from "../../util/progress.ts";

export interface BalanceOptions extends WalletOptions {
  token?: string;
  account?: string;
}

export async function runBalance(options: BalanceOptions): Promise<void> {
  let address: Address;
  if (options.account !== undefined) {
    if (!isAddress(options.account))
      throw new UserError(`The account ${options.account} is not an address.`, "INVALID_ADDRESS");
    address = getAddress(options.account);
  } else address = (await openAccount(options)).address;
  const l1 = await openL1(options);
  let token: Address | undefined;
  if (options.token !== undefined) {
    if (!isAddress(options.token))
      throw new UserError(`The token ${options.token} is not an address.`, "INVALID_ADDRESS");
    token = getAddress(options.token);
  }
  const { decimals, symbol } = token ? await tokenInfo(l1, token) : { decimals: 18, symbol: "ETH" };
  const onL1 = token
    ? await l1.publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [address] })
    : await l1.publicClient.getBalance({ address });
  const gateway = options.gateway ?? process.env.OBSCURO_GATEWAY;
  let onL2: bigint | undefined;
  if (gateway) {
    const l2 = await openL2(options, l1.manifest, address);
    onL2 = await l2Balance(l2, address, token);
  }
  printResult(
    options.json ?? false,
    { account: address, token: token ?? null, symbol, decimals, l1: onL1, l2: onL2 ?? null },
    [
      `${address}`,
      `  L1  ${formatAmount(onL1, decimals, symbol)}`,
      `  L2  ${onL2 === undefined ? "(no gateway given: --gateway)" : formatAmount(onL2, decimals, symbol)}`,
    ],
  );
}
