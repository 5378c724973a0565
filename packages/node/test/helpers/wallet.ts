import type { Address, Hex, LocalAccount } from "viem";
import {
  authorizeViewingKey,
  createViewingKey,
  decryptPrivateResponse,
  encryptPrivateRequest,
  encryptTransaction,
  L2_CHAIN_ID,
  type ViewingKey,
  type ViewingKeyAuthorization,
} from "@obscuro/sdk";
import type { RpcClient, EnclaveProtocol } from "@obscuro/enclave/rpc";

/** A JSON-RPC error the enclave answered with (inside the encrypted answer). */
export class WalletRpcError extends Error {
  readonly rpcCode: number;
  readonly data: Hex | undefined;
  constructor(code: number, message: string, data?: Hex) {
    super(message);
    this.rpcCode = code;
    this.data = data;
  }
}

/**
 * What a user's gateway does, reduced to what tests need: a viewing key authorized by the account,
 * private requests signed and encrypted to the network key, answers decrypted; transactions
 * encrypted to the network key.
 */
export class TestWallet {
  readonly account: LocalAccount;
  readonly #rpc: RpcClient<EnclaveProtocol>;
  #session: { viewingKey: ViewingKey; authorization: ViewingKeyAuthorization; networkPublicKey: Hex } | undefined;

  constructor(account: LocalAccount, rpc: RpcClient<EnclaveProtocol>) {
    this.account = account;
    this.#rpc = rpc;
  }

  get address(): Address {
    return this.account.address;
  }

  async #open() {
    if (this.#session) return this.#session;
    const status = await this.#rpc.call("getStatus", {});
    if (!status.networkKey || !status.networkPublicKey) throw new Error("the enclave has no network key yet");
    const viewingKey = createViewingKey();
    const authorization = await authorizeViewingKey({
      account: this.account,
      viewingKey: viewingKey.address,
      networkKey: status.networkKey,
      l2ChainId: L2_CHAIN_ID,
    });
    this.#session = { viewingKey, authorization, networkPublicKey: status.networkPublicKey };
    return this.#session;
  }

  /** A private request answered by the enclave for this account. */
  async request<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const session = await this.#open();
    const { encrypted } = await encryptPrivateRequest({ ...session, method, params });
    const answer = await this.#rpc.call("privateRequest", { encrypted });
    const response = decryptPrivateResponse(answer.encrypted, session.viewingKey.privateKey);
    if ("error" in response)
      throw new WalletRpcError(response.error.code, response.error.message, (response.error as { data?: Hex }).data);
    return response.result as T;
  }

  async balance(): Promise<bigint> {
    return BigInt(await this.request<Hex>("eth_getBalance", [this.address, "latest"]));
  }

  async nonce(): Promise<number> {
    return Number(BigInt(await this.request<Hex>("eth_getTransactionCount", [this.address, "latest"])));
  }

  /** Signs an L2 transaction, encrypts it to the network key and submits it; returns its hash. */
  async send(transaction: {
    to?: Address | null;
    value?: bigint;
    data?: Hex;
    gas?: bigint;
    nonce?: number;
  }): Promise<Hex> {
    const session = await this.#open();
    const raw = await this.account.signTransaction({
      chainId: Number(L2_CHAIN_ID),
      type: "eip1559",
      nonce: transaction.nonce ?? (await this.nonce()),
      to: transaction.to ?? null,
      value: transaction.value ?? 0n,
      data: transaction.data ?? "0x",
      gas: transaction.gas ?? 1_000_000n,
      maxFeePerGas: 5_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
    });
    const result = await this.#rpc.call("submitTransaction", {
      encrypted: encryptTransaction(raw, session.networkPublicKey),
    });
    if (!result.accepted) throw new Error(`transaction refused: ${result.reason}`);
    return result.hash;
  }
}
