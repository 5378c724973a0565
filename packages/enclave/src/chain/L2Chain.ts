import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Common } from "@ethereumjs/common";
import { Address, MapDB, setLengthLeft } from "@ethereumjs/util";
import type { VM } from "@ethereumjs/vm";
import { buildWithdrawalTree, computeDepositAccumulator, type AssetKind, type BalanceLeaf } from "@obscuro/sdk";
import { bytesToHex, getAddress, hexToBytes, isHex, type Hex } from "viem";
import { blockLogs, toL2Block, toL2Receipt, transactionHashes } from "./blocks.ts";
import { createL2Common } from "./common.ts";
import { BLOCK_GAS_LIMIT, L2_CHAIN_ID, MAX_LOG_BLOCK_RANGE, MAX_LOGS, MAX_NONCE_GAP } from "./constants.ts";
import {
  BlockRefusal,
  ChainMismatchError,
  ChainUnavailableError,
  InvalidBlockError,
  InvalidTransactionError,
  JournalCorruptedError,
  LedgerEntryNotFoundError,
  LogQueryTooLargeError,
  ReplayMismatchError,
  RollbackOutOfRangeError,
  TransactionRefusal,
  UnknownBlockError,
} from "./errors.ts";
import { nextBaseFee } from "./execution/baseFee.ts";
import { BlockExecutor, type ExecutionOutcome, type ExecutionMode } from "./execution/BlockExecutor.ts";
import { decodeHeader, type BlockContext } from "./execution/header.ts";
import { checkDeposits } from "./execution/deposits.ts";
import { encodeDepositTransaction } from "./execution/encoding.ts";
import { checkGasAndFee, checkSender, decodeTransaction, feeCap } from "./execution/transactions.ts";
import { genesisHeader, writeGenesisState } from "./genesis.ts";
import { Ledger } from "./ledger/Ledger.ts";
import { call, estimateGas, type CallEnvironment } from "./reads/call.ts";
import { compileLogFilter } from "./reads/logFilter.ts";
import { Sealer } from "./sealing/Sealer.ts";
import type { SealingKeySource } from "./sealing/sealingKey.ts";
import { createL2Vm } from "./state/createL2Vm.ts";
import { RecentBlockHashes } from "./state/RecentBlockHashes.ts";
import type { TrackingStateManager } from "./state/TrackingStateManager.ts";
import { BlockStore } from "./storage/BlockStore.ts";
import { Journal } from "./storage/Journal.ts";
import {
  decodeHead,
  decodeJournalRecord,
  encodeHead,
  encodeJournalRecord,
  STORAGE_FORMAT_VERSION,
  type BlockRecord,
  type JournalRecord,
} from "./storage/records.ts";
import { SealedStore, Table } from "./storage/SealedStore.ts";
import { TrieNodeDb } from "./storage/TrieNodeDb.ts";
import type {
  BalanceProof,
  BatchInput,
  BuildBlockInput,
  CallRequest,
  CallResult,
  L2Block,
  L2Log,
  L2Receipt,
  L2TransactionLocation,
  L2Withdrawal,
  LogFilter,
  WithdrawalBatch,
} from "./types.ts";

/** How to open a chain. */
export interface L2ChainOptions {
  /** Where the sealed database and the journal live (created if missing). */
  directory: string;
  /** Seals everything written to disk. */
  sealingKey: SealingKeySource;
  /** Default `L2_CHAIN_ID` (443). */
  chainId?: bigint | undefined;
  /** The genesis block's timestamp (seconds). Default 0. */
  genesisTimestamp?: bigint | undefined;
  /** Blocks between two flushes of the state to disk (the journal covers the rest). Default 32. */
  flushInterval?: number | undefined;
  /** Memory for trie nodes already on disk (bytes). Default 256 MiB. */
  nodeCacheBytes?: number | undefined;
}

/** The outcome of `validateTransaction`. */
export type TransactionValidation =
  { valid: true; transaction: ValidatedTransaction } | { valid: false; error: InvalidTransactionError };

/** A transaction `validateTransaction` accepted. */
export interface ValidatedTransaction {
  hash: Hex;
  sender: `0x${string}`;
  nonce: bigint;
  type: number;
  gasLimit: bigint;
  /** Max fee per gas (or gas price). */
  feeCap: bigint;
}

/** What `buildBlock` produced: the block and the candidates it left out. */
export interface BuiltBlock {
  block: L2Block;
  excluded: { index: number; error: InvalidTransactionError }[];
}

