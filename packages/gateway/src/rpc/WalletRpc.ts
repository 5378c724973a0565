import { randomBytes } from "node:crypto";
import {
  getAddress,
  keccak256,
  parseTransaction,
  recoverTransactionAddress,
  toHex,
  type Address,
  type Hex,
  type TransactionSerialized,
} from "viem";
import type { Logger } from "pino";
import { decryptPrivateResponse, encryptPrivateRequest, encryptTransaction } from "@obscuro/sdk";
import { JsonRpcError, NodeUnreachableError, RpcCode } from "../errors.ts";
import type { GatewayMetrics } from "../metrics.ts";
import type { NodeClient } from "../node/NodeClient.ts";
import type { VerifiedNetwork } from "../node/network.ts";
import type { GatewayUser, UserAccount } from "../store/UserStore.ts";
import type { HeadWatcher } from "./HeadWatcher.ts";
import { addressParam, bytesParam, hashParam, logFilterParam, objectParam, type LogFilter } from "./params.ts";

export const GATEWAY_VERSION = "obscuro-gateway/0.1.0";

/** Who asks: the token's user (if a token was given and is known), and the connection for subscriptions. */
export interface Session {
  user: GatewayUser | undefined;
  /** A token was given but is unknown (revoked, or never issued). */
  unknownToken: boolean;
  /** Where subscription notifications go (WebSocket connections only). */
  sink?: SubscriptionSink | undefined;
}

/** A WebSocket connection's side of subscriptions. */
export interface SubscriptionSink {
  notify(subscription: Hex, result: unknown): void;
  /** Called with a function to run when the connection closes. */
  onClose(cleanup: () => void): void;
}

/** Public methods: the node answers them without a viewing key. */
const FORWARDED_PUBLIC = new Set([
  "eth_blockNumber",
  "eth_getBlockByNumber",
  "eth_getBlockByHash",
  "eth_getCode",
  "eth_gasPrice",
  "eth_maxPriorityFeePerGas",
  "eth_feeHistory",
  "eth_syncing",
]);

/** Why the node refused a transaction, in the words Ethereum clients (and so viem and ethers) recognise. */
const REFUSAL_MESSAGES: Record<string, string> = {
  NONCE_TOO_LOW: "nonce too low",
  NONCE_TOO_HIGH: "nonce too high",
  INSUFFICIENT_FUNDS: "insufficient funds for gas * price + value",
  FEE_CAP_TOO_LOW: "max fee per gas less than block base fee",
  INTRINSIC_GAS_TOO_LOW: "intrinsic gas too low",
  GAS_LIMIT_TOO_HIGH: "exceeds block gas limit",
  WRONG_CHAIN_ID: "invalid chain id for signer",
  REPLACEMENT_UNDERPRICED: "replacement transaction underpriced",
  POOL_FULL: "txpool is full",
  INVALID_SIGNATURE: "invalid transaction signature",
  REPLAY_UNPROTECTED: "only replay-protected (EIP-155) transactions allowed",
  UNSUPPORTED_TYPE: "transaction type not supported",
  INIT_CODE_TOO_LARGE: "max initcode size exceeded",
  SENDER_NOT_EOA: "sender not an eoa",
  TOO_LARGE: "oversized data",
  MALFORMED: "invalid transaction",
};

interface Filter {
  kind: "block" | "logs";
  /** Whose filter it is: the user's id, or "" for a block filter made without a token. */
  owner: string;
  /** The next block the filter has not reported yet. */
  next: bigint;
  filter?: LogFilter | undefined;
  lastPolled: number;
}

/**
 * The gateway's standard Ethereum JSON-RPC, for one request at a time: public reads go to the node
 * as they are; raw transactions are encrypted to the network key; reads of private data become
 * private requests signed by the token's viewing key for the account they are about, encrypted to
 * the network key, and their answers are decrypted. Which account a private read is for: the
 * address it names (`eth_getBalance`, `eth_getTransactionCount`), the call's `from` (`eth_call`,
 * `eth_estimateGas`; the token's first account when absent), every account of the token (receipts,
 * transactions, logs). An address that is not one of the token's accounts is refused (4100).
 */
