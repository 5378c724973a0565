import { createRequire } from "node:module";
import type * as CKzgModule from "c-kzg";
import { defineKzg, type Kzg } from "viem";
import { KzgUnavailableError } from "./errors.ts";

type CKzg = typeof CKzgModule;

/** The KZG functions the SDK uses: viem's {@link Kzg} interface plus what c-kzg adds. */
export interface SharedKzg extends Kzg {
  /** Checks a blob against its commitment and proof (EIP-4844 `verify_blob_kzg_proof`). */
  verifyBlobKzgProof(blob: Uint8Array, commitment: Uint8Array, proof: Uint8Array): boolean;
  /** The 128 cells and cell proofs of a blob (EIP-7594, the Osaka network wrapper). */
  computeCellsAndKzgProofs(blob: Uint8Array): [Uint8Array[], Uint8Array[]];
}

let shared: SharedKzg | undefined;

/**
 * The process-wide KZG instance: c-kzg (the reference C implementation, native addon) with the
 * Ethereum mainnet trusted setup of the KZG ceremony that c-kzg ships (the same points as
 * viem's `mainnetTrustedSetupPath`). Loaded on first use (about 2 s, 70 MB) and shared after; c-kzg
 * holds one setup per process, so everything in the process must use this one.
 *
 * Pass it to viem as `kzg` (`sendTransaction({ blobs, kzg })`).
 * @throws {KzgUnavailableError} when the c-kzg addon is not built or the setup does not load.
 */
export function getKzg(): SharedKzg {
  if (shared !== undefined) return shared;
  let cKzg: CKzg;
  try {
    cKzg = createRequire(import.meta.url)("c-kzg") as CKzg;
  } catch (cause) {
    throw new KzgUnavailableError("The c-kzg native addon cannot be loaded.", {
      details: "run `npm ci` so that its node-gyp build runs (root package.json allowScripts lists c-kzg)",
      cause,
    });
  }
  try {
    // precompute 0: no extra tables. Commitments and blob proofs do not use them; cell proofs
    // would be ~40% faster with 8 but the tables cost 100 MB.
    cKzg.loadTrustedSetup(0);
  } catch (cause) {
    // A setup loaded by other code in this process (c-kzg allows one) is the same mainnet setup.
    if (!(cause instanceof Error && cause.message.includes("already loaded")))
      throw new KzgUnavailableError("The KZG trusted setup cannot be loaded.", { cause });
  }
  const viemKzg = defineKzg(cKzg);
  shared = Object.freeze({
    ...viemKzg,
    verifyBlobKzgProof: (blob: Uint8Array, commitment: Uint8Array, proof: Uint8Array) =>
      cKzg.verifyBlobKzgProof(blob, commitment, proof),
    computeCellsAndKzgProofs: (blob: Uint8Array) => cKzg.computeCellsAndKzgProofs(blob),
  });
  return shared;
}
