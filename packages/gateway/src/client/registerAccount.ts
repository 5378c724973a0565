import type { LocalAccount } from "viem";
import { BaseError } from "@obscuro/sdk";

/** A registration step the gateway refused, or a gateway that cannot be reached. */
export class GatewayRegistrationError extends BaseError {
  readonly code = "GATEWAY_REGISTRATION_FAILED";
  /** The HTTP status, when the gateway answered. */
  readonly status: number | undefined;
  constructor(shortMessage: string, parameters: { status?: number; details?: string; cause?: unknown } = {}) {
    super(shortMessage, parameters);
    this.status = parameters.status;
  }
}

export interface RegisterAccountParameters {
  /** The gateway's base URL (`http://127.0.0.1:3000`), or a token URL (`…/v1/?token=…`) to add the account to that token. */
  gatewayUrl: string;
  /** The account to authenticate: it signs the EIP-712 authorization of the token's viewing key. */
  account: LocalAccount;
}

export interface RegisterAccountReturnType {
  token: string;
  /** The token's JSON-RPC URL: what viem, ethers, Hardhat or a wallet is pointed at. */
  url: string;
  /** The same over WebSocket. */
  wsUrl: string;
}

/**
 * Registers an account with a gateway, as a wallet's "connect" does: `join` for a token (unless
 * the URL carries one), `getmessage` for the EIP-712 statement naming the token's viewing key,
 * the account's signature of it, and `authenticate`.
 * @throws {GatewayRegistrationError} when the gateway refuses a step or cannot be reached.
 * @example
 * const { url } = await registerAccount({ gatewayUrl: "http://127.0.0.1:3000", account: privateKeyToAccount(key) });
 * const client = createPublicClient({ transport: http(url) });
 */
export async function registerAccount({
  gatewayUrl,
  account,
}: RegisterAccountParameters): Promise<RegisterAccountReturnType> {
  const base = new URL(gatewayUrl);
  const origin = `${base.protocol}//${base.host}`;
  const token = base.searchParams.get("token") ?? (await call(`${origin}/v1/join`, { method: "POST" })).trim();
  const { message } = JSON.parse(await call(`${origin}/v1/getmessage?token=${token}`, { method: "GET" })) as {
    message: {
      domain: { name: string; version: string; chainId: number };
      types: Record<string, { name: string; type: string }[]>;
      primaryType: "ViewingKey";
      message: { viewingKey: `0x${string}`; networkKey: `0x${string}` };
    };
  };
  const { EIP712Domain: _domain, ...types } = message.types;
  const signature = await account.signTypedData({
    domain: { ...message.domain, chainId: BigInt(message.domain.chainId) },
    types,
    primaryType: message.primaryType,
    message: message.message,
  });
  await call(`${origin}/v1/authenticate?token=${token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ address: account.address, signature }),
  });
  const url = `${origin}/v1/?token=${token}`;
  return { token, url, wsUrl: url.replace(/^http/, "ws") };
}

async function call(url: string, init: RequestInit): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (cause) {
    throw new GatewayRegistrationError("The gateway cannot be reached.", { details: new URL(url).origin, cause });
  }
  const text = await response.text();
  if (!response.ok) {
    let reason = text;
    try {
      reason = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      // plain text
    }
    throw new GatewayRegistrationError(`The gateway refused: ${reason}`, { status: response.status });
  }
  return text;
}