export class WalletRpc {
  readonly #node: NodeClient;
  readonly #network: VerifiedNetwork;
  readonly #log: Logger;
  readonly #metrics: GatewayMetrics;
  readonly #heads: HeadWatcher;
  readonly #filters = new Map<Hex, Filter>();
  readonly #filterTimeoutMs: number;
  readonly #maxBlocksPerPoll: number;
  /** Who sent the transactions that came through here (hash → sender): whose viewing key to ask for the receipt first. */
  readonly #senders = new Map<Hex, Address>();
  #filterSweep: NodeJS.Timeout | undefined;

  constructor(options: {
    node: NodeClient;
    network: VerifiedNetwork;
    logger: Logger;
    metrics: GatewayMetrics;
    heads: HeadWatcher;
    filterTimeoutMs: number;
    maxBlocksPerPoll: number;
  }) {
    this.#node = options.node;
    this.#network = options.network;
    this.#log = options.logger.child({ module: "rpc" });
    this.#metrics = options.metrics;
    this.#heads = options.heads;
    this.#filterTimeoutMs = options.filterTimeoutMs;
    this.#maxBlocksPerPoll = options.maxBlocksPerPoll;
    this.#filterSweep = setInterval(() => this.#sweepFilters(), Math.min(60_000, options.filterTimeoutMs)).unref();
  }

  close(): void {
    clearInterval(this.#filterSweep);
    this.#filterSweep = undefined;
    this.#filters.clear();
  }

  /** Answers one JSON-RPC request object (not a batch): always a response object, never a throw. */
  async answer(session: Session, item: unknown, transport: "http" | "ws"): Promise<Record<string, unknown>> {
    const started = performance.now();
    const { id = null, method, params = [] } = (item ?? {}) as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof method !== "string" || !Array.isArray(params)) {
      this.#metrics.requests.inc({ method: "invalid", outcome: String(RpcCode.InvalidRequest), transport });
      return failure(id, RpcCode.InvalidRequest, "invalid request");
    }
    const label = method.length <= 64 && /^[a-z0-9]+_[A-Za-z0-9]+$/.test(method) ? method : "unknown";
    try {
      const result = await this.dispatch(session, method, params);
      this.#metrics.requests.inc({ method: label, outcome: "ok", transport });
      return { jsonrpc: "2.0", id, result };
    } catch (error) {
      const rpcError = this.#toRpcError(error, method);
      this.#metrics.requests.inc({ method: label, outcome: String(rpcError.rpcCode), transport });
      return failure(id, rpcError.rpcCode, rpcError.message, rpcError.data);
    } finally {
      this.#metrics.requestSeconds.observe({ method: label }, (performance.now() - started) / 1000);
    }
  }