/** A ledger entry to prove: an (account, ETH or ERC20) balance, or an ERC721 token. */
export interface LedgerQuery {
  kind: AssetKind;
  /** The L1 token (zero address for ETH). */
  token: `0x${string}`;
  /** The account (fungible assets). */
  account: `0x${string}`;
  /** The token id (ERC721). */
  tokenId?: bigint | undefined;
}

const HEAD_KEY = new TextEncoder().encode("head");
const DEFAULT_FLUSH_INTERVAL = 32;
const DEFAULT_NODE_CACHE_BYTES = 256 * 1024 * 1024;

/** The parts a chain is made of, wired by `open`. */
interface ChainParts {
  options: Required<Pick<L2ChainOptions, "directory">> & { flushInterval: number };
  chainId: bigint;
  common: Common;
  store: SealedStore;
  trieDb: TrieNodeDb;
  vm: VM;
  state: TrackingStateManager;
  blocks: BlockStore;
  recentHashes: RecentBlockHashes;
  genesisHash: Hex;
}

/**
 * The L2 chain an enclave runs: EVM execution of L2 blocks (deposits as system transactions,
 * then signed user transactions), the sealed persistent state, the exit-mode ledger and the
 * withdrawals rollups commit to (docs/l2-chain.md).
 *
 * Every operation runs alone, in call order. A block is acknowledged (its promise resolves) once
 * its inputs are durably journaled, so a crash loses no acknowledged block; state reaches the
 * database every `flushInterval` blocks, on `flush()` and on `close()`.
 */
export class L2Chain {
  readonly chainId: bigint;
  readonly genesisHash: Hex;
  readonly #parts: ChainParts;
  readonly #executor: BlockExecutor;
  #ledger: Ledger;
  #journal: Journal | undefined;
  /** The flush being written, if any (settles without throwing). */
  #flushInFlight: Promise<void> = Promise.resolve();
  #head: L2Block;
  #queue: Promise<unknown> = Promise.resolve();
  #unavailable: ChainUnavailableError | undefined;
  #closed = false;

  private constructor(parts: ChainParts, ledger: Ledger, head: L2Block) {
    this.#parts = parts;
    this.chainId = parts.chainId;
    this.genesisHash = parts.genesisHash;
    this.#executor = new BlockExecutor(parts.vm, parts.state, parts.common);
    this.#ledger = ledger;
    this.#head = head;
  }

