import type { Block } from "@ethereumjs/block";
import { Account, Address } from "@ethereumjs/util";
import type { VM } from "@ethereumjs/vm";
import { AssetKind, l2BridgeAbi, type Deposit } from "@obscuro/sdk";
import { encodeFunctionData, hexToBytes, zeroAddress } from "viem";
import { DEPOSIT_TX_TYPE, L2_BRIDGE_ADDRESS, L2_SYSTEM_ADDRESS, SYSTEM_CALL_GAS } from "../constants.ts";
import { BlockRefusal, InvalidBlockError } from "../errors.ts";
import type { ExecutedReceipt, RawLog } from "./encoding.ts";

const SYSTEM = new Address(hexToBytes(L2_SYSTEM_ADDRESS));
const BRIDGE = new Address(hexToBytes(L2_BRIDGE_ADDRESS));

/**
 * Checks that `deposits` continue the L1 queue from `nextIndex` and are well formed (what the L1
 * bridge can emit: a recipient, a positive amount, the zero token exactly for ETH).
 * @throws {InvalidBlockError}
 */
export function checkDeposits(deposits: readonly Deposit[], nextIndex: bigint): void {
  let expected = nextIndex;
  for (const deposit of deposits) {
    if (deposit.index !== expected) {
      throw new InvalidBlockError(BlockRefusal.DepositOutOfOrder, "Deposits must continue the L1 queue in order.", {
        details: `expected index ${expected}, got ${deposit.index}`,
      });
    }
    const problem = depositProblem(deposit);
    if (problem !== undefined) {
      throw new InvalidBlockError(BlockRefusal.InvalidDeposit, "A deposit is malformed.", {
        details: `deposit ${deposit.index}: ${problem}`,
      });
    }
    expected++;
  }
}

function depositProblem(d: Deposit): string | undefined {
  if (d.kind !== AssetKind.Eth && d.kind !== AssetKind.Erc20 && d.kind !== AssetKind.Erc721) return `kind ${d.kind}`;
  if (d.to === zeroAddress) return "zero recipient";
  if ((d.kind === AssetKind.Eth) !== (d.token === zeroAddress)) return "the token must be zero exactly for ETH";
  if (d.kind !== AssetKind.Erc721 && d.amountOrId <= 0n) return "zero amount";
  return undefined;
}

/**
 * Credits a deposit as a system transaction: ETH is minted straight into the recipient's balance
 * (no code runs at the recipient, so it cannot fail); then the L2 bridge is called from the
 * system address, with no fee and no nonce, to report it and, for tokens, mint the wrapped asset.
 * The system call uses no block gas.
 */
export async function applyDeposit(vm: VM, deposit: Deposit, block: Block): Promise<ExecutedReceipt> {
  if (deposit.kind === AssetKind.Eth) await mintEth(vm, new Address(hexToBytes(deposit.to)), deposit.amountOrId);
  const result = await vm.evm.runCall({
    caller: SYSTEM,
    origin: SYSTEM,
    to: BRIDGE,
    data: hexToBytes(finalizeDepositCall(deposit)),
    gasLimit: SYSTEM_CALL_GAS,
    gasPrice: 0n,
    skipNonceIncrement: true,
    block,
  });
  // As after a transaction: drop touched empty accounts (EIP-161), reset warm sets.
  await vm.evm.journal.cleanup();
  const failed = result.execResult.exceptionError !== undefined;
  return {
    type: DEPOSIT_TX_TYPE,
    status: failed ? 0 : 1,
    cumulativeGasUsed: 0n,
    logs: failed ? [] : ((result.execResult.logs ?? []) as RawLog[]),
    from: SYSTEM.bytes,
    to: BRIDGE.bytes,
    contractAddress: new Uint8Array(0),
    effectiveGasPrice: 0n,
  };
}

async function mintEth(vm: VM, to: Address, amount: bigint): Promise<void> {
  const account = (await vm.stateManager.getAccount(to)) ?? new Account();
  account.balance += amount;
  await vm.stateManager.putAccount(to, account);
}

function finalizeDepositCall(d: Deposit): `0x${string}` {
  return encodeFunctionData({
    abi: l2BridgeAbi,
    functionName: "finalizeDeposit",
    args: [d.index, d.from, d.to, d.kind, d.token, d.amountOrId],
  });
}
