import { createHash, generateKeyPairSync, sign } from "node:crypto";
import type { Client } from "viem";
import { call, getBlock } from "viem/actions";

/*
 * What the L1 must offer. Obscuro needs an EVM at Prague or later (DESIGN: blob transactions and
 * `blobhash` from Cancun, and Prague's execution layer). No opcode arrived with Prague, so the probe
 * is a precompile that did: EIP-2537's BLS12-381 G1 addition at 0x0b, called on the point at
 * infinity twice, returns 128 zero bytes at Prague and nothing before. Cancun shows in the block
 * header (`excessBlobGas`, EIP-4844). Osaka's P-256 precompile (0x100, EIP-7951) is only noted: the
 * DCAP verifier falls back to Solidity without it (about 351k gas a signature instead of 7.8k).
 */

const BLS12_G1ADD = "0x000000000000000000000000000000000000000b";
const P256_VERIFY = "0x0000000000000000000000000000000000000100";

/** What the probe found. */
export interface L1Features {
  /** EIP-4844 blobs (Cancun). */
  blobs: boolean;
  /** Prague's execution layer (the BLS12-381 precompiles of EIP-2537). */
  prague: boolean;
  /** The P-256 verification precompile (Osaka, EIP-7951). */
  p256: boolean;
}

/** Probes the L1 with a block read and two `eth_call`s; sends nothing. */
export async function probeL1Features(client: Client): Promise<L1Features> {
  const [block, bls, p256] = await Promise.all([
    getBlock(client),
    callOrEmpty(client, BLS12_G1ADD, `0x${"00".repeat(256)}`),
    callOrEmpty(client, P256_VERIFY, p256Vector()),
  ]);
  return {
    blobs: block.excessBlobGas !== undefined && block.excessBlobGas !== null,
    prague: bls !== undefined && bls.length === 2 + 256 && /^0x0+$/.test(bls),
    p256: p256 !== undefined && BigInt(p256 === "0x" ? 0 : p256) === 1n,
  };
}

async function callOrEmpty(client: Client, to: `0x${string}`, data: `0x${string}`): Promise<string | undefined> {
  try {
    return (await call(client, { to, data })).data ?? "0x";
  } catch {
    return undefined;
  }
}

/** A valid P-256 verification input (hash ‖ r ‖ s ‖ x ‖ y) made here with a throwaway key. */
function p256Vector(): `0x${string}` {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" });
  const message = Buffer.from("obscuro l1 feature probe");
  const signature = sign("sha256", message, { key: privateKey, dsaEncoding: "ieee-p1363" });
  const hash = createHash("sha256").update(message).digest();
  const x = Buffer.from(jwk.x!, "base64url");
  const y = Buffer.from(jwk.y!, "base64url");
  return `0x${Buffer.concat([hash, signature, x, y]).toString("hex")}`;
}