  /**
   * Opens the chain in `options.directory`, creating its genesis the first time. Reopening loads
   * the last flushed head and re-executes the journaled blocks after it.
   * @throws {ChainMismatchError} when the directory holds another chain.
   * @throws {SealedDataError} when the sealing key does not open the data.
   */
  static async open(options: L2ChainOptions): Promise<L2Chain> {
    const chainId = options.chainId ?? L2_CHAIN_ID;
    const genesisTimestamp = options.genesisTimestamp ?? 0n;
    await mkdir(options.directory, { recursive: true, mode: 0o700 });
    const sealingKey = await options.sealingKey.sealingKey();
    const sealer = new Sealer(sealingKey);
    const store = await SealedStore.open(join(options.directory, "state"), sealer, sealingKey);
    try {
      const common = createL2Common(chainId);
      const genesisHash = await expectedGenesisHash(chainId, genesisTimestamp);
      const trieDb = new TrieNodeDb(store, options.nodeCacheBytes ?? DEFAULT_NODE_CACHE_BYTES);
      const recentHashes = new RecentBlockHashes();
      const { vm, stateManager } = await createL2Vm(common, trieDb, recentHashes);
      const parts: ChainParts = {
        options: { directory: options.directory, flushInterval: options.flushInterval ?? DEFAULT_FLUSH_INTERVAL },
        chainId,
        common,
        store,
        trieDb,
        vm,
        state: stateManager,
        blocks: new BlockStore(store),
        recentHashes,
        genesisHash,
      };
      const chain = await L2Chain.#load(parts, genesisTimestamp);
      await chain.#recover(sealer);
      return chain;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** The latest block. */
  get head(): L2Block {
    return this.#head;
  }

  /** The index of the next L1 deposit the chain expects. */
  get nextDepositIndex(): bigint {
    return this.#head.depositCount;
  }

  /** The base fee of the next block. */
  get nextBaseFee(): bigint {
    return nextBaseFee(this.#head);
  }

  // ───────────────────────────────────────────────────────────── writes

  /**
   * Checks a signed transaction against the latest state without changing anything: decoding,
   * type, chain id, signature, gas limit bounds, fee cap against the next base fee, sender (no
   * code), nonce (not used, at most `MAX_NONCE_GAP` ahead of `pendingNonce` or the account's),
   * balance for value + gas limit × fee cap.
   */
  validateTransaction(
    raw: Uint8Array | Hex,
    options: { pendingNonce?: ((sender: `0x${string}`) => bigint | undefined) | undefined } = {},
  ): Promise<TransactionValidation> {
    return this.#exclusive(async () => {
      try {
        const decoded = decodeTransaction(rawBytes(raw), this.#parts.common);
        checkGasAndFee(decoded, this.nextBaseFee, BLOCK_GAS_LIMIT);
        const account = await this.#parts.state.getAccount(decoded.sender);
        const sender = getAddress(decoded.sender.toString());
        const expected = options.pendingNonce?.(sender) ?? account?.nonce ?? 0n;
        await checkSender(decoded, account, () => this.#parts.state.getCode(decoded.sender), {
          expected,
          maxGap: MAX_NONCE_GAP,
        });
        const { tx } = decoded;
        return {
          valid: true,
          transaction: {
            hash: bytesToHex(decoded.hash),
            sender,
            nonce: tx.nonce,
            type: tx.type,
            gasLimit: tx.gasLimit,
            feeCap: feeCap(tx),
          },
        };
      } catch (error) {
        if (error instanceof InvalidTransactionError) return { valid: false, error };
        throw error;
      }
    });
  }

  /**
   * Executes a block produced elsewhere, strictly: it must extend the head, its deposits must
   * continue the L1 queue and every transaction must be valid; otherwise nothing changes.
   * Resolves once the block is durable (journaled).
   * @param options.expectedHash The hash the producer announced: a different result is refused.
   * @throws {InvalidBlockError}
   */
  executeBlock(batch: BatchInput, options: { expectedHash?: Hex | undefined } = {}): Promise<L2Block> {
    return this.#exclusive(async () => {
      const outcome = await this.#execute(batch, "strict");
      if (options.expectedHash !== undefined && bytesToHex(outcome.hash) !== options.expectedHash.toLowerCase()) {
        await this.#parts.state.setStateRoot(hexToBytes(this.#head.stateRoot));
        throw new InvalidBlockError(BlockRefusal.HashMismatch, "The block executes to another hash than announced.", {
          details: `announced ${options.expectedHash}, executed ${bytesToHex(outcome.hash)}`,
        });
      }
      return this.#acknowledge(batch, outcome, true);
    });
  }

  /**
   * The sequencer's path: the next block from `input`, with every deposit and those candidate
   * transactions that execute validly, in order; the others are left out with the reason.
   * Resolves once the block is durable (journaled).
   * @throws {InvalidBlockError} for a bad timestamp, L1 block or deposit list.
   */
  buildBlock(input: BuildBlockInput): Promise<BuiltBlock> {
    return this.#exclusive(async () => {
      const batch: BatchInput = { ...input, number: this.#head.number + 1n, parentHash: this.#head.hash };
      const outcome = await this.#execute(batch, "build");
      const block = await this.#acknowledge({ ...batch, transactions: outcome.transactions }, outcome, true);
      return { block, excluded: outcome.excluded };
    });
  }

  /** Writes everything in memory to the sealed database and empties the journal. */
  flush(): Promise<void> {
    return this.#exclusive(() => this.#flush());
  }

  /**
   * Returns the chain to block `number` (an L1 reorg removed the batches after it): its state,
   * ledger, blocks, receipts and withdrawals, durably. Any block since genesis can be returned
   * to; the state is restored from the nearest kept state at or below it and re-executed up to
   * it, at most `flushInterval` blocks (docs/l2-chain.md, "Rollback and pruning").
   * @throws {RollbackOutOfRangeError}
   */
  rollbackTo(number: bigint): Promise<L2Block> {
    return this.#exclusive(async () => {
      if (number < 0n || number > this.#head.number) {
        throw new RollbackOutOfRangeError("The chain cannot roll back to that block.", {
          details: `block ${number}, head ${this.#head.number}`,
        });
      }
      if (number === this.#head.number) return this.#head;
      await this.#flush();
      return this.#rollback(number);
    });
  }

  /**
   * Flushes and closes the database and the journal. A chain that failed to persist is closed
   * without flushing (reopening recovers it).
   */
  close(): Promise<void> {
    const run = this.#queue.then(async () => {
      if (this.#closed) return;
      this.#closed = true;
      try {
        if (this.#unavailable === undefined) await this.#flush();
      } finally {
        this.#unavailable ??= new ChainUnavailableError("The chain is closed.");
        await this.#flushInFlight;
        await this.#journal?.close();
        await this.#parts.store.close();
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  // ───────────────────────────────────────────────────────────── state reads (latest)

  getBalance(address: `0x${string}`): Promise<bigint> {
    return this.#exclusive(async () => (await this.#parts.state.getAccount(toAddress(address)))?.balance ?? 0n);
  }

  getNonce(address: `0x${string}`): Promise<bigint> {
    return this.#exclusive(async () => (await this.#parts.state.getAccount(toAddress(address)))?.nonce ?? 0n);
  }

  getCode(address: `0x${string}`): Promise<Hex> {
    return this.#exclusive(async () => bytesToHex(await this.#parts.state.getCode(toAddress(address))));
  }

  /** The 32-byte value of storage `slot` (a 32-byte hex) of `address`. */
  getStorageAt(address: `0x${string}`, slot: Hex): Promise<Hex> {
    return this.#exclusive(async () => {
      const value = await this.#parts.state.getStorage(toAddress(address), setLengthLeft(hexToBytes(slot), 32));
      return bytesToHex(setLengthLeft(value, 32));
    });
  }

  /** `eth_call` on the latest block; nothing is committed. */
  call(request: CallRequest): Promise<CallResult> {
    return this.#exclusive(() => call(this.#callEnvironment(), request));
  }

  /** `eth_estimateGas` on the latest block. @throws {ExecutionRevertedError} */
  estimateGas(request: CallRequest): Promise<bigint> {
    return this.#exclusive(() => estimateGas(this.#callEnvironment(), request));
  }

  // ───────────────────────────────────────────────────────────── chain reads

  /** A block by number or hash, or undefined. */
  getBlock(id: bigint | Hex): Promise<L2Block | undefined> {
    return this.#exclusive(async () => {
      const number = typeof id === "bigint" ? id : await this.#parts.blocks.numberOf(id);
      if (number === undefined || number < 0n || number > this.#head.number) return undefined;
      const record = await this.#parts.blocks.record(number);
      return record === undefined ? undefined : toL2Block(record);
    });
  }

  /** A transaction's receipt (deposits' system transactions included), or undefined. */
  getReceipt(transactionHash: Hex): Promise<L2Receipt | undefined> {
    return this.#exclusive(async () => {
      const found = await this.#locate(transactionHash);
      return found === undefined ? undefined : toL2Receipt(found.block, found.receipts, found.index);
    });
  }

  /** Where a transaction is, with its raw bytes and sender, or undefined. */
  getTransaction(transactionHash: Hex): Promise<L2TransactionLocation | undefined> {
    return this.#exclusive(async () => {
      const found = await this.#locate(transactionHash);
      if (found === undefined) return undefined;
      const { block, receipts, index } = found;
      const receipt = toL2Receipt(block, receipts, index);
      const deposits = block.deposits.length;
      const raw =
        index < deposits ? encodeDepositTransaction(block.deposits[index]!) : block.transactions[index - deposits]!;
      return {
        hash: receipt.transactionHash,
        blockNumber: block.number,
        blockHash: block.hash,
        transactionIndex: index,
        from: receipt.from,
        raw: bytesToHex(raw),
      };
    });
  }

  /**
   * Logs matching `filter` in an inclusive block range (default: the head), in order.
   * @throws {LogQueryTooLargeError} over `MAX_LOG_BLOCK_RANGE` blocks or `MAX_LOGS` logs.
   */
  getLogs(filter: LogFilter): Promise<L2Log[]> {
    return this.#exclusive(async () => {
      const from = filter.fromBlock ?? this.#head.number;
      const requestedTo = filter.toBlock ?? this.#head.number;
      if (from < 0n) throw new UnknownBlockError("Blocks start at 0.", { details: `fromBlock ${from}` });
      if (requestedTo - from + 1n > MAX_LOG_BLOCK_RANGE) {
        throw new LogQueryTooLargeError("The log query spans too many blocks.", {
          details: `${requestedTo - from + 1n} blocks, at most ${MAX_LOG_BLOCK_RANGE}`,
        });
      }
      const to = requestedTo > this.#head.number ? this.#head.number : requestedTo;
      const compiled = compileLogFilter(filter);
      const logs: L2Log[] = [];
      for (let number = from; number <= to; number++) {
        const record = (await this.#parts.blocks.record(number))!;
        const block = toL2Block(record);
        if (!compiled.mayMatch(hexToBytes(block.logsBloom))) continue;
        logs.push(...blockLogs(block, (await this.#parts.blocks.receipts(number))!, (log) => compiled.matches(log)));
        if (logs.length > MAX_LOGS) {
          throw new LogQueryTooLargeError("The log query matches too many logs.", { details: `more than ${MAX_LOGS}` });
        }
      }
      return logs;
    });
  }

  // ───────────────────────────────────────────────────────────── ledger and withdrawals

  /** The root of the ledger tree at the head: a rollup's `stateRoot` (zero when empty). */
  ledgerRoot(): Hex {
    return this.#ledger.root();
  }

  /** Every ledger entry at the head. */
  ledgerLeaves(): BalanceLeaf[] {
    return this.#ledger.leaves();
  }

  /**
   * An entry of the ledger at the head with its Merkle proof (for `exitWithBalanceProof`).
   * @throws {LedgerEntryNotFoundError}
   */
  balanceProof(query: LedgerQuery): BalanceProof {
    return this.#ledger.proof(query);
  }

  /**
   * The withdrawals of blocks `fromBlock..toBlock` (inclusive), by id, with their tree: a rollup
   * over those blocks commits to `withdrawalRoot`, and `proof(id)` is what `finalizeWithdrawal`
   * takes.
   */
  withdrawals(fromBlock: bigint, toBlock: bigint): Promise<WithdrawalBatch> {
    return this.#exclusive(async () => {
      if (fromBlock < 0n || toBlock > this.#head.number || fromBlock > toBlock + 1n) {
        throw new UnknownBlockError("The block range is not on the chain.", {
          details: `${fromBlock}..${toBlock}, head ${this.#head.number}`,
        });
      }
      const withdrawals: L2Withdrawal[] = [];
      for (let number = fromBlock; number <= toBlock; number++)
        withdrawals.push(...(await this.#parts.blocks.withdrawals(number)));
      const tree = buildWithdrawalTree(withdrawals);
      return {
        fromBlock,
        toBlock,
        withdrawals,
        withdrawalRoot: tree.root,
        proof: (id: bigint) => {
          const withdrawal = withdrawals.find((w) => w.id === id);
          if (withdrawal === undefined) {
            throw new LedgerEntryNotFoundError("No withdrawal with that id in the range.", { details: `id ${id}` });
          }
          return tree.proof(withdrawal);
        },
      };
    });
  }

  // ───────────────────────────────────────────────────────────── internals

  static async #load(parts: ChainParts, genesisTimestamp: bigint): Promise<L2Chain> {
    const headBytes = await parts.store.get(Table.Meta, HEAD_KEY);
    if (headBytes === undefined) return L2Chain.#createGenesis(parts, genesisTimestamp);
    const head = decodeHead(headBytes);
    if (
      head.version !== STORAGE_FORMAT_VERSION ||
      head.chainId !== parts.chainId ||
      head.genesisHash !== parts.genesisHash
    ) {
      throw new ChainMismatchError("The database holds another chain.", {
        details: `stored chain id ${head.chainId}, format ${head.version}; expected chain id ${parts.chainId}, format ${STORAGE_FORMAT_VERSION}${head.genesisHash === parts.genesisHash ? "" : ", and another genesis"}`,
      });
    }
    const block = toL2Block((await parts.blocks.record(head.number))!);
    await parts.state.setStateRoot(hexToBytes(block.stateRoot));
    for (let n = head.number < 255n ? 0n : head.number - 255n; n <= head.number; n++) {
      parts.recentHashes.add(n, hexToBytes(toL2Block((await parts.blocks.record(n))!).hash));
    }
    return new L2Chain(parts, await Ledger.load(parts.store), block);
  }

  static async #createGenesis(parts: ChainParts, timestamp: bigint): Promise<L2Chain> {
    const stateRoot = await writeGenesisState(parts.state);
    const header = genesisHeader(stateRoot, timestamp, parts.common);
    const record: BlockRecord = {
      headerRlp: header.serialize(),
      deposits: [],
      transactions: [],
      depositCount: 0n,
      depositAcc: computeDepositAccumulator([]),
      stateKept: false,
    };
    parts.blocks.add({
      number: 0n,
      hash: header.hash(),
      record,
      receipts: [],
      transactionHashes: [],
      withdrawals: [],
      undo: [],
    });
    parts.recentHashes.add(0n, header.hash());
    const chain = new L2Chain(parts, Ledger.empty(), toL2Block(record));
    await chain.#flush();
    return chain;
  }

  /** Re-executes the journaled blocks after the flushed head, then flushes them. */
  async #recover(sealer: Sealer): Promise<void> {
    const { journal, records } = await Journal.open(join(this.#parts.options.directory, "journal"), sealer);
    try {
      for (const bytes of records) {
        const record = decodeJournalRecord(bytes);
        if (record.number <= this.#head.number) continue;
        if (record.number !== this.#head.number + 1n || record.parentHash !== this.#head.hash) {
          throw new JournalCorruptedError("A journaled block does not extend the chain.", {
            details: `record ${record.number} on ${record.parentHash}, head ${this.#head.number} ${this.#head.hash}`,
          });
        }
        await this.#replay(record);
      }
      this.#journal = journal;
      await this.#flush();
    } catch (error) {
      await journal.close();
      throw error;
    }
  }

  async #replay(record: JournalRecord): Promise<void> {
    const outcome = await this.#execute(record, "strict");
    if (bytesToHex(outcome.hash) !== record.hash) {
      throw new ReplayMismatchError("A journaled block re-executed to another hash.", {
        details: `block ${record.number}: journaled ${record.hash}, now ${bytesToHex(outcome.hash)}`,
      });
    }
    await this.#acknowledge(record, outcome, false);
  }

  /** Checks a batch against the head and executes it (in memory). */
  async #execute(batch: BatchInput, mode: ExecutionMode): Promise<ExecutionOutcome> {
    checkBatch(batch, this.#head);
    checkDeposits(batch.deposits, this.#head.depositCount);
    const context: BlockContext = {
      parentHash: hexToBytes(batch.parentHash),
      coinbase: hexToBytes(batch.coinbase),
      number: batch.number,
      gasLimit: BLOCK_GAS_LIMIT,
      timestamp: batch.timestamp,
      baseFeePerGas: this.nextBaseFee,
      l1BlockNumber: batch.l1BlockNumber,
      l1BlockHash: hexToBytes(batch.l1BlockHash),
    };
    return this.#executor.execute({ context, deposits: batch.deposits, transactions: batch.transactions }, mode);
  }

  /**
   * Makes an executed block the head: journals it (unless replaying), applies it to the ledger
   * and the block store, and flushes every `flushInterval` blocks. A failure here leaves memory
   * ahead of disk, so the chain becomes unavailable until reopened (which recovers).
   */
  async #acknowledge(batch: BatchInput, outcome: ExecutionOutcome, journal: boolean): Promise<L2Block> {
    try {
      const balances = await this.#balances(outcome.touched);
      const effects = this.#ledger.effects(batch.number, outcome.receipts, outcome.transactionHashes, balances);
      // Durable before the block is acknowledged; the fsync runs while the block is applied in memory.
      const durable = journal ? this.#journalBlock(batch, outcome.hash) : Promise.resolve();
      durable.catch(() => undefined); // awaited below; this only keeps an early throw from orphaning it
      const record = this.#blockRecord(batch, outcome);
      this.#parts.blocks.add({
        number: batch.number,
        hash: outcome.hash,
        record,
        receipts: outcome.receipts,
        transactionHashes: outcome.transactionHashes,
        withdrawals: effects.withdrawals,
        undo: this.#ledger.apply(effects),
      });
      this.#parts.recentHashes.add(batch.number, outcome.hash);
      this.#head = toL2Block(record, outcome.transactionHashes);
      await durable;
      // In the background: the block is acknowledged once journaled, the flush lands later.
      if (this.#parts.blocks.pendingCount >= this.#parts.options.flushInterval) await this.#beginFlush();
      return this.#head;
    } catch (error) {
      throw this.#fail(error);
    }
  }

  /** Appends a block's inputs and hash to the journal, durably. */
  #journalBlock(batch: BatchInput, hash: Uint8Array): Promise<void> {
    const record = {
      ...batch,
      deposits: [...batch.deposits],
      transactions: [...batch.transactions],
      hash: bytesToHex(hash),
    };
    return this.#journal!.append(encodeJournalRecord(record));
  }

  /** The stored form of an executed block, with the L1 queue point after it. */
  #blockRecord(batch: BatchInput, outcome: ExecutionOutcome): BlockRecord {
    return {
      headerRlp: outcome.headerRlp,
      deposits: [...batch.deposits],
      transactions: outcome.transactions,
      depositCount: this.#head.depositCount + BigInt(batch.deposits.length),
      depositAcc: computeDepositAccumulator(batch.deposits, this.#head.depositAcc),
      stateKept: false,
    };
  }

  /** The ETH balances of `accounts` (lowercase `0x` addresses) after the block, as unpadded big-endian bytes. */
  async #balances(accounts: Set<string>): Promise<Map<string, Uint8Array>> {
    const balances = new Map<string, Uint8Array>();
    for (const account of accounts) balances.set(account, await this.#parts.state.balanceBytes(account));
    return balances;
  }

  /** Flushes up to the head and waits until it is on disk. */
  async #flush(): Promise<void> {
    await await this.#beginFlush();
  }

  /**
   * Starts a flush, after the one in flight (if any) has landed: stages, in one batch, the state
   * of the head (only the trie nodes reachable from its root: the intermediate states of the
   * blocks since the last flush are not kept), the blocks, receipts and ledger changes since
   * then, and the head; starts a new journal segment; and returns the promise of the batch
   * landing (sealed on the sealing thread, written with fsync), after which the older journal
   * segments are deleted. Execution goes on meanwhile; what is being written stays readable
   * from memory. A failure makes the chain unavailable.
   */
  async #beginFlush(): Promise<Promise<void>> {
    await this.#flushInFlight;
    const { store, trieDb, blocks, chainId, genesisHash } = this.#parts;
    try {
      await blocks.keepState(this.#head.number);
      const batch = store.batch();
      trieDb.stageFlush(batch, [hexToBytes(this.#head.stateRoot)]);
      blocks.stageFlush(batch);
      this.#ledger.stageFlush(batch);
      const head = encodeHead({ chainId, genesisHash, number: this.#head.number, hash: this.#head.hash });
      batch.put(Table.Meta, HEAD_KEY, head);
      const segment = await this.#journal?.rotate();
      const landed = batch.commit({ sync: true }).then(async () => {
        trieDb.flushed();
        blocks.flushed();
        if (segment !== undefined) await this.#journal?.dropBefore(segment);
      });
      const tracked = landed.catch((error: unknown) => {
        trieDb.flushFailed();
        throw this.#fail(error);
      });
      // A flush nobody waits for still fails the chain; the rejection is handled here.
      this.#flushInFlight = tracked.catch(() => undefined);
      return tracked;
    } catch (error) {
      trieDb.flushFailed();
      throw this.#fail(error);
    }
  }

  /**
   * Rolls back to `number` (everything flushed beforehand): the state is restored from the
   * nearest block at or below it whose state was kept and re-executed up to it; the ledger is
   * undone block by block; the later blocks are removed; all of it lands in one durable batch
   * with the target's state, so a crash leaves either the old head or the new one.
   */
  async #rollback(number: bigint): Promise<L2Block> {
    const { blocks, store, state, trieDb, chainId, genesisHash } = this.#parts;
    try {
      const target = toL2Block((await blocks.record(number))!);
      const base = await this.#keptStateAtOrBelow(number);
      await state.setStateRoot(hexToBytes(base.stateRoot));
      for (let n = base.number + 1n; n <= number; n++) await this.#reexecute((await blocks.record(n))!);
      const batch = store.batch();
      for (let n = this.#head.number; n > number; n--) {
        const record = (await blocks.record(n))!;
        this.#ledger.revert(await blocks.undo(n));
        blocks.stageRemoval(batch, n, hexToBytes(toL2Block(record).hash), transactionHashes(record));
      }
      await blocks.keepState(number);
      trieDb.stageFlush(batch, [hexToBytes(target.stateRoot)]);
      blocks.stageFlush(batch);
      this.#ledger.stageFlush(batch);
      batch.put(Table.Meta, HEAD_KEY, encodeHead({ chainId, genesisHash, number, hash: target.hash }));
      await batch.commit({ sync: true });
      trieDb.flushed();
      blocks.flushed();
      this.#parts.recentHashes.truncate(number);
      this.#head = target;
      return target;
    } catch (error) {
      trieDb.flushFailed();
      throw this.#fail(error);
    }
  }

  /** The nearest block at or below `number` whose whole state is on disk (genesis at worst). */
  async #keptStateAtOrBelow(number: bigint): Promise<{ number: bigint; stateRoot: Hex }> {
    for (let n = number; n >= 0n; n--) {
      const record = (await this.#parts.blocks.record(n))!;
      if (record.stateKept) return { number: n, stateRoot: toL2Block(record).stateRoot };
    }
    throw new RollbackOutOfRangeError("No stored state at or below that block.", { details: `block ${number}` });
  }

  /** Re-executes a stored block on the current state (a rollback), checking it reaches its hash. */
  async #reexecute(record: BlockRecord): Promise<void> {
    const header = decodeHeader(record.headerRlp);
    const context: BlockContext = {
      parentHash: hexToBytes(header.parentHash),
      coinbase: hexToBytes(header.coinbase),
      number: header.number,
      gasLimit: header.gasLimit,
      timestamp: header.timestamp,
      baseFeePerGas: header.baseFeePerGas,
      l1BlockNumber: header.l1BlockNumber,
      l1BlockHash: hexToBytes(header.l1BlockHash),
    };
    const outcome = await this.#executor.execute(
      { context, deposits: record.deposits, transactions: record.transactions },
      "strict",
    );
    if (bytesToHex(outcome.hash) !== header.hash) {
      throw new ReplayMismatchError("A stored block re-executed to another hash.", {
        details: `block ${header.number}: stored ${header.hash}, now ${bytesToHex(outcome.hash)}`,
      });
    }
  }

  async #locate(
    transactionHash: Hex,
  ): Promise<
    { block: L2Block; receipts: Awaited<ReturnType<BlockStore["receipts"]>> & {}; index: number } | undefined
  > {
    const location = await this.#parts.blocks.location(transactionHash);
    if (location === undefined || location.blockNumber > this.#head.number) return undefined;
    const record = await this.#parts.blocks.record(location.blockNumber);
    const receipts = await this.#parts.blocks.receipts(location.blockNumber);
    if (record === undefined || receipts === undefined) return undefined;
    return { block: toL2Block(record), receipts, index: location.index };
  }

  #callEnvironment(): CallEnvironment {
    const head = this.#head;
    return {
      vm: this.#parts.vm,
      state: this.#parts.state,
      common: this.#parts.common,
      context: {
        parentHash: hexToBytes(head.parentHash),
        coinbase: hexToBytes(head.coinbase),
        number: head.number,
        gasLimit: head.gasLimit,
        timestamp: head.timestamp,
        baseFeePerGas: head.baseFeePerGas,
        l1BlockNumber: head.l1BlockNumber,
        l1BlockHash: hexToBytes(head.l1BlockHash),
      },
    };
  }

  /** Marks the chain unavailable after a storage failure; returns the error to throw. */
  #fail(error: unknown): unknown {
    if (error instanceof InvalidBlockError) return error;
    this.#unavailable ??= new ChainUnavailableError("The chain failed to persist and must be reopened.", {
      cause: error,
    });
    return error;
  }

  /** Runs `operation` after every earlier one (the VM and its state are shared). */
  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => {
      if (this.#unavailable !== undefined) throw this.#unavailable;
      return operation();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** Checks a batch's place: the next number on the head, time and L1 block not going back. */
function checkBatch(batch: BatchInput, head: L2Block): void {
  const refuse = (reason: BlockRefusal, message: string, details: string): never => {
    throw new InvalidBlockError(reason, message, { details });
  };
  if (batch.number !== head.number + 1n)
    refuse(
      BlockRefusal.WrongNumber,
      "The block does not follow the head.",
      `block ${batch.number}, head ${head.number}`,
    );
  if (batch.parentHash.toLowerCase() !== head.hash)
    refuse(
      BlockRefusal.WrongParent,
      "The block's parent is not the head.",
      `parent ${batch.parentHash}, head ${head.hash}`,
    );
  if (batch.timestamp < head.timestamp)
    refuse(
      BlockRefusal.TimestampBeforeParent,
      "The block is older than its parent.",
      `${batch.timestamp} < ${head.timestamp}`,
    );
  if (batch.l1BlockNumber < head.l1BlockNumber)
    refuse(
      BlockRefusal.L1BlockBeforeParent,
      "The block's L1 block is before its parent's.",
      `${batch.l1BlockNumber} < ${head.l1BlockNumber}`,
    );
  if (
    batch.l1BlockNumber === head.l1BlockNumber &&
    batch.l1BlockHash.toLowerCase() !== head.l1BlockHash &&
    head.number > 0n
  ) {
    refuse(
      BlockRefusal.L1BlockHashMismatch,
      "The block names another L1 block at its parent's height.",
      `${batch.l1BlockHash} vs ${head.l1BlockHash}`,
    );
  }
}

/** The genesis hash a chain id and timestamp give (computed in memory, to recognise the database). */
async function expectedGenesisHash(chainId: bigint, timestamp: bigint): Promise<Hex> {
  const common = createL2Common(chainId);
  const { stateManager } = await createL2Vm(common, new MapDB<string, Uint8Array>(), new RecentBlockHashes());
  const stateRoot = await writeGenesisState(stateManager);
  return bytesToHex(genesisHeader(stateRoot, timestamp, common).hash());
}

function toAddress(address: Hex): Address {
  return new Address(hexToBytes(address));
}

/** Raw transaction bytes from hex; anything that is not hex is a malformed transaction. */
function rawBytes(raw: Uint8Array | Hex): Uint8Array {
  if (typeof raw !== "string") return raw;
  if (!isHex(raw)) throw new InvalidTransactionError(TransactionRefusal.Malformed, "The transaction is not hex data.");
  return hexToBytes(raw);
}
