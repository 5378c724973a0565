import { BLOCKHASH_WINDOW } from "../constants.ts";
import type { BlockHashSource } from "./createL2Vm.ts";

/** The hashes of the last 256 blocks, for `BLOCKHASH`. */
export class RecentBlockHashes implements BlockHashSource {
  readonly #hashes = new Map<bigint, Uint8Array>();

  blockHash(number: bigint): Uint8Array | undefined {
    return this.#hashes.get(number);
  }

  add(number: bigint, hash: Uint8Array): void {
    this.#hashes.set(number, hash);
    this.#hashes.delete(number - BigInt(BLOCKHASH_WINDOW));
  }

  /** Forgets the blocks after `number` (a rollback). */
  truncate(number: bigint): void {
    for (const key of this.#hashes.keys()) if (key > number) this.#hashes.delete(key);
  }
}