  /** Runs one method. @throws {JsonRpcError} */
  async dispatch(session: Session, method: string, params: unknown[]): Promise<unknown> {
    if (FORWARDED_PUBLIC.has(method)) return this.#node.call(method, params);
    switch (method) {
      case "eth_chainId":
        return toHex(this.#network.l2ChainId);
      case "net_version":
        return this.#network.l2ChainId.toString();
      case "net_listening":
        return true;
      case "web3_clientVersion":
        return GATEWAY_VERSION;
      case "web3_sha3":
        return keccak256(bytesParam(params[0]));
      case "eth_accounts":
        // the gateway holds no signing keys: wallets sign locally and send raw transactions
        return [];
      case "obscuro_getNetwork":
        return {
          ...this.#network,
          l2ChainId: toHex(this.#network.l2ChainId),
        };
      case "eth_sendRawTransaction":
        return this.#sendRawTransaction(params);
      case "eth_sendTransaction":
        throw new JsonRpcError(
          RpcCode.MethodNotFound,
          "eth_sendTransaction is not available: the gateway holds no keys; sign locally and use eth_sendRawTransaction",
        );
      case "eth_getBalance":
      case "eth_getTransactionCount": {
        const account = this.#account(session, addressParam(params[0]));
        return this.#private(session.user!, account, method, [account.address, params[1] ?? "latest"]);
      }
      case "eth_call":
      case "eth_estimateGas": {
        const call = objectParam(params[0], "call");
        const account =
          call.from === undefined || call.from === null
            ? this.#defaultAccount(session)
            : this.#account(session, addressParam(call.from, "from"));
        return this.#private(session.user!, account, method, [
          { ...call, from: account.address },
          ...params.slice(1, 2),
        ]);
      }
      case "eth_getStorageAt":
        // the enclave refuses every storage read (storage is how contracts keep private data);
        // asked as the token's account so that the refusal is the enclave's own
        return this.#private(session.user!, this.#defaultAccount(session), method, params.slice(0, 3));
      case "eth_getTransactionReceipt":
      case "eth_getTransactionByHash":
        return this.#byHash(session, method, hashParam(params[0], "transaction hash"));
      case "eth_getLogs":
        return this.#logs(session, logFilterParam(params[0]));
      case "eth_newBlockFilter":
        return this.#newFilter({ kind: "block", owner: session.user?.id ?? "" });
      case "eth_newFilter": {
        const filter = logFilterParam(params[0]);
        this.#defaultAccount(session);
        return this.#newFilter({ kind: "logs", owner: session.user!.id, filter });
      }
      case "eth_newPendingTransactionFilter":
        throw new JsonRpcError(
          RpcCode.MethodNotFound,
          "eth_newPendingTransactionFilter is not available: pending transactions are private",
        );
      case "eth_getFilterChanges":
        return this.#filterChanges(session, params[0]);
      case "eth_getFilterLogs":
        return this.#filterLogs(session, params[0]);
      case "eth_uninstallFilter":
        return this.#uninstallFilter(session, params[0]);
      case "eth_subscribe":
        return this.#subscribe(session, params);
      case "eth_unsubscribe":
        return this.#unsubscribe(session, params[0]);
      case "obscuro_getWithdrawals":
        return this.#private(session.user!, this.#optionalAccount(session, params[0]), method, []);
      case "obscuro_getWithdrawalProof":
        return this.#private(session.user!, this.#optionalAccount(session, params[2]), method, [
          hashParam(params[0], "rollup hash"),
          params[1],
        ]);
      case "obscuro_getBalanceProof":
        return this.#private(session.user!, this.#optionalAccount(session, params[1]), method, [
          objectParam(params[0], "balance query"),
        ]);
      default:
        throw new JsonRpcError(RpcCode.MethodNotFound, `the method ${method} does not exist/is not available`);
    }
  }

  // ─────────────────────────────────────────────────────────────── accounts

  /** The token's account `address`, or a refusal (no token, unknown token, not one of its accounts). */
  #account(session: Session, address: Address): UserAccount {
    const user = this.#authenticated(session);
    const account = user.accounts.find((a) => a.address === address);
    if (!account)
      throw new JsonRpcError(RpcCode.Unauthorized, `unauthorized: ${address} is not an account of this gateway token`);
    return account;
  }

  /** The token's first account: what a call without `from` runs as. */
  #defaultAccount(session: Session): UserAccount {
    return this.#authenticated(session).accounts[0]!;
  }

  #optionalAccount(session: Session, value: unknown): UserAccount {
    return value === undefined || value === null
      ? this.#defaultAccount(session)
      : this.#account(session, addressParam(value));
  }

  #authenticated(session: Session): GatewayUser {
    if (session.unknownToken)
      throw new JsonRpcError(
        RpcCode.Unauthorized,
        "unauthorized: unknown gateway token (revoked or never issued); get one at /v1/join",
      );
    if (!session.user || session.user.accounts.length === 0)
      throw new JsonRpcError(
        RpcCode.Unauthorized,
        "unauthorized: this method reads private data and needs an authenticated account; " +
          "register one (/v1/join, /v1/authenticate) and use the token's URL",
      );
    return session.user;
  }

  // ─────────────────────────────────────────────────────────────── private requests

  /** A private request for `account`, signed by the user's viewing key, encrypted both ways. */
  async #private(user: GatewayUser, account: UserAccount, method: string, params: unknown[]): Promise<unknown> {
    this.#metrics.privateRequests.inc({ method });
    const { encrypted } = await encryptPrivateRequest({
      networkPublicKey: this.#network.networkPublicKey,
      viewingKey: user.viewingKey,
      authorization: { account: account.address, viewingKey: user.viewingKey.address, signature: account.signature },
      method,
      params,
    });
    const answer = await this.#node.call<{ encrypted: Hex }>("obscuro_privateRequest", [encrypted]);
    const response = decryptPrivateResponse(bytesParam(answer?.encrypted, "answer"), user.viewingKey.privateKey);
    if ("error" in response) {
      throw new JsonRpcError(response.error.code, response.error.message, (response.error as { data?: unknown }).data);
    }
    return response.result;
  }

  /** A receipt or transaction: asked as the account that sent it through here first, then as each other account. */
  async #byHash(session: Session, method: string, hash: Hex): Promise<unknown> {
    const user = this.#authenticated(session);
    const sender = this.#senders.get(hash);
    const accounts = [...user.accounts].sort((a, b) => Number(b.address === sender) - Number(a.address === sender));
    for (const account of accounts) {
      const answer = await this.#private(user, account, method, [hash]);
      if (answer !== null && answer !== undefined) return answer;
    }
    return null;
  }

  /** Logs naming any of the token's accounts, each asked with that account's key, merged in chain order. */
  async #logs(session: Session, filter: LogFilter): Promise<Record<string, unknown>[]> {
    const user = this.#authenticated(session);
    const answers = await Promise.all(
      user.accounts.map((account) => this.#private(user, account, "eth_getLogs", [filter]) as Promise<unknown[]>),
    );
    const seen = new Map<string, Record<string, unknown>>();
    for (const log of answers.flat() as Record<string, unknown>[]) {
      seen.set(`${String(log.blockHash)}:${String(log.logIndex)}`, log);
    }
    return [...seen.values()].sort(
      (a, b) =>
        Number(BigInt(a.blockNumber as string) - BigInt(b.blockNumber as string)) ||
        Number(BigInt(a.logIndex as string) - BigInt(b.logIndex as string)),
    );
  }

  // ─────────────────────────────────────────────────────────────── transactions

  async #sendRawTransaction(params: unknown[]): Promise<Hex> {
    const raw = bytesParam(params[0], "raw transaction");
    let sender: Address;
    let chainId: number | undefined;
    try {
      chainId = parseTransaction(raw).chainId;
      sender = await recoverTransactionAddress({ serializedTransaction: raw as TransactionSerialized });
    } catch {
      this.#metrics.transactions.inc({ outcome: "MALFORMED" });
      throw new JsonRpcError(RpcCode.InvalidParams, "invalid raw transaction: not a signed transaction");
    }
    if (chainId !== undefined && BigInt(chainId) !== this.#network.l2ChainId) {
      this.#metrics.transactions.inc({ outcome: "WRONG_CHAIN_ID" });
      throw new JsonRpcError(RpcCode.Server, REFUSAL_MESSAGES.WRONG_CHAIN_ID!, "WRONG_CHAIN_ID");
    }
    try {
      const { hash } = await this.#node.call<{ hash: Hex }>("obscuro_sendTransaction", [
        encryptTransaction(raw, this.#network.networkPublicKey),
      ]);
      this.#metrics.transactions.inc({ outcome: "accepted" });
      this.#rememberSender(hash, getAddress(sender));
      return hash;
    } catch (error) {
      if (error instanceof JsonRpcError && error.rpcCode === RpcCode.Server && typeof error.data === "string") {
        this.#metrics.transactions.inc({ outcome: error.data });
        throw new JsonRpcError(
          RpcCode.Server,
          REFUSAL_MESSAGES[error.data] ?? `transaction refused: ${error.data}`,
          error.data,
        );
      }
      throw error;
    }
  }

  #rememberSender(hash: Hex, sender: Address): void {
    this.#senders.set(hash, sender);
    if (this.#senders.size > 10_000) this.#senders.delete(this.#senders.keys().next().value!);
  }

  // ─────────────────────────────────────────────────────────────── filters (polled over HTTP)

  async #newFilter(filter: Omit<Filter, "next" | "lastPolled">): Promise<Hex> {
    const head = BigInt(await this.#node.call<string>("eth_blockNumber"));
    const id = toHex(randomBytes(16));
    this.#filters.set(id, { ...filter, next: head + 1n, lastPolled: Date.now() });
    this.#metrics.subscriptions.set({ kind: "filter" }, this.#filters.size);
    return id;
  }

  /** A filter of this session's user (a block filter made without a token: anyone with its id). */
  #filterOf(session: Session, value: unknown): [Hex, Filter] {
    const id = (typeof value === "string" ? value.toLowerCase() : "") as Hex;
    const filter = this.#filters.get(id);
    // another user's filter is "not found", as an unknown one: ids say nothing about other users
    if (!filter || (filter.owner !== "" && filter.owner !== session.user?.id))
      throw new JsonRpcError(RpcCode.Server, "filter not found");
    return [id, filter];
  }

  async #filterChanges(session: Session, value: unknown): Promise<unknown[]> {
    const [, filter] = this.#filterOf(session, value);
    filter.lastPolled = Date.now();
    const head = BigInt(await this.#node.call<string>("eth_blockNumber"));
    if (head < filter.next) return [];
    const from = filter.next;
    const limit = from + BigInt(this.#maxBlocksPerPoll) - 1n;
    const to = head < limit ? head : limit;
    const range = filter.kind === "logs" ? this.#rangeOf(filter.filter!, from, to) : undefined;
    const changes =
      filter.kind === "block"
        ? (await this.#blocks(from, to)).map((b) => b.hash)
        : range
          ? await this.#logs(session, range)
          : [];
    filter.next = to + 1n;
    return changes;
  }

  async #filterLogs(session: Session, value: unknown): Promise<unknown[]> {
    const [, filter] = this.#filterOf(session, value);
    if (filter.kind !== "logs") throw new JsonRpcError(RpcCode.Server, "filter not found");
    filter.lastPolled = Date.now();
    return this.#logs(session, filter.filter!);
  }

  #uninstallFilter(session: Session, value: unknown): boolean {
    try {
      const [id] = this.#filterOf(session, value);
      this.#filters.delete(id);
      this.#metrics.subscriptions.set({ kind: "filter" }, this.#filters.size);
      return true;
    } catch {
      return false;
    }
  }

  #sweepFilters(): void {
    const cutoff = Date.now() - this.#filterTimeoutMs;
    for (const [id, filter] of this.#filters) if (filter.lastPolled < cutoff) this.#filters.delete(id);
    this.#metrics.subscriptions.set({ kind: "filter" }, this.#filters.size);
  }

  /** A filter's range narrowed to `from`–`to` (within the filter's own `fromBlock`/`toBlock`). */
  #rangeOf(filter: LogFilter, from: bigint, to: bigint): LogFilter | undefined {
    const { blockHash: _ignored, fromBlock, toBlock, ...rest } = filter;
    const bound = (value: unknown, fallback: bigint): bigint =>
      typeof value === "string" && value.startsWith("0x")
        ? BigInt(value)
        : typeof value === "number"
          ? BigInt(value)
          : fallback;
    const lower = bound(fromBlock, from);
    const upper = bound(toBlock, to);
    const start = lower > from ? lower : from;
    const end = upper < to ? upper : to;
    return end < start ? undefined : { ...rest, fromBlock: toHex(start), toBlock: toHex(end) };
  }

  async #blocks(from: bigint, to: bigint): Promise<{ hash: Hex; [key: string]: unknown }[]> {
    const numbers: bigint[] = [];
    for (let n = from; n <= to; n++) numbers.push(n);
    const blocks = await Promise.all(
      numbers.map((n) => this.#node.call<{ hash: Hex } | null>("eth_getBlockByNumber", [toHex(n), false])),
    );
    return blocks.filter((b): b is { hash: Hex } => b !== null);
  }

  // ─────────────────────────────────────────────────────────────── subscriptions (WebSocket)

  readonly #subscriptions = new Map<Hex, { owner: SubscriptionSink; stop: () => void }>();

  async #subscribe(session: Session, params: unknown[]): Promise<Hex> {
    const sink = session.sink;
    if (!sink)
      throw new JsonRpcError(
        RpcCode.MethodNotFound,
        "notifications not supported: subscribe over the WebSocket endpoint",
      );
    const kind = params[0];
    const id = toHex(randomBytes(16));
    let stop: () => void;
    if (kind === "newHeads") {
      stop = await this.#heads.listen(async ({ from, to }) => {
        const last = to - from + 1n > BigInt(this.#maxBlocksPerPoll) ? to - BigInt(this.#maxBlocksPerPoll) + 1n : from;
        for (const block of await this.#blocks(last, to)) sink.notify(id, block);
      });
    } else if (kind === "logs") {
      const filter = logFilterParam(params[1]);
      this.#defaultAccount(session);
      stop = await this.#heads.listen(async ({ from, to }) => {
        const range = this.#rangeOf(filter, from, to);
        if (range) for (const log of await this.#logs(session, range)) sink.notify(id, log);
      });
    } else if (kind === "newPendingTransactions") {
      throw new JsonRpcError(
        RpcCode.InvalidParams,
        "newPendingTransactions is not available: pending transactions are private",
      );
    } else {
      throw new JsonRpcError(RpcCode.InvalidParams, `unsupported subscription: ${String(kind)}`);
    }
    this.#subscriptions.set(id, { owner: sink, stop });
    this.#metrics.subscriptions.set({ kind: "subscription" }, this.#subscriptions.size);
    sink.onClose(() => this.#dropSubscription(id));
    return id;
  }

  #unsubscribe(session: Session, value: unknown): boolean {
    const id = (typeof value === "string" ? value.toLowerCase() : "") as Hex;
    const subscription = this.#subscriptions.get(id);
    if (!subscription || subscription.owner !== session.sink) return false;
    this.#dropSubscription(id);
    return true;
  }

  #dropSubscription(id: Hex): void {
    const subscription = this.#subscriptions.get(id);
    if (!subscription) return;
    subscription.stop();
    this.#subscriptions.delete(id);
    this.#metrics.subscriptions.set({ kind: "subscription" }, this.#subscriptions.size);
  }

  // ─────────────────────────────────────────────────────────────── errors

  #toRpcError(error: unknown, method: string): JsonRpcError {
    if (error instanceof JsonRpcError) return error;
    if (error instanceof NodeUnreachableError) {
      this.#log.warn({ method, err: error.shortMessage }, "node unreachable");
      return new JsonRpcError(RpcCode.ResourceUnavailable, "the Obscuro node is unreachable");
    }
    this.#log.error({ method, err: error }, "request failed");
    return new JsonRpcError(RpcCode.Internal, "internal error");
  }
}

export function failure(id: unknown, code: number, message: string, data?: unknown): Record<string, unknown> {
  return { jsonrpc: "2.0", id, error: { code, message, ...(data === undefined ? {} : { data }) } };
}
