import type { Common } from "@ethereumjs/common";
import { RLP } from "@ethereumjs/rlp";
import { createTxFromRLP, getMinimumGasLimit, type TypedTransaction } from "@ethereumjs/tx";
import {
  bytesToBigInt,
  KECCAK256_NULL,
  SECP256K1_ORDER,
  SECP256K1_ORDER_DIV_2,
  type Account,
  type Address,
} from "@ethereumjs/util";
import { MAX_TRANSACTION_BYTES } from "../constants.ts";
import { nativeKeccak256 } from "../crypto.ts";
import { InvalidTransactionError, TransactionRefusal } from "../errors.ts";

/** EIP-3860's limit on contract creation code. */
const MAX_INIT_CODE_BYTES = 49_152;
/** The code prefix of an EIP-7702 delegation, whose owner may still send transactions. */
const DELEGATION_PREFIX = Uint8Array.of(0xef, 0x01, 0x00);

/** A decoded, signature-checked user transaction. */
export interface DecodedTransaction {
  tx: TypedTransaction;
  raw: Uint8Array;
  hash: Uint8Array;
  sender: Address;
}

/**
 * Decodes a signed transaction and checks what needs no state: size, type (legacy, EIP-2930,
 * EIP-1559), chain id (legacy ones must carry EIP-155 protection), init code size, signature.
 * @throws {InvalidTransactionError}
 */
export function decodeTransaction(raw: Uint8Array, common: Common): DecodedTransaction {
  if (raw.length > MAX_TRANSACTION_BYTES) {
    throw refusal(TransactionRefusal.TooLarge, "The transaction is too large.", `${raw.length} bytes`);
  }
  const type = raw[0];
  if (type === undefined || (type < 0xc0 && type !== 0x01 && type !== 0x02)) {
    throw refusal(TransactionRefusal.UnsupportedType, "The transaction type is not supported.", `type ${type}`);
  }
  let tx: TypedTransaction;
  try {
    tx = createTxFromRLP(raw, { common });
  } catch (cause) {
    // Only now, on the error path, read the envelope to say why.
    throw explainDecodingFailure(raw, common.chainId(), cause);
  }
  if (tx.type === 0 && (tx.v === 27n || tx.v === 28n)) {
    throw refusal(TransactionRefusal.ReplayUnprotected, "Legacy transactions must carry EIP-155 replay protection.");
  }
  if (tx.to === undefined && tx.data.length > MAX_INIT_CODE_BYTES) {
    throw refusal(
      TransactionRefusal.InitCodeTooLarge,
      "The contract creation code is too large.",
      `${tx.data.length} bytes`,
    );
  }
  let sender: Address;
  try {
    sender = tx.getSenderAddress();
  } catch (cause) {
    throw refusal(TransactionRefusal.InvalidSignature, "The signature is invalid.", undefined, cause);
  }
  // keccak256 of the bytes received: the transaction's hash, without re-encoding it.
  return { tx, raw, hash: nativeKeccak256(raw), sender };
}

/**
 * Why ethereumjs could not build the transaction, from its envelope: another chain (the chain id
 * of a typed transaction, `v` of a legacy one), a signature out of range (zero, or a high `s`),
 * creation code over EIP-3860's limit, or else malformed.
 */
function explainDecodingFailure(raw: Uint8Array, chainId: bigint, cause: unknown): InvalidTransactionError {
  const legacy = raw[0]! >= 0xc0;
  const fields = decodeList(legacy ? raw : raw.subarray(1));
  if (fields === undefined)
    return refusal(TransactionRefusal.Malformed, "The transaction cannot be decoded.", undefined, cause);
  const txChainId = legacy ? legacyChainId(fields[6]) : bytesToBigInt(fields[0] ?? new Uint8Array(0));
  if (txChainId !== undefined && txChainId !== chainId) {
    return refusal(TransactionRefusal.WrongChainId, "The transaction is for another chain.", `chain id ${txChainId}`);
  }
  const [r, sValue] = fields.slice(-2).map((field) => bytesToBigInt(field ?? new Uint8Array(0)));
  if (fields.length >= 9 && (r === 0n || sValue === 0n || r! >= SECP256K1_ORDER || sValue! > SECP256K1_ORDER_DIV_2)) {
    return refusal(TransactionRefusal.InvalidSignature, "The signature is invalid.", undefined, cause);
  }
  // The `to` field: legacy [nonce, gasPrice, gasLimit, to, ...], EIP-2930 [chainId, nonce, gasPrice,
  // gasLimit, to, ...], EIP-1559 [chainId, nonce, tip, maxFee, gasLimit, to, ...]; data follows value.
  const toIndex = legacy ? 3 : raw[0] === 0x01 ? 4 : 5;
  const data = fields[toIndex + 2];
  if (fields[toIndex]?.length === 0 && data instanceof Uint8Array && data.length > MAX_INIT_CODE_BYTES) {
    return refusal(
      TransactionRefusal.InitCodeTooLarge,
      "The contract creation code is too large.",
      `${data.length} bytes`,
    );
  }
  return refusal(TransactionRefusal.Malformed, "The transaction cannot be decoded.", undefined, cause);
}

