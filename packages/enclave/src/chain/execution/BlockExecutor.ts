import type { Block, BlockHeader } from "@ethereumjs/block";
import type { Common } from "@ethereumjs/common";
import type { Deposit } from "@obscuro/sdk";
import { runTx, type RunTxResult, type VM } from "@ethereumjs/vm";
import { nativeKeccak256 } from "../crypto.ts";
import { BlockRefusal, InvalidBlockError, InvalidTransactionError, TransactionRefusal } from "../errors.ts";
import type { TrackingStateManager } from "../state/TrackingStateManager.ts";
import { applyDeposit } from "./deposits.ts";
import {
  encodeConsensusReceipt,
  encodeDepositTransaction,
  logsBloom,
  orBloom,
  type ExecutedReceipt,
  type RawLog,
} from "./encoding.ts";
import { buildHeader, contextBlock, type BlockContext } from "./header.ts";
import { orderedTrieRoot } from "./orderedTrieRoot.ts";
import {
  checkGasAndFee,
  checkGasLeft,
  checkSender,
  decodeTransaction,
  effectiveGasPrice,
  refusal,
  type DecodedTransaction,
} from "./transactions.ts";

/** A block to execute: its context, deposits (already checked) and user transactions. */
export interface ExecutionInput {
  context: BlockContext;
  deposits: readonly Deposit[];
  transactions: readonly Uint8Array[];
}

/**
 * `strict`: a block from elsewhere, every transaction must be valid. `build`: the sequencer's
 * candidates, an invalid one is left out.
 */
export type ExecutionMode = "strict" | "build";

/** A candidate `buildBlock` left out, and why. */
export interface ExcludedTransaction {
  /** Position among the candidates. */
  index: number;
  error: InvalidTransactionError;
}

/** An executed block, committed to the state manager (in memory). */
export interface ExecutionOutcome {
  header: BlockHeader;
  headerRlp: Uint8Array;
  hash: Uint8Array;
  /** Deposits first, then user transactions. */
  receipts: ExecutedReceipt[];
  transactionHashes: Uint8Array[];
  /** The user transactions included, in order. */
  transactions: Uint8Array[];
  excluded: ExcludedTransaction[];
  /** Accounts written by the block (for the ledger). */
  touched: Set<string>;
}

/**
 * Runs blocks on the ethereumjs VM: deposits as system calls, then `runTx` per transaction, all
 * inside one state checkpoint that commits only when the whole block is valid (so a rejected
 * block leaves the state untouched), then the state root and the header.
 */
export class BlockExecutor {
  readonly #vm: VM;
  readonly #state: TrackingStateManager;
  readonly #common: Common;

  constructor(vm: VM, state: TrackingStateManager, common: Common) {
    this.#vm = vm;
    this.#state = state;
    this.#common = common;
  }

