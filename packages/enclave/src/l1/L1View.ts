import {
  commitmentToVersionedHash,
  decodeEventLog,
  decodeFunctionData,
  getAddress,
  hexToBytes,
  keccak256,
  concat,
  type Address,
  type Hex,
} from "viem";
import {
  type AssetKind,
  bridgeManagementAbi,
  decodeBlobs,
  getKzg,
  networkManagementAbi,
  rollupManagementAbi,
  type Deposit,
  type RollupHeader,
} from "@obscuro/sdk";
import { EnclaveRefusal } from "../rpc/errors.ts";
import { computeHeaderHash, computeReceiptsRoot, type RpcHeader, type RpcReceipt } from "./l1Encoding.ts";
import { bloomMayContain } from "./bloom.ts";

/** The protocol contracts whose events the enclave takes from L1 (the deployment's). */
export interface L1Contracts {
  networkManagement: Address;
  rollupManagement: Address;
  bridgeManagement: Address;
}

/**
 * A blob as the host hands it over. The enclave ties it to its versioned hash itself, by computing
 * its KZG commitment: nothing the host says about the blob is taken on trust.
 */
export interface BlobInput {
  versionedHash: Hex;
  blob: Hex;
}

/** An L1 block as the host hands it over (what the node's L1 follower collects). */
export interface L1BlockInput {
  header: RpcHeader;
  /** Every receipt of the block; needed when its bloom may hold a protocol event. */
  receipts?: RpcReceipt[] | undefined;
  /** The data of rollups submitted in the block: the transaction's input, and its blobs. */
  rollups: { transactionHash: Hex; input: Hex; blobs: BlobInput[] }[];
}

/** A block of the accepted L1 chain. */
export interface AcceptedL1Block {
  number: bigint;
  hash: Hex;
  parentHash: Hex;
  timestamp: bigint;
}

/**
 * A rollup submitted on L1, with its payload (still encrypted) checked against the header's
 * `dataHash`; a blob rollup's payload is read out of its blobs (`decodeBlobs`), and is `undefined`
 * when the blobs do not hold a well-formed payload (an invalid rollup, which the enclave testifies
 * against).
 */
export interface L1Rollup {
  rollupHash: Hex;
  header: RollupHeader;
  publisher: Address;
  blobs: boolean;
  payload: Uint8Array | undefined;
  l1BlockNumber: bigint;
}

/** A deposit with the L1 block it was made in. */
export interface L1Deposit extends Deposit {
  acc: Hex;
  l1BlockNumber: bigint;
}

/** What an accepted L1 block means for the protocol. */
export interface L1Effects {
  block: AcceptedL1Block;
  /** Set when the block forks off an earlier accepted block: everything above this one is gone. */
  reorgedTo: AcceptedL1Block | undefined;
  /** Whether the block was accepted before (fed again after a host restart): nothing new. */
  duplicate: boolean;
  deposits: L1Deposit[];
  rollups: L1Rollup[];
  /** The network key `initializeNetwork` stored, when this block has it. */
  networkKey: Address | undefined;
  /** Rollups slashed as invalid in this block. */
  invalidated: Hex[];
  /** A canonical-branch switch, or the ledger halted or frozen: the L2 must follow the contract. */
  canonicalChanged: boolean;
  frozen: { rollupHash: Hex; number: bigint } | undefined;
}

/** How many accepted blocks are kept to recognise a reorg (deeper ones are refused). */
export const L1_WINDOW = 1024;

/**
 * The enclave's own view of L1: it takes from the host only blocks on an unbroken parent-hash
 * chain from a trusted start, each re-hashed from its header; for a block whose logs bloom may
 * hold a protocol event, every receipt, checked against the header's receipts root; and rollup
 * payloads checked against the `dataHash` in the header of their `RollupSubmitted` event (blobs
 * by their KZG commitments). So a host can delay the enclave, but not feed it a deposit that did
 * not happen, a rollup that was not submitted, or hide a reorg.
 */
export class L1View {
  readonly #contracts: L1Contracts;
  readonly #window = new Map<bigint, AcceptedL1Block>();
  #head: AcceptedL1Block | undefined;