/** The chain id of an EIP-155 `v`, or undefined for a `v` without one. */
function legacyChainId(v: Uint8Array | undefined): bigint | undefined {
  if (!(v instanceof Uint8Array)) return undefined;
  const value = bytesToBigInt(v);
  return value >= 35n ? (value - 35n) / 2n : undefined;
}

function decodeList(bytes: Uint8Array): Uint8Array[] | undefined {
  try {
    const decoded = RLP.decode(bytes);
    return Array.isArray(decoded) ? (decoded as Uint8Array[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The most a transaction pays per gas (its max fee, or its gas price). */
export function feeCap(tx: TypedTransaction): bigint {
  return "maxFeePerGas" in tx ? tx.maxFeePerGas : tx.gasPrice;
}

/** What it pays per gas in a block with `baseFee`. */
export function effectiveGasPrice(tx: TypedTransaction, baseFee: bigint): bigint {
  if (!("maxFeePerGas" in tx)) return tx.gasPrice;
  const price = baseFee + tx.maxPriorityFeePerGas;
  return price < tx.maxFeePerGas ? price : tx.maxFeePerGas;
}

/**
 * The block's gas rule: a transaction's gas limit must fit what the block has left.
 * @throws {InvalidTransactionError}
 */
export function checkGasLeft(decoded: DecodedTransaction, gasAvailable: bigint): void {
  if (decoded.tx.gasLimit > gasAvailable) {
    throw refusal(
      TransactionRefusal.GasLimitTooHigh,
      "The gas limit is above what the block has left.",
      `${decoded.tx.gasLimit} > ${gasAvailable}`,
    );
  }
}

/**
 * Gas limit and fee checks: at least the intrinsic gas (and EIP-7623 floor), at most
 * `gasAvailable` (the block gas limit, or what is left in the block), a fee cap of at least the
 * base fee.
 * @throws {InvalidTransactionError}
 */
export function checkGasAndFee(decoded: DecodedTransaction, baseFee: bigint, gasAvailable: bigint): void {
  const { tx, sender } = decoded;
  const minimum = getMinimumGasLimit(tx, sender);
  if (tx.gasLimit < minimum) {
    throw refusal(
      TransactionRefusal.IntrinsicGasTooLow,
      "The gas limit is below the intrinsic gas.",
      `${tx.gasLimit} < ${minimum}`,
    );
  }
  if (tx.gasLimit > gasAvailable) {
    throw refusal(
      TransactionRefusal.GasLimitTooHigh,
      "The gas limit is above what the block has left.",
      `${tx.gasLimit} > ${gasAvailable}`,
    );
  }
  const cap = feeCap(tx);
  if (cap < baseFee) {
    throw refusal(TransactionRefusal.FeeCapTooLow, "The fee cap is below the base fee.", `${cap} < ${baseFee}`);
  }
}

/**
 * Checks the sender's account: no code (EIP-3607, EIP-7702 delegations excepted), the nonce
 * (`exact`: the next one, as in a block; otherwise at most `maxGap` ahead), and a balance that
 * covers value + gas limit × fee cap.
 * @throws {InvalidTransactionError}
 */
export async function checkSender(
  decoded: DecodedTransaction,
  account: Account | undefined,
  code: () => Promise<Uint8Array>,
  nonce: { expected: bigint; maxGap: bigint },
): Promise<void> {
  const { tx } = decoded;
  if (tx.nonce < nonce.expected) {
    throw refusal(TransactionRefusal.NonceTooLow, "The nonce was already used.", `${tx.nonce} < ${nonce.expected}`);
  }
  if (tx.nonce > nonce.expected + nonce.maxGap) {
    throw refusal(
      TransactionRefusal.NonceTooHigh,
      "The nonce is ahead of the account's.",
      `${tx.nonce} > ${nonce.expected + nonce.maxGap}`,
    );
  }
  const cost = tx.value + tx.gasLimit * feeCap(tx);
  const balance = account?.balance ?? 0n;
  if (balance < cost) {
    throw refusal(
      TransactionRefusal.InsufficientFunds,
      "The balance does not cover value and gas.",
      `${balance} < ${cost}`,
    );
  }
  if (account !== undefined && !bytesEqual(account.codeHash, KECCAK256_NULL)) await checkDelegation(code);
}

async function checkDelegation(code: () => Promise<Uint8Array>): Promise<void> {
  const bytes = await code();
  if (bytes.length === 23 && bytesEqual(bytes.subarray(0, 3), DELEGATION_PREFIX)) return;
  throw refusal(TransactionRefusal.SenderNotEoa, "The sender is a contract (EIP-3607).");
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function refusal(
  reason: TransactionRefusal,
  message: string,
  details?: string,
  cause?: unknown,
): InvalidTransactionError {
  return new InvalidTransactionError(reason, message, { details, cause });
}
