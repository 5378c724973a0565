import { erc20Abi, erc721Abi, getAddress, isAddress, parseEventLogs, type Address, type Hash } from "viem";
import { bridgeManagementAbi, L2_BRIDGE_ADDRESS, l2BridgeAbi } from "@obscuro/sdk";
import { openAccount, openL1, openL2, type WalletOptions } from "../../wallet/context.ts";
import { revertName, UserError } from "../../wallet/errors.ts";
import { formatAmount, parseAmount } from "../../wallet/format.ts";
import { confirmOnL1, insufficientFunds, tokenInfo } from "../../wallet/l1.ts";
import { waitUntil } from "../../wallet/wait.ts";
import { printResult, Progress } from "../../util/progress.ts";

export interface DepositOptions extends WalletOptions {
  amount?: string;
  token?: string;
  tokenId?: string;
  to?: string;
  approve?: boolean;
  wait: boolean;
}

export async function runDeposit(kind: "eth" | "erc20" | "erc721", options: DepositOptions): Promise<void> {
  const progress = new Progress();
  const account = await openAccount(options);
  const l1 = await openL1(options, account);
  const wallet = l1.wallet!;
  if (options.to !== undefined && !isAddress(options.to))
    throw new UserError(`The recipient ${options.to} is not an address.`, "INVALID_ADDRESS");
  const to = options.to ? getAddress(options.to) : account.address;
  const bridge = l1.manifest.contracts.BridgeManagement;
  const timeoutMs = (options.timeout ?? 3600) * 1000;
  // the L2 is checked before anything is sent: the credit is awaited through the recipient's gateway
  const gatewayGiven = Boolean(options.gateway ?? process.env.OBSCURO_GATEWAY);
  const l2 = options.wait && gatewayGiven ? await openL2(options, l1.manifest, to) : undefined;
  const l2Start = l2 ? await l2.publicClient.getBlockNumber() : 0n;

  let hash: Hash;
  let description: string;
  let amountOrId: bigint;
  let token: Address | undefined;
  try {
    if (kind === "eth") {
      amountOrId = parseAmount(options.amount ?? "", 18);
      description = formatAmount(amountOrId, 18, "ETH");
      const balance = await l1.publicClient.getBalance({ address: account.address });
      if (balance < amountOrId)
        throw new UserError(
          `Not enough balance: ${account.address} holds ${formatAmount(balance, 18, "ETH")} on L1, the deposit is ${description} plus gas.`,
          "INSUFFICIENT_BALANCE",
        );
      progress.update(`Depositing ${description} for ${to}`);
      hash = await wallet.depositEth({ to, amount: amountOrId });
    } else {
      token = tokenAddress(options.token);
      if (kind === "erc20") {
        const info = await tokenInfo(l1, token);
        amountOrId = parseAmount(options.amount ?? "", info.decimals);
        description = formatAmount(amountOrId, info.decimals, info.symbol);
        const balance = await l1.publicClient.readContract({
          address: token,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [account.address],
        });
        if (balance < amountOrId)
          throw new UserError(
            `Not enough balance: ${account.address} holds ${formatAmount(balance, info.decimals, info.symbol)} on L1, the deposit is ${description}.`,
            "INSUFFICIENT_BALANCE",
          );
        const allowance = await l1.publicClient.readContract({
          address: token,
          abi: erc20Abi,
          functionName: "allowance",
          args: [account.address, bridge],
        });
        if (allowance < amountOrId) {
          if (!options.approve) throw unapproved(description, token);
          progress.update(`Approving the bridge for ${description}`);
          await confirmOnL1(
            l1,
            await wallet.writeContract({
              address: token,
              abi: erc20Abi,
              functionName: "approve",
              args: [bridge, amountOrId],
              chain: l1.chain,
              account,
            }),
            progress,
            timeoutMs,
          );
        }
        progress.update(`Depositing ${description} for ${to}`);
        hash = await wallet.depositErc20({ token, to, amount: amountOrId });
      } else {
        if (!options.tokenId || !/^\d+$/.test(options.tokenId))
          throw new UserError("The token id must be a whole number.", "INVALID_AMOUNT");
        amountOrId = BigInt(options.tokenId);
        description = `token #${amountOrId} of ${token}`;
        const owner = await l1.publicClient
          .readContract({ address: token, abi: erc721Abi, functionName: "ownerOf", args: [amountOrId] })
          .catch(() => undefined);
        if (!owner || getAddress(owner) !== account.address)
          throw new UserError(
            `Not enough balance: ${account.address} does not own ${description} on L1.`,
            "INSUFFICIENT_BALANCE",
          );
        const [approved, all] = await Promise.all([
          l1.publicClient.readContract({
            address: token,
            abi: erc721Abi,
            functionName: "getApproved",
            args: [amountOrId],
          }),
          l1.publicClient.readContract({
            address: token,
            abi: erc721Abi,
            functionName: "isApprovedForAll",
            args: [account.address, bridge],
          }),
        ]);
        if (getAddress(approved) !== bridge && !all) {
          if (!options.approve) throw unapproved(description, token);
          progress.update(`Approving the bridge for ${description}`);
          await confirmOnL1(
            l1,
            await wallet.writeContract({
              address: token,
              abi: erc721Abi,
              functionName: "approve",
              args: [bridge, amountOrId],
              chain: l1.chain,
              account,
            }),
            progress,
            timeoutMs,
          );
        }
        progress.update(`Depositing ${description} for ${to}`);
        hash = await wallet.depositErc721({ token, tokenId: amountOrId, to });
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const name = revertName(error);
    if (name === "ERC20InsufficientAllowance" || name === "ERC721InsufficientApproval")
      throw unapproved(options.amount ?? options.tokenId ?? "", token!);
    if (name === "ERC20InsufficientBalance")
      throw new UserError(`Not enough balance of ${token} on L1 for this deposit.`, "INSUFFICIENT_BALANCE");
    if (name === "BridgeManagement_DepositsClosed")
      throw new UserError("Deposits are closed: the bridge is in exit mode.", "DEPOSITS_CLOSED");
    if (insufficientFunds(error))
      throw new UserError(
        `Not enough balance: ${account.address} cannot pay the L1 gas for this deposit.`,
        "INSUFFICIENT_BALANCE",
      );
    throw error;
  }

  const receipt = await confirmOnL1(l1, hash, progress, timeoutMs);
  const queued = parseEventLogs({ abi: bridgeManagementAbi, eventName: "DepositQueued", logs: receipt.logs });
  const index = (queued[0]?.args as { index?: bigint } | undefined)?.index;
  if (index === undefined) throw new UserError("The deposit transaction queued no deposit.", "DEPOSIT_FAILED");
  progress.done(`Deposit #${index} (${description}) confirmed on L1 in block ${receipt.blockNumber}`);

  let l2Block: bigint | undefined;
  if (l2) {
    progress.update(`Waiting for the L2 credit of deposit #${index}`);
    try {
      const credit = await waitUntil({
        what: `the L2 credit of deposit #${index}`,
        timeoutMs,
        wake: l2.onBlock,
        check: async () => {
          const logs = await l2.publicClient.getLogs({
            address: L2_BRIDGE_ADDRESS,
            events: l2BridgeAbi.filter(
              (item) =>
                item.type === "event" && (item.name === "DepositFinalized" || item.name === "DepositNotCredited"),
            ),
            fromBlock: l2Start,
          });
          return logs.find((log) => (log.args as { index?: bigint }).index === index);
        },
      });
      if (credit.eventName === "DepositNotCredited")
        throw new UserError(
          `Deposit #${index} was not credited on L2: the token could not be minted there; it is refundable in exit mode.`,
          "NOT_CREDITED",
        );
      l2Block = credit.blockNumber;
      progress.done(`Deposit #${index} credited on L2 in block ${l2Block}`);
    } finally {
      await l2.close();
    }
  }
  printResult(
    options.json ?? false,
    {
      kind,
      index,
      to,
      amountOrId,
      token: token ?? null,
      l1Transaction: hash,
      l1Block: receipt.blockNumber,
      l2Block: l2Block ?? null,
    },
    [
      `Deposited ${description} for ${to}: deposit #${index}, L1 transaction ${hash}.`,
      l2Block !== undefined
        ? `Credited on L2 in block ${l2Block}.`
        : `Not waiting for the L2 credit (${options.wait ? "no --gateway given" : "--no-wait"}).`,
    ],
  );
}

function tokenAddress(value: string | undefined): Address {
  if (!value || !isAddress(value))
    throw new UserError(`The token ${String(value)} is not an address.`, "INVALID_ADDRESS");
  return getAddress(value);
}

function unapproved(what: string, token: Address): UserError {
  return new UserError(
    `Unapproved token: the bridge may not move ${what} of ${token} yet; approve it first, or run again with --approve.`,
    "UNAPPROVED_TOKEN",
  );
}
