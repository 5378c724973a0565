import { getAddress, isAddress, isHex, recoverTypedDataAddress, type Address, type Hex } from "viem";
import { viewingKeyDomain, viewingKeyTypes } from "@obscuro/sdk";
import { RegistrationError } from "./errors.ts";
import type { GatewayMetrics } from "./metrics.ts";
import type { VerifiedNetwork } from "./node/network.ts";
import type { GatewayUser, UserStore } from "./store/UserStore.ts";

/**
 * The EIP-712 statement an account signs to let a token's viewing key read its private data
 * (`eth_signTypedData_v4` form, `EIP712Domain` included): the domain is the L2 chain, the message
 * names the viewing key and the network key, so a signature holds for this key on this network only.
 */
export function viewingKeyTypedData(network: VerifiedNetwork, viewingKey: Address) {
  const domain = viewingKeyDomain(network.l2ChainId);
  return {
    types: {
      EIP712Domain: [
        { name: "name", type: "string" },
        { name: "version", type: "string" },
        { name: "chainId", type: "uint256" },
      ],
      ...viewingKeyTypes,
    },
    primaryType: "ViewingKey" as const,
    domain: { name: domain.name, version: domain.version, chainId: Number(domain.chainId) },
    message: { viewingKey, networkKey: network.networkKey },
  };
}

/**
 * Viewing-key registration as TEN's gateway does it: `join` gives a token (the user holds it; the
 * gateway keeps only its hash and a fresh viewing key sealed at rest), `authenticate` takes an
 * account's EIP-712 signature over that token's viewing key, checks that it recovers to the
 * account, and adds the account to the token. Several accounts per token.
 */
export class Registration {
  readonly #store: UserStore;
  readonly #network: VerifiedNetwork;
  readonly #metrics: GatewayMetrics;
  readonly #maxAccounts: number;

  constructor(options: { store: UserStore; network: VerifiedNetwork; metrics: GatewayMetrics; maxAccounts: number }) {
    this.#store = options.store;
    this.#network = options.network;
    this.#metrics = options.metrics;
    this.#maxAccounts = options.maxAccounts;
    this.#updateGauges();
  }

  join(): string {
    const { token } = this.#store.createUser();
    this.#metrics.registrations.inc({ step: "join", outcome: "ok" });
    this.#updateGauges();
    return token;
  }

  /** @throws {RegistrationError} (404) for an unknown token. */
  message(token: string) {
    return viewingKeyTypedData(this.#network, this.#user(token).viewingKey.address);
  }

  /**
   * Adds `address` to the token's accounts once its signature checks.
   * @throws {RegistrationError} 400 for malformed input, 404 for an unknown token, 401 for a
   *   signature that is not this account's over this token's viewing key, 403 past the account limit.
   */
  async authenticate(
    token: string,
    body: { address?: unknown; signature?: unknown },
  ): Promise<"success" | "account already exists"> {
    try {
      const user = this.#user(token);
      if (typeof body.address !== "string" || !isAddress(body.address, { strict: false }))
        throw new RegistrationError("The request needs the account's address.", 400);
      if (typeof body.signature !== "string" || !isHex(body.signature) || body.signature.length !== 132)
        throw new RegistrationError("The request needs the account's 65-byte EIP-712 signature.", 400);
      const address = getAddress(body.address);
      const signature = body.signature as Hex;
      let signer: Address;
      try {
        signer = await recoverTypedDataAddress({
          domain: viewingKeyDomain(this.#network.l2ChainId),
          types: viewingKeyTypes,
          primaryType: "ViewingKey",
          message: { viewingKey: user.viewingKey.address, networkKey: this.#network.networkKey },
          signature,
        });
      } catch {
        throw new RegistrationError("The signature does not recover.", 401);
      }
      if (signer !== address) {
        throw new RegistrationError(
          "The signature is not this account's authorization of this token's viewing key.",
          401,
        );
      }
      const existing = user.accounts.find((a) => a.address === address);
      if (existing?.signature === signature) {
        this.#metrics.registrations.inc({ step: "authenticate", outcome: "exists" });
        return "account already exists";
      }
      if (!existing && user.accounts.length >= this.#maxAccounts)
        throw new RegistrationError(`A token holds at most ${this.#maxAccounts} accounts.`, 403);
      this.#store.addAccount(user, { address, signature });
      this.#metrics.registrations.inc({ step: "authenticate", outcome: "ok" });
      this.#updateGauges();
      return existing ? "account already exists" : "success";
    } catch (error) {
      if (error instanceof RegistrationError)
        this.#metrics.registrations.inc({ step: "authenticate", outcome: String(error.status) });
      throw error;
    }
  }

  /** Whether `address` is one of the token's accounts. */
  query(token: string, address: unknown): boolean {
    const user = this.#user(token);
    if (typeof address !== "string" || !isAddress(address, { strict: false }))
      throw new RegistrationError("The query needs an address (a=0x…).", 400);
    return user.accounts.some((a) => a.address === getAddress(address));
  }

  /** Forgets the token: its viewing key and accounts. */
  revoke(token: string): void {
    if (!this.#store.deleteUser(token)) throw new RegistrationError("Unknown token.", 404);
    this.#metrics.registrations.inc({ step: "revoke", outcome: "ok" });
    this.#updateGauges();
  }

  #user(token: string): GatewayUser {
    const user = /^[0-9a-fA-F]{40}$/.test(token) ? this.#store.getUser(token) : undefined;
    if (!user) throw new RegistrationError("Unknown token: get one at /v1/join.", 404);
    return user;
  }

  #updateGauges(): void {
    const { users, accounts } = this.#store.counts();
    this.#metrics.users.set(users);
    this.#metrics.accounts.set(accounts);
  }
}
