import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { CustomCrypto } from "@ethereumjs/common";
import type Secp256k1Module from "secp256k1";

/**
 * Native keccak256 and secp256k1 for ethereumjs (`common.customCrypto`): the `keccak` and
 * `secp256k1` packages load prebuilt linux-x64 binaries (node-gyp-build), which recover a
 * transaction's sender about six times faster than the pure-JS defaults (docs/l2-chain.md).
 */

const require = createRequire(import.meta.url);
const secp256k1 = require("secp256k1") as typeof Secp256k1Module;

/** The native Keccak sponge of the `keccak` package (what its stream API wraps). */
interface KeccakSponge {
  initialize(rate: number, capacity: number): void;
  absorb(data: Buffer): void;
  squeeze(length: number): Buffer;
}

/**
 * One native sponge, reused: hashing is synchronous and JavaScript single-threaded. The package's
 * own API builds a stream object per hash, which costs more than hashing a trie node (about
 * 5 µs against 2 µs).
 */
const sponge: KeccakSponge = loadSponge();

function loadSponge(): KeccakSponge {
  const keccakPackage = require.resolve("keccak/package.json");
  const loadAddon = createRequire(keccakPackage)("node-gyp-build") as (dir: string) => new () => KeccakSponge;
  const Sponge = loadAddon(dirname(keccakPackage));
  return new Sponge();
}

/**
 * keccak256 through the native binding. Returns a fresh array that starts its own buffer:
 * ethereumjs reads digests through `new DataView(digest.buffer)` (blooms), which a view into
 * Node's shared buffer pool would break.
 */
export function nativeKeccak256(message: Uint8Array): Uint8Array {
  sponge.initialize(1088, 512);
  sponge.absorb(Buffer.from(message.buffer, message.byteOffset, message.length));
  return new Uint8Array(sponge.squeeze(32));
}

const BIGINT_27 = 27n;
const BIGINT_35 = 35n;

/**
 * Recovers the 64-byte public key (x || y) of a signature, as `@ethereumjs/util`'s `ecrecover`
 * does: `v` is 0/1 (typed transactions), 27/28 (pre-EIP-155) or `chainId * 2 + 35/36`.
 * Throws on an invalid recovery id or signature.
 */
export function nativeEcrecover(
  msgHash: Uint8Array,
  v: bigint,
  r: Uint8Array,
  s: Uint8Array,
  chainId?: bigint,
): Uint8Array {
  const recovery = recoveryId(v, chainId);
  const signature = new Uint8Array(64);
  signature.set(r, 32 - r.length);
  signature.set(s, 64 - s.length);
  const publicKey = secp256k1.ecdsaRecover(signature, recovery, msgHash, false);
  return publicKey.slice(1);
}

function recoveryId(v: bigint, chainId: bigint | undefined): number {
  let recovery: bigint;
  if (v === 0n || v === 1n) recovery = v;
  else if (chainId === undefined) recovery = v - BIGINT_27;
  else recovery = v - (chainId * 2n + BIGINT_35);
  if (recovery !== 0n && recovery !== 1n) throw new Error("Invalid signature v value");
  return Number(recovery);
}

/** The crypto hooks every L2 `Common` carries. */
export const nativeCrypto: CustomCrypto = { keccak256: nativeKeccak256, ecrecover: nativeEcrecover };