  constructor(contracts: L1Contracts, accepted: readonly AcceptedL1Block[] = []) {
    this.#contracts = {
      networkManagement: getAddress(contracts.networkManagement),
      rollupManagement: getAddress(contracts.rollupManagement),
      bridgeManagement: getAddress(contracts.bridgeManagement),
    };
    for (const block of [...accepted].sort((a, b) => (a.number < b.number ? -1 : 1))) {
      this.#window.set(block.number, block);
      this.#head = block;
    }
  }

  get head(): AcceptedL1Block | undefined {
    return this.#head;
  }

  /** The accepted block at `number`, if still in the window. */
  block(number: bigint): AcceptedL1Block | undefined {
    return this.#window.get(number);
  }

  /**
   * Checks a block and returns what it means, without changing the view (`commit` does, once
   * the enclave has stored the effects).
   * @throws {EnclaveRefusal} `L1_BLOCK_REFUSED` for a block that does not hash to itself, does not
   *   extend the accepted chain (or a block of its window), misses receipts or rollup data, or
   *   whose receipts or data do not match the header.
   */
  check(input: L1BlockInput, trustedStart: { number: bigint; hash: Hex }): L1Effects {
    const header = input.header;
    const block: AcceptedL1Block = {
      number: BigInt(header.number),
      hash: header.hash,
      parentHash: header.parentHash,
      timestamp: BigInt(header.timestamp),
    };
    if (computeHeaderHash(header) !== header.hash)
      refuse("The block does not hash to its header.", `block ${block.number}`);
    const known = this.#window.get(block.number);
    if (known?.hash === block.hash) return { ...empty(block), duplicate: true };
    let reorgedTo: AcceptedL1Block | undefined;
    if (!this.#head) {
      if (block.number !== trustedStart.number || block.hash !== trustedStart.hash) {
        refuse(
          "The first block must be the trusted start.",
          `got ${block.number} ${block.hash}, trusted ${trustedStart.number} ${trustedStart.hash}`,
        );
      }
    } else if (block.number === this.#head.number + 1n && block.parentHash === this.#head.hash) {
      // extends the head
    } else {
      const parent = this.#window.get(block.number - 1n);
      if (!parent || parent.hash !== block.parentHash) {
        refuse(
          "The block does not extend the accepted chain.",
          `block ${block.number}, parent ${block.parentHash}, head ${this.#head.number}`,
        );
      }
      reorgedTo = parent;
    }
    return { ...this.#effects(input, block), reorgedTo };
  }

  /** Makes a checked block the head (dropping what a reorg abandoned). */
  commit(effects: L1Effects): void {
    if (effects.duplicate) return;
    if (effects.reorgedTo) {
      for (const number of [...this.#window.keys()]) if (number > effects.reorgedTo.number) this.#window.delete(number);
    }
    this.#window.set(effects.block.number, effects.block);
    this.#head = effects.block;
    for (const number of this.#window.keys())
      if (number + BigInt(L1_WINDOW) <= effects.block.number) this.#window.delete(number);
  }

  #effects(input: L1BlockInput, block: AcceptedL1Block): L1Effects {
    const effects = empty(block);
    const watched = Object.values(this.#contracts);
    if (!watched.some((address) => bloomMayContain(input.header.logsBloom, address))) return effects;
    const receipts = input.receipts;
    if (!receipts) refuse("Receipts are missing for a block that may hold protocol events.", `block ${block.number}`);
    if (computeReceiptsRoot(receipts) !== input.header.receiptsRoot) {
      refuse("The receipts do not match the header's receipts root.", `block ${block.number}`);
    }
    const unmatched = [...input.rollups];
    for (const receipt of receipts) {
      for (const log of receipt.logs) {
        const address = getAddress(log.address);
        if (address === this.#contracts.bridgeManagement) this.#bridgeEvent(log, block, effects);
        else if (address === this.#contracts.rollupManagement) this.#rollupEvent(log, block, effects, unmatched);
        else if (address === this.#contracts.networkManagement) this.#networkEvent(log, effects);
      }
    }
    return effects;
  }

  #bridgeEvent(log: RpcReceipt["logs"][number], block: AcceptedL1Block, effects: L1Effects): void {
    const event = decode(bridgeManagementAbi, log);
    if (event?.eventName === "DepositQueued") {
      const a = event.args as {
        index: bigint;
        from: Address;
        to: Address;
        kind: number;
        token: Address;
        amountOrId: bigint;
        acc: Hex;
      };
      effects.deposits.push({
        index: a.index,
        kind: a.kind as AssetKind,
        from: a.from,
        to: a.to,
        token: a.token,
        amountOrId: a.amountOrId,
        acc: a.acc,
        l1BlockNumber: block.number,
      });
    } else if (event?.eventName === "Frozen") {
      const a = event.args as { rollupHash: Hex; number: bigint };
      effects.frozen = { rollupHash: a.rollupHash, number: BigInt(a.number) };
    }
  }

  #rollupEvent(
    log: RpcReceipt["logs"][number],
    block: AcceptedL1Block,
    effects: L1Effects,
    unmatched: L1BlockInput["rollups"],
  ): void {
    const event = decode(rollupManagementAbi, log);
    if (!event) return;
    if (event.eventName === "RollupSubmitted") {
      const a = event.args as { rollupHash: Hex; header: RollupHeader; publisher: Address; blobs: boolean };
      const data = a.blobs ? takeBlobs(a.header, unmatched) : takeCalldataPayload(a.header, unmatched);
      if (!data)
        refuse(
          "A rollup's data is missing or does not match its header.",
          `rollup ${a.rollupHash} in block ${block.number}`,
        );
      const payload = a.blobs ? readBlobs(data as Uint8Array[]) : (data as Uint8Array);
      effects.rollups.push({
        rollupHash: a.rollupHash,
        header: a.header,
        publisher: a.publisher,
        blobs: a.blobs,
        payload,
        l1BlockNumber: block.number,
      });
    } else if (event.eventName === "RollupInvalidated") {
      effects.invalidated.push((event.args as { rollupHash: Hex }).rollupHash);
      effects.canonicalChanged = true;
    } else if (event.eventName === "CanonicalBranchSwitched" || event.eventName === "Halted") {
      effects.canonicalChanged = true;
    }
  }

  #networkEvent(log: RpcReceipt["logs"][number], effects: L1Effects): void {
    const event = decode(networkManagementAbi, log);
    if (event?.eventName === "NetworkInitialized")
      effects.networkKey = getAddress((event.args as { networkKey: Address }).networkKey);
  }
}

function empty(block: AcceptedL1Block): L1Effects {
  return {
    block,
    reorgedTo: undefined,
    duplicate: false,
    deposits: [],
    rollups: [],
    networkKey: undefined,
    invalidated: [],
    canonicalChanged: false,
    frozen: undefined,
  };
}

function decode(abi: readonly unknown[], log: RpcReceipt["logs"][number]) {
  try {
    return decodeEventLog({ abi: abi as never, data: log.data, topics: log.topics as [Hex, ...Hex[]] }) as {
      eventName: string;
      args: unknown;
    };
  } catch {
    return undefined;
  }
}

/** The payload of a calldata rollup: `submitRollup`'s `_data`, whose keccak256 is the header's `dataHash`. */
function takeCalldataPayload(header: RollupHeader, candidates: L1BlockInput["rollups"]): Uint8Array | undefined {
  for (const [i, candidate] of candidates.entries()) {
    try {
      const { functionName, args } = decodeFunctionData({ abi: rollupManagementAbi, data: candidate.input });
      if (functionName !== "submitRollup") continue;
      const data = (args as readonly unknown[])[2] as Hex;
      if (keccak256(data) !== header.dataHash) continue;
      candidates.splice(i, 1);
      return hexToBytes(data);
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * The blobs of a blob rollup, whose versioned hashes hash to the header's `dataHash`, each checked
 * by recomputing its KZG commitment and that commitment's versioned hash (the value L1 committed
 * to). A commitment is binding, so no other blob has the same one; computing it (about 8 ms a blob
 * here) costs less than checking a proof the host would first have to compute (about 56 ms + 2 ms).
 */
function takeBlobs(header: RollupHeader, candidates: L1BlockInput["rollups"]): Uint8Array[] | undefined {
  const kzg = getKzg();
  for (const [i, candidate] of candidates.entries()) {
    if (candidate.blobs.length === 0) continue;
    const versionedHashes = candidate.blobs.map((b) => b.versionedHash);
    if (keccak256(concat(versionedHashes)) !== header.dataHash) continue;
    const blobs = candidate.blobs.map((b) => hexToBytes(b.blob));
    for (const [j, blob] of blobs.entries()) {
      if (blobVersionedHash(kzg, blob) !== versionedHashes[j]) return undefined;
    }
    candidates.splice(i, 1);
    return blobs;
  }
  return undefined;
}

/** The versioned hash of a blob's KZG commitment; undefined for bytes that are no blob (wrong size, a field element out of range). */
function blobVersionedHash(kzg: ReturnType<typeof getKzg>, blob: Uint8Array): Hex | undefined {
  try {
    return commitmentToVersionedHash({ commitment: kzg.blobToKzgCommitment(blob), to: "hex" });
  } catch {
    return undefined;
  }
}

/** The payload blobs carry, or undefined when they are not a well-formed encoding (an invalid rollup). */
function readBlobs(blobs: Uint8Array[]): Uint8Array | undefined {
  try {
    return decodeBlobs({ blobs });
  } catch {
    return undefined;
  }
}

function refuse(message: string, details: string): never {
  throw new EnclaveRefusal("L1_BLOCK_REFUSED", message, details);
}
