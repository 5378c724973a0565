import {
  TransactionReceiptNotFoundError,
  type Client,
  type Hex,
  type Transport,
  type Chain,
  type TransactionReceipt,
} from "viem";
import { getTransaction, getTransactionCount, getTransactionReceipt } from "viem/actions";

/**
 * How long the harness waits for a receipt. anvil mines a transaction in milliseconds; a receipt
 * missing after this long will not come.
 */
export const RECEIPT_TIMEOUT_MS = 60_000;

/** How long anvil may take to drop a mined transaction from its pool. */
export const POOL_TIMEOUT_MS = 10_000;

type AnyClient = Client<Transport, Chain | undefined>;

/** A wait of the harness that gave up; its message names the scenario and the cause. */
export class GasWaitTimeoutError extends Error {
  override name = "GasWaitTimeoutError";
}

/** An RPC method of anvil's that viem has no action for. */
function rpc<T>(client: AnyClient, method: string, params: unknown[] = []): Promise<T> {
  const request = client.request as unknown as (args: { method: string; params: unknown[] }) => Promise<T>;
  return request({ method, params });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way the gas harness waits for a transaction: asks anvil for the receipt until it is
 * there or `timeoutMs` has passed, then throws a {@link GasWaitTimeoutError} naming the scenario,
 * the transaction and what anvil says about it. It does not watch block numbers (they go back at
 * every revert) and keeps no state between calls.
 */
export async function waitForReceipt(
  client: AnyClient,
  hash: Hex,
  scenario: string,
  timeoutMs = RECEIPT_TIMEOUT_MS,
): Promise<TransactionReceipt> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      return await getTransactionReceipt(client, { hash });
    } catch (error) {
      if (!(error instanceof TransactionReceiptNotFoundError)) lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(5 * 2 ** attempt, 200));
  }
  const cause = await explainMissingReceipt(client, hash).catch(
    (error: unknown) => `anvil does not answer (${(error as Error).message.split("\n")[0]})`,
  );
  const rpcError = lastError ? ` (last RPC error: ${(lastError as Error).message.split("\n")[0]})` : "";
  throw new GasWaitTimeoutError(
    `gas scenario ${scenario}: no receipt for transaction ${hash} after ${timeoutMs / 1000} s: ${cause}${rpcError}`,
  );
}

/** Why anvil has no receipt for `hash`, in its own terms. */
async function explainMissingReceipt(client: AnyClient, hash: Hex): Promise<string> {
  const transaction = await getTransaction(client, { hash }).catch(() => undefined);
  if (!transaction) {
    return (
      "anvil no longer knows the transaction: it was dropped from the pool as invalid when a block was built " +
      "(for instance a nonce ahead of the account's) or removed by a revert"
    );
  }
  if (transaction.blockNumber !== null) {
    return `it is in block ${transaction.blockNumber} but anvil returns no receipt for it`;
  }
  const [nonce, automine] = await Promise.all([
    getTransactionCount(client, { address: transaction.from }),
    rpc<boolean>(client, "anvil_getAutomine").catch(() => undefined),
  ]);
  if (transaction.nonce > nonce) {
    return (
      `it waits in anvil's pool with nonce ${transaction.nonce} while ${transaction.from} is at nonce ${nonce}; ` +
      "likely its nonce was filled from anvil's pending state while the pool still held a transaction from before a " +
      "revert (see waitForEmptyPool)"
    );
  }
  if (transaction.nonce < nonce)
    return `its nonce ${transaction.nonce} is already used (${transaction.from} is at ${nonce})`;
  if (automine === false) return "it is in anvil's pool and automine is off (a scenario left it off)";
  return "it is in anvil's pool, ready, but anvil has not mined it";
}

interface TxpoolContent {
  pending: Record<string, Record<string, { hash: Hex }>>;
  queued: Record<string, Record<string, { hash: Hex }>>;
}

/**
 * Waits until anvil's transaction pool is empty. anvil serves a receipt as soon as the block is
 * stored but drops the mined transaction from its pool a little later, when its node service
 * handles the block; and `eth_fillTransaction` (which viem uses to fill a transaction) takes the
 * nonce from the pool: the highest pooled nonce of the sender + 1. A revert in that window leaves
 * the measured transaction of a scenario in the pool, and the next scenario's first transaction
 * is signed with a nonce after it, which the reverted chain can never mine. So the harness
 * reverts only once the pool is empty.
 * @throws {GasWaitTimeoutError} naming the scenario and the pooled transactions if it does not empty.
 */
export async function waitForEmptyPool(
  client: AnyClient,
  scenario: string,
  timeoutMs = POOL_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const status = await rpc<{ pending: Hex; queued: Hex }>(client, "txpool_status");
    if (BigInt(status.pending) === 0n && BigInt(status.queued) === 0n) return;
    if (Date.now() >= deadline) break;
    await sleep(Math.min(5 * 2 ** attempt, 200));
  }
  const content = await rpc<TxpoolContent>(client, "txpool_content");
  const pooled = (["pending", "queued"] as const).flatMap((kind) =>
    Object.entries(content[kind]).flatMap(([from, byNonce]) =>
      Object.entries(byNonce).map(([nonce, tx]) => `${tx.hash} (${kind}, ${from} nonce ${nonce})`),
    ),
  );
  throw new GasWaitTimeoutError(
    `gas scenario ${scenario}: anvil's pool still holds ${pooled.length} transaction(s) after ${timeoutMs / 1000} s: ` +
      `${pooled.join(", ")}. A scenario must leave every transaction it sends mined: after the revert their nonces ` +
      "would be given to the next scenario's transactions, which could never be mined.",
  );
}
