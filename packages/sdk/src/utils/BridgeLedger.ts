import { getAddress, zeroAddress, type Address } from "viem";
import { DepositOutOfOrderError, InsufficientL2BalanceError } from "../errors/bridge.ts";
import { AssetKind, type BalanceLeaf, type Deposit, type Withdrawal } from "../types/bridge.ts";

/**
 * The L2 bridge ledger, as an enclave keeps it: wrapped balances of ETH and ERC20 per account,
 * ERC721 ownership per token, the deposits consumed, and the next withdrawal id. A rollup's
 * `stateRoot` is the root of `buildLedgerTree(ledger.leaves())`; its `withdrawalRoot` the root of
 * the withdrawals it burned. Immutable operations return a new ledger, so a node can keep one
 * per rollup and fork freely.
 */
export class BridgeLedger {
  /** `${kind}:${token}:${account}` → balance (fungible), `${kind}:${token}:${id}` → owner (ERC721). */
  readonly #fungible: ReadonlyMap<string, bigint>;
  readonly #owners: ReadonlyMap<string, Address>;
  /** Deposits applied so far (the next deposit index). */
  readonly depositCount: bigint;
  /** The id the next withdrawal gets. */
  readonly nextWithdrawalId: bigint;

  constructor(
    fungible: ReadonlyMap<string, bigint> = new Map(),
    owners: ReadonlyMap<string, Address> = new Map(),
    depositCount = 0n,
    nextWithdrawalId = 0n,
  ) {
    this.#fungible = fungible;
    this.#owners = owners;
    this.depositCount = depositCount;
    this.nextWithdrawalId = nextWithdrawalId;
  }

  /** Credits deposits, which must continue the queue from `depositCount`. */
  applyDeposits(deposits: readonly Deposit[]): BridgeLedger {
    const fungible = new Map(this.#fungible);
    const owners = new Map(this.#owners);
    let count = this.depositCount;
    for (const deposit of deposits) {
      if (deposit.index !== count) {
        throw new DepositOutOfOrderError("Deposits must be applied in queue order.", {
          details: `expected index ${count}, got ${deposit.index}`,
        });
      }
      if (deposit.kind === AssetKind.Erc721)
        owners.set(nftKey(deposit.token, deposit.amountOrId), getAddress(deposit.to));
      else {
        const key = fungibleKey(deposit.kind, deposit.token, deposit.to);
        fungible.set(key, (fungible.get(key) ?? 0n) + deposit.amountOrId);
      }
      count++;
    }
    return new BridgeLedger(fungible, owners, count, this.nextWithdrawalId);
  }

  /**
   * Burns what `requests` withdraw and returns the new ledger with the withdrawals, numbered
   * from `nextWithdrawalId`.
   * @throws {InsufficientL2BalanceError} when an account withdraws more than it has.
   */
  withdraw(
    requests: readonly { account: Address; recipient: Address; kind: AssetKind; token: Address; amountOrId: bigint }[],
  ): { ledger: BridgeLedger; withdrawals: Withdrawal[] } {
    const fungible = new Map(this.#fungible);
    const owners = new Map(this.#owners);
    let id = this.nextWithdrawalId;
    const withdrawals: Withdrawal[] = [];
    for (const r of requests) {
      const token = r.kind === AssetKind.Eth ? zeroAddress : r.token;
      if (r.kind === AssetKind.Erc721) {
        const key = nftKey(token, r.amountOrId);
        if (owners.get(key) !== getAddress(r.account)) {
          throw new InsufficientL2BalanceError("The account does not own this ERC721 on L2.", { details: key });
        }
        owners.delete(key);
      } else {
        const key = fungibleKey(r.kind, token, r.account);
        const balance = fungible.get(key) ?? 0n;
        if (r.amountOrId <= 0n || r.amountOrId > balance) {
          throw new InsufficientL2BalanceError("The withdrawal exceeds the L2 balance.", {
            details: `${key}: balance ${balance}, withdrawing ${r.amountOrId}`,
          });
        }
        if (balance === r.amountOrId) fungible.delete(key);
        else fungible.set(key, balance - r.amountOrId);
      }
      withdrawals.push({ id, recipient: getAddress(r.recipient), kind: r.kind, token, amountOrId: r.amountOrId });
      id++;
    }
    return { ledger: new BridgeLedger(fungible, owners, this.depositCount, id), withdrawals };
  }

  /** The wrapped balance of a fungible asset (ETH: zero token address). */
  balanceOf(account: Address, kind: AssetKind, token: Address = zeroAddress): bigint {
    return this.#fungible.get(fungibleKey(kind, token, account)) ?? 0n;
  }

  /** The L2 owner of an ERC721 held by the bridge, if any. */
  ownerOf(token: Address, tokenId: bigint): Address | undefined {
    return this.#owners.get(nftKey(token, tokenId));
  }

  /** Every non-zero entry, in a canonical order: the leaves of the `stateRoot` tree. */
  leaves(): BalanceLeaf[] {
    const leaves: BalanceLeaf[] = [];
    for (const [key, amount] of this.#fungible) {
      const [kind, token, account] = key.split(":") as [string, Address, Address];
      leaves.push({ account, kind: Number(kind) as AssetKind, token, amountOrId: amount });
    }
    for (const [key, owner] of this.#owners) {
      const [, token, id] = key.split(":") as [string, Address, string];
      leaves.push({ account: owner, kind: AssetKind.Erc721, token, amountOrId: BigInt(id) });
    }
    return leaves.sort((a, b) => compareLeaves(a, b));
  }
}

function fungibleKey(kind: AssetKind, token: Address, account: Address): string {
  return `${kind}:${getAddress(token)}:${getAddress(account)}`;
}

function nftKey(token: Address, tokenId: bigint): string {
  return `${AssetKind.Erc721}:${getAddress(token)}:${tokenId}`;
}

function compareLeaves(a: BalanceLeaf, b: BalanceLeaf): number {
  const ka = `${a.kind}:${a.token.toLowerCase()}:${a.account.toLowerCase()}:${a.amountOrId.toString().padStart(78, "0")}`;
  const kb = `${b.kind}:${b.token.toLowerCase()}:${b.account.toLowerCase()}:${b.amountOrId.toString().padStart(78, "0")}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
