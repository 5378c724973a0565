import { RLP } from "@ethereumjs/rlp";
import { MerkleStateManager, type MerkleStateManagerOpts } from "@ethereumjs/statemanager";
import { Address, type Account } from "@ethereumjs/util";

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

  /**
   * The balance of a committed account as its state encoding has it (big-endian, no leading
   * zeros; empty for zero or no account). A block's accounts are in the account cache, so this
   * reads the one field the ledger needs from the cached encoding instead of building an
   * `Account` per account.
   */
  async balanceBytes(address: string): Promise<Uint8Array> {
    const key = new Address(Buffer.from(address.slice(2), "hex"));
    const cached = this._caches?.account?.get(key);
    if (cached !== undefined) {
      return cached.accountRLP === undefined ? new Uint8Array(0) : (RLP.decode(cached.accountRLP) as Uint8Array[])[1]!;
    }
    const account = await this.getAccount(key);
    return account === undefined ? new Uint8Array(0) : (account.raw()[1] as Uint8Array);
  }
}