  /** @throws {InvalidBlockError} in strict mode, with the state unchanged. */
  async execute(input: ExecutionInput, mode: ExecutionMode): Promise<ExecutionOutcome> {
    const block = contextBlock(input.context, this.#common);
    const run = new BlockRun(input.context);
    this.#state.takeTouched();
    await this.#state.checkpoint();
    try {
      for (const deposit of input.deposits) run.addDeposit(deposit, await applyDeposit(this.#vm, deposit, block));
      for (const [index, raw] of input.transactions.entries()) await this.#runTransaction(run, block, raw, index, mode);
      await this.#state.commit();
    } catch (error) {
      await this.#state.revert();
      this.#state.takeTouched();
      throw error;
    }
    const stateRoot = await this.#state.getStateRoot();
    return run.finish(stateRoot, this.#common, this.#state.takeTouched());
  }

  async #runTransaction(
    run: BlockRun,
    block: Block,
    raw: Uint8Array,
    index: number,
    mode: ExecutionMode,
  ): Promise<void> {
    try {
      const decoded = decodeTransaction(raw, this.#common);
      checkGasLeft(decoded, run.context.gasLimit - run.gasUsed);
      run.addTransaction(decoded, await this.#apply(decoded, block, run));
    } catch (error) {
      if (!(error instanceof InvalidTransactionError)) throw error;
      if (mode === "build") return run.exclude(index, error);
      throw new InvalidBlockError(BlockRefusal.InvalidTransaction, "The block holds an invalid transaction.", {
        transactionIndex: index,
        details: `transaction ${index}: ${error.reason}`,
        cause: error,
      });
    }
  }

  /**
   * Runs the transaction. `runTx` checks the intrinsic gas, the fee cap against the base fee,
   * EIP-3607, the nonce and the balance itself, and throws (changing nothing) when one fails;
   * only then are the checks run again here, to say which one it was, so a valid transaction
   * pays for no check twice.
   */
  async #apply(decoded: DecodedTransaction, block: Block, run: BlockRun): Promise<RunTxResult> {
    try {
      return await runTx(this.#vm, {
        tx: decoded.tx,
        block,
        skipHardForkValidation: true,
        skipBlockGasLimitValidation: true,
        blockGasUsed: run.gasUsed,
      });
    } catch (cause) {
      await this.#explainRefusal(decoded, run);
      throw refusal(TransactionRefusal.ExecutionRejected, "The EVM refused the transaction.", errorText(cause), cause);
    }
  }

  /** Throws the refusal a transaction `runTx` refused deserves, if it is one of the checked kinds. */
  async #explainRefusal(decoded: DecodedTransaction, run: BlockRun): Promise<void> {
    checkGasAndFee(decoded, run.context.baseFeePerGas, run.context.gasLimit - run.gasUsed);
    const account = await this.#state.getAccount(decoded.sender);
    await checkSender(decoded, account, () => this.#state.getCode(decoded.sender), {
      expected: account?.nonce ?? 0n,
      maxGap: 0n,
    });
  }
}

/** The receipts, hashes and gas of a block as it executes. */
class BlockRun {
  readonly context: BlockContext;
  gasUsed = 0n;
  readonly receipts: ExecutedReceipt[] = [];
  readonly transactionHashes: Uint8Array[] = [];
  readonly encodedTransactions: Uint8Array[] = [];
  readonly transactions: Uint8Array[] = [];
  readonly excluded: ExcludedTransaction[] = [];

  constructor(context: BlockContext) {
    this.context = context;
  }

  addDeposit(deposit: Deposit, receipt: ExecutedReceipt): void {
    const encoded = encodeDepositTransaction(deposit);
    this.encodedTransactions.push(encoded);
    this.transactionHashes.push(nativeKeccak256(encoded));
    this.receipts.push(receipt);
  }

  addTransaction(decoded: DecodedTransaction, result: RunTxResult): void {
    this.gasUsed += result.blockGasSpent;
    const failed = result.execResult.exceptionError !== undefined;
    this.receipts.push({
      type: decoded.tx.type,
      status: failed ? 0 : 1,
      cumulativeGasUsed: this.gasUsed,
      logs: failed ? [] : ((result.execResult.logs ?? []) as RawLog[]),
      from: decoded.sender.bytes,
      to: decoded.tx.to?.bytes ?? new Uint8Array(0),
      contractAddress: result.createdAddress?.bytes ?? new Uint8Array(0),
      effectiveGasPrice: effectiveGasPrice(decoded.tx, this.context.baseFeePerGas),
    });
    this.encodedTransactions.push(decoded.raw);
    this.transactionHashes.push(decoded.hash);
    this.transactions.push(decoded.raw);
  }

  exclude(index: number, error: InvalidTransactionError): void {
    this.excluded.push({ index, error });
  }

  finish(stateRoot: Uint8Array, common: Common, touched: Set<string>): ExecutionOutcome {
    const bloom = new Uint8Array(256);
    const encodedReceipts = this.receipts.map((receipt) => {
      const receiptBloom = logsBloom(receipt.logs);
      if (receipt.logs.length > 0) orBloom(bloom, receiptBloom);
      return encodeConsensusReceipt(receipt, receiptBloom);
    });
    const header = buildHeader(
      {
        ...this.context,
        stateRoot,
        transactionsRoot: orderedTrieRoot(this.encodedTransactions),
        receiptsRoot: orderedTrieRoot(encodedReceipts),
        logsBloom: bloom,
        gasUsed: this.gasUsed,
      },
      common,
    );
    return {
      header,
      headerRlp: header.serialize(),
      hash: header.hash(),
      receipts: this.receipts,
      transactionHashes: this.transactionHashes,
      transactions: this.transactions,
      excluded: this.excluded,
      touched,
    };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
}
