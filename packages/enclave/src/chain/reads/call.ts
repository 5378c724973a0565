import type { Common } from "@ethereumjs/common";
import { createLegacyTx } from "@ethereumjs/tx";
import { Address, createZeroAddress } from "@ethereumjs/util";
import { runTx, type RunTxResult, type VM } from "@ethereumjs/vm";
import { bytesToHex, getAddress, hexToBytes } from "viem";
import { BLOCK_GAS_LIMIT } from "../constants.ts";
import { ExecutionRevertedError, InvalidCallError } from "../errors.ts";
import type { RawLog } from "../execution/encoding.ts";
import { contextBlock, type BlockContext } from "../execution/header.ts";
import type { TrackingStateManager } from "../state/TrackingStateManager.ts";
import type { CallRequest, CallResult } from "../types.ts";

/** What a call needs: the VM, its state, and the block it runs in (the latest). */
export interface CallEnvironment {
  vm: VM;
  state: TrackingStateManager;
  common: Common;
  context: BlockContext;
}

/**
 * Runs `request` as a transaction from `from` (no signature) on the latest state and reverts
 * everything afterwards: `eth_call`. Without a gas price the call pays nothing and runs with a
 * zero base fee (as geth does); the value must be covered by the balance.
 * @throws {InvalidCallError}
 */
export async function call(env: CallEnvironment, request: CallRequest): Promise<CallResult> {
  const result = await simulate(env, request, request.gas ?? BLOCK_GAS_LIMIT);
  const reverted = result.execResult.exceptionError !== undefined;
  return {
    returnData: bytesToHex(result.execResult.returnValue),
    gasUsed: result.totalGasSpent,
    reverted,
    logs: reverted
      ? []
      : ((result.execResult.logs ?? []) as RawLog[]).map(([address, topics, data]) => ({
          address: getAddress(bytesToHex(address)),
          topics: topics.map((t) => bytesToHex(t)),
          data: bytesToHex(data),
        })),
  };
}

/**
 * The least gas limit with which `request` succeeds (`eth_estimateGas`): a binary search between
 * the gas it used and the cap, since refunds and the 63/64 rule can make it need more than it uses.
 * @throws {ExecutionRevertedError} when it fails even with the cap.
 */
export async function estimateGas(env: CallEnvironment, request: CallRequest): Promise<bigint> {
  const cap = request.gas ?? BLOCK_GAS_LIMIT;
  const atCap = await simulate(env, request, cap);
  if (atCap.execResult.exceptionError !== undefined) throw failure(atCap);
  let low = atCap.totalGasSpent - 1n;
  let high = cap;
  const optimistic = ((atCap.totalGasSpent + atCap.gasRefund + 2_300n) * 64n) / 63n;
  if (optimistic < high) {
    if (await succeeds(env, request, optimistic)) high = optimistic;
    else low = optimistic;
  }
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (await succeeds(env, request, middle)) high = middle;
    else low = middle;
  }
  return high;
}

async function succeeds(env: CallEnvironment, request: CallRequest, gas: bigint): Promise<boolean> {
  try {
    return (await simulate(env, request, gas)).execResult.exceptionError === undefined;
  } catch (error) {
    // Below the intrinsic gas: runTx refuses the transaction outright.
    if (error instanceof InvalidCallError) return false;
    throw error;
  }
}

async function simulate(env: CallEnvironment, request: CallRequest, gas: bigint): Promise<RunTxResult> {
  if (gas > BLOCK_GAS_LIMIT) {
    throw new InvalidCallError("The call's gas is above the block gas limit.", {
      details: `${gas} > ${BLOCK_GAS_LIMIT}`,
    });
  }
  const from = request.from === undefined ? createZeroAddress() : new Address(hexToBytes(request.from));
  const gasPrice = request.gasPrice ?? 0n;
  const block = contextBlock(
    { ...env.context, baseFeePerGas: gasPrice === 0n ? 0n : env.context.baseFeePerGas },
    env.common,
  );
  await env.state.checkpoint();
  try {
    const account = await env.state.getAccount(from);
    const value = request.value ?? 0n;
    if ((account?.balance ?? 0n) < value) {
      throw new InvalidCallError("The sender cannot cover the call's value.", {
        details: `${account?.balance ?? 0n} < ${value}`,
      });
    }
    const tx = impersonated(env.common, from, { nonce: account?.nonce ?? 0n, gas, gasPrice, request });
    return await runTx(env.vm, { tx, block, skipNonce: true, skipBalance: true, skipHardForkValidation: true });
  } catch (error) {
    if (error instanceof InvalidCallError) throw error;
    throw new InvalidCallError("The call cannot run.", {
      details: error instanceof Error ? error.message.split("\n")[0] : String(error),
      cause: error,
    });
  } finally {
    await env.state.revert();
    env.state.takeTouched();
  }
}

/** An unsigned transaction whose sender is `from`. */
function impersonated(
  common: Common,
  from: Address,
  fields: { nonce: bigint; gas: bigint; gasPrice: bigint; request: CallRequest },
): ReturnType<typeof createLegacyTx> {
  const { request } = fields;
  const tx = createLegacyTx(
    {
      nonce: fields.nonce,
      gasLimit: fields.gas,
      gasPrice: fields.gasPrice,
      to: request.to,
      value: request.value ?? 0n,
      data: request.data ?? "0x",
    },
    { common, freeze: false },
  );
  tx.getSenderAddress = () => from;
  return tx;
}

function failure(result: RunTxResult): Error {
  const data = bytesToHex(result.execResult.returnValue);
  const error = result.execResult.exceptionError!.error;
  if (error === "revert") return new ExecutionRevertedError("The execution reverted.", data);
  return new ExecutionRevertedError("The execution failed.", data, { details: error });
}
