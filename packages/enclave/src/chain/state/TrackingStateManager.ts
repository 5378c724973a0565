import { MerkleStateManager, type MerkleStateManagerOpts } from "@ethereumjs/statemanager";
import type { Account, Address } from "@ethereumjs/util";

/**
 * The ethereumjs state manager, recording every account it writes or deletes. The ledger of
 * exit mode reads the ETH balances of exactly those accounts after a block (docs/l2-chain.md,
 * "Ledger") instead of scanning the state. The set over-approximates (a write reverted later is
 * still recorded), which is harmless: the ledger reads the final balance.
 */
export class TrackingStateManager extends MerkleStateManager {
  #touched = new Set<string>();

  constructor(opts: MerkleStateManagerOpts) {
    super(opts);
  }

  override async putAccount(address: Address, account: Account | undefined): Promise<void> {
    this.#touched.add(address.toString());
    return super.putAccount(address, account);
  }

  override async deleteAccount(address: Address): Promise<void> {
    this.#touched.add(address.toString());
    return super.deleteAccount(address);
  }

  /** The accounts written since the last call (lowercase hex), and a fresh record. */
  takeTouched(): Set<string> {
    const touched = this.#touched;
    this.#touched = new Set();
    return touched;
  }
}
