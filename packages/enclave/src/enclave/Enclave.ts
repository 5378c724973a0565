import { randomBytes } from "node:crypto";
import { join } from "node:path";
import {
  bytesToHex,
  concat,
  encodeAbiParameters,
  getAddress,
  hexToBytes,
  keccak256,
  parseTransaction,
  recoverAddress,
  toHex,
  zeroHash,
  type Address,
  type Hex,
} from "viem";
import { sign } from "viem/accounts";
import type { Logger } from "pino";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  encryptPrivateResponse,
  openPrivateRequest,
  PrivateRequestError,
  buildRollupBlobs,
  computeCalldataDataHash,
  decodeRollupPayload,
  eciesDecrypt,
  encodeRollupPayload,
  generateMasterSecret,
  prepareNetworkInitialization,
  prepareSecretResponse,
  signInvalidRollupTestimony,
  signLotteryTicket,
  signRollupHeader,
  type LotteryTicket,
  type Deposit,
  type RollupHeader,
} from "@obscuro/sdk";
import { L2Chain } from "../chain/L2Chain.ts";
import type { SealingKeySource } from "../chain/sealing/sealingKey.ts";
import { Table } from "../chain/storage/tables.ts";
import type { L2Block } from "../chain/types.ts";
import {
  L1View,
  type AcceptedL1Block,
  type L1BlockInput,
  type L1Contracts,
  type L1Deposit,
  type L1Effects,
  type L1Rollup,
} from "../l1/L1View.ts";
import { decodeBatch, encodeBatch, type EncodedBatch } from "../rollup/batchCodec.ts";
import { EnclaveRefusal } from "../rpc/errors.ts";
import { EnclaveStore, type RecordWrite } from "../store/EnclaveStore.ts";
import type { AttestationProvider, ReportVerifier } from "./attestation.ts";
import { EnclaveKeys } from "./keys.ts";
import { Mempool } from "./Mempool.ts";
import {
  answerPrivate,
  answerPublic,
  PRIVATE_METHODS,
  PUBLIC_METHODS,
  RpcErrorCode,
  RpcMethodError,
} from "./walletRpc.ts";

/** What the enclave is configured with; in a TEE, part of its measured configuration. */
export interface EnclaveSettings {
  l1ChainId: number;
  contracts: L1Contracts & { rollupSlashing: Address };
  /** The L1 block the enclave trusts without checking (the deployment's): the L1 view starts there. */
  trustedStart: { number: bigint; hash: Hex };
  l2ChainId?: bigint | undefined;
  genesisTimestamp?: bigint | undefined;
}

export interface EnclaveOptions {
  directory: string;
  sealing: SealingKeySource;
  attestation: AttestationProvider;
  reportVerifier: ReportVerifier;
  settings: EnclaveSettings;
  logger: Logger;
  /** Blocks between the chain's durable flushes (the journal covers the rest). */
  flushInterval?: number | undefined;
}

/** The rollup the enclave's L2 follows: the latest valid rollup of the canonical chain on L1. */
export interface SafeTip {
  rollupHash: Hex;
  number: bigint;
  keyEpoch: number;
  /** The last L2 block it carries (0 for genesis). */
  l2Block: bigint;
}

type RollupStatus = "pending" | "applied" | "invalid" | "ignored";

/** A rollup the enclave took from L1 and what it made of it. */
export interface RollupRecord {
  rollupHash: Hex;
  header: RollupHeader;
  publisher: Address;
  l1BlockNumber: bigint;
  status: RollupStatus;
  /** The payload, kept until the rollup is processed. */
  payload?: Uint8Array | undefined;
  /** The L2 blocks it carries, once applied. */
  firstBlock?: bigint | undefined;
  lastBlock?: bigint | undefined;
  /** Why it is invalid, and the enclave's signed testimony. */
  reason?: string | undefined;
  testimony?: { witness: Address; signature: Hex } | undefined;
  /** Its position in L1 order, to process pending rollups in the order they landed. */
  order: bigint;
}

/** What feeding an L1 block did. */
export interface L1BlockResult {
  number: bigint;
  hash: Hex;
  duplicate: boolean;
  reorgedTo: bigint | undefined;
  deposits: number;
  rollups: {
    rollupHash: Hex;
    status: RollupStatus;
    reason?: string | undefined;
    testimony?: RollupRecord["testimony"];
  }[];
}

/** A batch the sequencer produced: its gossip (sealed for the network's enclaves) and what it holds. */
export interface ProducedBatch {
  number: bigint;
  hash: Hex;
  transactions: number;
  deposits: number;
  gossip: Hex;
}

/** A rollup ready for L1: header, the enclave's signature, and its data in blobs or calldata. */
export interface BuiltRollup {
  rollupHash: Hex;
  header: RollupHeader;
  signature: Hex;
  firstBlock: bigint;
  lastBlock: bigint;
  data:
    | { kind: "blobs"; blobs: Hex[]; commitments: Hex[]; proofs: Hex[]; versionedHashes: Hex[] }
    | { kind: "calldata"; payload: Hex };
}

const MAX_BATCH_TRANSACTIONS = 2_000;
/** How far a private request's time may be from the enclave's, in seconds. */
const REQUEST_WINDOW_SECONDS = 300;
const GOSSIP_SIGNATURE_LENGTH = 65;

/**
 * The trusted half of a node. It holds the enclave key and the network's secret, keeps its own
 * checked view of L1, executes the L2 chain, sequences batches when its node wins a round,
 * builds and signs rollups, and re-executes every rollup that lands on L1, testifying against
 * one whose roots lie. Everything it is given by the host is checked; everything it returns is
 * public data, ciphertext or a signature. Calls run one at a time.
 */
export class Enclave {
  readonly #options: EnclaveOptions;
  readonly #log: Logger;
  readonly #store: EnclaveStore;
  readonly #keys: EnclaveKeys;
  readonly #chain: L2Chain;
  readonly #l1: L1View;
  readonly #mempool = new Mempool();
  readonly #deposits = new Map<bigint, L1Deposit>();
  readonly #rollups = new Map<Hex, RollupRecord>();
  #networkKey: Address | undefined;
  #safe: SafeTip;
  #rollupOrder = 0n;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    options: EnclaveOptions,
    store: EnclaveStore,
    keys: EnclaveKeys,
    chain: L2Chain,
    l1: L1View,
    safe: SafeTip,
  ) {
    this.#options = options;
    this.#log = options.logger.child({ module: "enclave" });
    this.#store = store;
    this.#keys = keys;
    this.#chain = chain;
    this.#l1 = l1;
    this.#safe = safe;
  }

  /**
   * Opens the enclave's sealed state (creating it on first start) and resumes whatever a crash
   * interrupted: rollups taken from L1 but not processed yet are processed now.
   * @throws {EnclaveRefusal} `SETTINGS_MISMATCH` when the state was made under other settings.
   */
  static async open(options: EnclaveOptions): Promise<Enclave> {
    const store = await EnclaveStore.open(options.directory, options.sealing);
    try {
      await checkSettings(store, options.settings);
      const keys = await EnclaveKeys.load(store);
      const chain = await L2Chain.open({
        directory: join(options.directory, "chain"),
        sealingKey: options.sealing,
        ...(options.settings.l2ChainId === undefined ? {} : { chainId: options.settings.l2ChainId }),
        ...(options.settings.genesisTimestamp === undefined
          ? {}
          : { genesisTimestamp: options.settings.genesisTimestamp }),
        ...(options.flushInterval === undefined ? {} : { flushInterval: options.flushInterval }),
      });
      const accepted = await store.all<AcceptedL1Block>(Table.L1Block);
      const safe = (await store.get<SafeTip>(Table.EnclaveRecord, "safeTip")) ?? genesisTip(options.settings);
      const enclave = new Enclave(options, store, keys, chain, new L1View(options.settings.contracts, accepted), safe);
      await enclave.#load();
      await enclave.#processPendingRollups();
      return enclave;
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }

  // ─────────────────────────────────────────────────────────────── identity and the secret

  /** The enclave's public state. */
  status() {
    const head = this.#chain.head;
    return {
      enclaveId: this.#keys.enclaveId,
      publicKey: this.#keys.publicKey,
      attestation: this.#options.attestation.kind,
      hasSecret: this.#keys.hasSecret,
      networkKey: this.#networkKey ?? null,
      networkPublicKey: this.#keys.hasSecret ? this.#keys.networkKey.publicKey : null,
      l1Head: this.#l1.head ?? null,
      l2Head: { number: head.number, hash: head.hash, l1BlockNumber: head.l1BlockNumber },
      safe: this.#safe,
      mempool: this.#mempool.size,
      pendingRollups: [...this.#rollups.values()].filter((r) => r.status === "pending").length,
      nextDepositIndex: this.#chain.nextDepositIndex,
      depositsSeen: BigInt(this.#deposits.size),
    };
  }

  /** An attestation report binding the enclave key to `operator` and a recent L1 block. */
  attest(binding: { operator: Address; l1BlockNumber: bigint; l1BlockHash: Hex }): Promise<{ report: Hex }> {
    return this.#serial(async () => ({
      report: await this.#options.attestation.report({ enclavePublicKey: this.#keys.publicKey, ...binding }),
    }));
  }

  /**
   * Genesis: draws the network's master secret, seals it, and returns what `initializeNetwork`
   * takes (the secret encrypted to this enclave, the network key and both signatures).
   * Asked again before L1 has a network key (the host crashed before its transaction landed), it
   * prepares the same secret again.
   * @throws {EnclaveRefusal} `NETWORK_INITIALIZED` when L1 already has a network key.
   */
  createNetwork() {
    return this.#serial(async () => {
      if (this.#networkKey) throw new EnclaveRefusal("NETWORK_INITIALIZED", "L1 already has a network key.");
      // A host that crashed before its `initializeNetwork` landed asks again: same secret, new signatures.
      const drawn = !this.#keys.hasSecret;
      const masterSecret = drawn ? generateMasterSecret() : this.#keys.masterSecret;
      const prepared = await prepareNetworkInitialization({
        chainId: this.#options.settings.l1ChainId,
        networkManagement: this.#options.settings.contracts.networkManagement,
        masterSecret,
        enclavePrivateKey: this.#keys.privateKey,
      });
      if (drawn) await this.#keys.install(this.#store, masterSecret);
      this.#log.info({ networkKey: prepared.networkKey, drawn }, "network secret ready for genesis");
      return prepared;
    });
  }

  /**
   * Takes the secret encrypted to this enclave (a response, or its own ciphertext read back from
   * L1 after a restart), once the network key it must give is known from a verified L1 block.
   * @throws {EnclaveRefusal} `NETWORK_KEY_UNKNOWN` before the L1 view has seen the network's
   *   initialization; `SECRET_REFUSED` when the secret does not give that key.
   */
  installSecret({ encryptedSecret }: { encryptedSecret: Hex }) {
    return this.#serial(async () => {
      if (!this.#networkKey) {
        throw new EnclaveRefusal("NETWORK_KEY_UNKNOWN", "The enclave has not seen the network key on L1 yet.");
      }
      if (!this.#keys.hasSecret) await this.#keys.installEncrypted(this.#store, encryptedSecret, this.#networkKey);
      this.#log.info("network secret installed");
      await this.#processPendingRollupsUnlocked();
      return { networkKey: this.#networkKey };
    });
  }

  /**
   * Goes on replaying the rollups that wait (a joiner's history, after `installSecret`), for a few
   * seconds at most; the host calls it again while some remain.
   * @returns the rollups processed, as `feedL1Block` gives them, and how many still wait.
   */
  replayPending() {
    return this.#serial(async () => {
      const processed = await this.#processPendingRollupsUnlocked();
      return {
        rollups: processed.map(summaryOf),
        pending: this.#keys.hasSecret ? [...this.#rollups.values()].filter((r) => r.status === "pending").length : 0,
      };
    });
  }

  /**
   * Answers another node's secret request: checks its report binds its key (the report verifier),
   * then encrypts the secret to that key and signs the response with this enclave's key and the
   * network key, as `respondSecret` takes them.
   */
  respondToSecretRequest(request: {
    requesterPublicKey: Hex;
    report: Hex;
    operator: Address;
    l1BlockNumber: bigint;
    l1BlockHash: Hex;
  }) {
    return this.#serial(async () => {
      await this.#options.reportVerifier.verify(request.report, request.requesterPublicKey, {
        operator: request.operator,
        l1BlockNumber: request.l1BlockNumber,
        l1BlockHash: request.l1BlockHash,
      });
      return prepareSecretResponse({
        chainId: this.#options.settings.l1ChainId,
        networkManagement: this.#options.settings.contracts.networkManagement,
        masterSecret: this.#keys.masterSecret,
        responderPrivateKey: this.#keys.privateKey,
        requesterPublicKey: request.requesterPublicKey,
        ...(this.#networkKey ? { expectedNetworkKey: this.#networkKey } : {}),
      });
    });
  }

  // ─────────────────────────────────────────────────────────────── L1

  /**
   * Takes the next L1 block from the host, checks it (`L1View`), stores what it brings (deposits,
   * rollups, the network key) and processes the rollups: a rollup extending the enclave's safe tip
   * is decrypted, re-executed and its roots compared; a lying one gets a signed testimony. A
   * block that forks off an earlier one rolls the enclave back to the fork first.
   */
  feedL1Block(input: L1BlockInput): Promise<L1BlockResult> {
    return this.#serial(async () => {
      const effects = this.#l1.check(input, this.#options.settings.trustedStart);
      if (effects.duplicate) return this.#result(effects, []);
      if (effects.reorgedTo) await this.#rollBackL1(effects.reorgedTo);
      await this.#record(effects);
      this.#l1.commit(effects);
      if (effects.canonicalChanged) await this.#followInvalidations(effects.invalidated);
      const processed = await this.#processPendingRollupsUnlocked();
      await this.#retryFutureBatches();
      return this.#result(effects, processed);
    });
  }

  // ─────────────────────────────────────────────────────────────── transactions

  /**
   * Takes a user's transaction, encrypted to the network key: decrypts it, checks signature, chain,
   * nonce, balance and gas against the L2 state, and queues it. A refusal names its reason and
   * changes nothing.
   */
  submitTransaction({ encrypted }: { encrypted: Hex }) {
    return this.#serial(async () => {
      let raw: Uint8Array;
      try {
        raw = eciesDecrypt({ ciphertext: encrypted, privateKey: this.#keys.networkKey.privateKey });
      } catch {
        return { accepted: false as const, reason: "UNDECRYPTABLE" };
      }
      return this.#admit(raw);
    });
  }

  /** A transaction gossiped by a peer (the encrypted form a user sent): admitted like a user's. */
  async #admit(
    raw: Uint8Array,
  ): Promise<{ accepted: true; hash: Hex } | { accepted: false; reason: string; hash?: Hex }> {
    const hash = keccak256(raw);
    if (this.#mempool.has(hash)) return { accepted: true, hash };
    const validation = await this.#chain.validateTransaction(raw);
    if (!validation.valid) return { accepted: false, reason: validation.error.reason, hash };
    try {
      encodeBatch(batchFrame([raw]), Number(this.#chain.chainId));
    } catch {
      return { accepted: false, reason: "NOT_ENCODABLE", hash };
    }
    const parsed = parseTransaction(bytesToHex(raw));
    const sender = getAddress(validation.transaction.sender);
    const added = this.#mempool.add({
      hash,
      raw,
      sender,
      nonce: BigInt(parsed.nonce ?? 0),
      maxFeePerGas: parsed.maxFeePerGas ?? parsed.gasPrice ?? 0n,
    });
    if (added.refused) return { accepted: false, reason: added.refused, hash };
    const writes: RecordWrite[] = [{ table: Table.Mempool, key: hash, value: { raw, seq: this.#mempool.size } }];
    if (added.replaced) writes.push({ table: Table.Mempool, key: added.replaced.hash, value: undefined });
    await this.#store.write(writes);
    return { accepted: true, hash };
  }

  // ─────────────────────────────────────────────────────────────── sequencing

  /** Which of `hashes` still wait in the mempool (the host gossips those again, for peers that missed them). */
  pendingTransactions({ hashes }: { hashes: Hex[] }) {
    return this.#serial(async () => ({ pending: hashes.filter((hash) => this.#mempool.has(hash)) }));
  }

  /**
   * The enclave's lottery ticket for the round opened at `l1BlockNumber`: a nonce no one can
   * predict (HMAC-SHA256 of the round under the enclave key) and no host can redraw (the same round
   * always gives the same nonce), signed by the enclave key.
   * @throws {EnclaveRefusal} `NO_SECRET` before the enclave joined the network, `UNKNOWN_L1_BLOCK`
   *   for a block beyond the enclave's L1 head.
   */
  drawTicket({ l1BlockNumber }: { l1BlockNumber: bigint }) {
    return this.#serial(async (): Promise<LotteryTicket> => {
      if (!this.#keys.hasSecret)
        throw new EnclaveRefusal("NO_SECRET", "The enclave does not hold the network's secret yet.");
      const head = this.#l1.head;
      if (!head || l1BlockNumber > head.number)
        throw new EnclaveRefusal("UNKNOWN_L1_BLOCK", `L1 block ${l1BlockNumber} is beyond the enclave's L1 head.`);
      const { rollupManagement } = this.#options.settings.contracts;
      const round = encodeAbiParameters(
        [{ type: "string" }, { type: "address" }, { type: "uint256" }],
        ["obscuro/lottery", rollupManagement, l1BlockNumber],
      );
      const nonce = bytesToHex(hmac(sha256, hexToBytes(this.#keys.privateKey), hexToBytes(round)));
      return signLotteryTicket({
        chainId: this.#options.settings.l1ChainId,
        rollupManagement,
        l1BlockNumber,
        nonce,
        enclavePrivateKey: this.#keys.privateKey,
      });
    });
  }

  /**
   * As the round's sequencer: the next L2 block from the mempool and the deposits up to the latest
   * L1 block, executed, and sealed for gossip. Nothing when there is nothing to include, unless
   * `force` (an empty block that refreshes the L1 block the next rollup is built on).
   */
  produceBatch({ timestamp, coinbase, force = false }: { timestamp: bigint; coinbase: Address; force?: boolean }) {
    return this.#serial(async (): Promise<ProducedBatch | null> => {
      const l1 = this.#l1.head;
      if (!l1) throw new EnclaveRefusal("NO_L1", "The enclave has no L1 block yet.");
      if (!this.#keys.hasSecret)
        throw new EnclaveRefusal("NO_SECRET", "The enclave does not hold the network's secret yet.");
      const deposits = this.#depositsUpTo(l1.number);
      const candidates = this.#mempool.candidates(MAX_BATCH_TRANSACTIONS);
      if (!force && deposits.length === 0 && candidates.length === 0) return null;
      const head = this.#chain.head;
      const built = await this.#chain.buildBlock({
        timestamp: timestamp > head.timestamp ? timestamp : head.timestamp,
        l1BlockNumber: l1.number < head.l1BlockNumber ? head.l1BlockNumber : l1.number,
        l1BlockHash: l1.number < head.l1BlockNumber ? head.l1BlockHash : l1.hash,
        coinbase,
        deposits,
        transactions: candidates.map((c) => c.raw),
      });
      await this.#dropFromMempool(
        built.block,
        built.excluded.map((e) => ({ hash: candidates[e.index]!.hash, reason: e.error.reason })),
      );
      const encoded = encodeBatch(toEncodedBatch(built.block), Number(this.#chain.chainId));
      const signature = await sign({ hash: keccak256(encoded), privateKey: this.#keys.privateKey, to: "bytes" });
      return {
        number: built.block.number,
        hash: built.block.hash,
        transactions: built.block.transactions.length,
        deposits: built.block.deposits.length,
        gossip: bytesToHex(this.#keys.sealGossip(concatBytes([signature, encoded]))),
      };
    });
  }

  /**
   * A batch gossiped by the round's sequencer: opened (only the network's enclaves can), its
   * signer recovered, and executed strictly on the head. `accept` when executed, `ignore` when it
   * is not the next block (a duplicate, or ahead of what this enclave has; kept to retry when it is
   * ahead), `reject` when it is not a batch of the network or does not execute to its hash.
   */
  applyBatch({ gossip }: { gossip: Hex }) {
    return this.#serial(async () => this.#applyBatch(hexToBytes(gossip), true));
  }

  readonly #future = new Map<bigint, Uint8Array>();

  async #applyBatch(
    sealed: Uint8Array,
    keep: boolean,
  ): Promise<{ verdict: "accept" | "ignore" | "reject"; number?: bigint; sequencer?: Address; reason?: string }> {
    if (!this.#keys.hasSecret) return { verdict: "ignore", reason: "NO_SECRET" };
    const opened = this.#keys.openGossip(sealed);
    if (!opened || opened.length <= GOSSIP_SIGNATURE_LENGTH) return { verdict: "reject", reason: "NOT_NETWORK_GOSSIP" };
    const encoded = opened.subarray(GOSSIP_SIGNATURE_LENGTH);
    let batch: EncodedBatch;
    let sequencer: Address;
    try {
      batch = decodeBatch(encoded, Number(this.#chain.chainId));
      sequencer = await recoverAddress({
        hash: keccak256(encoded),
        signature: bytesToHex(opened.subarray(0, GOSSIP_SIGNATURE_LENGTH)),
      });
    } catch {
      return { verdict: "reject", reason: "MALFORMED_BATCH" };
    }
    const head = this.#chain.head;
    if (batch.number <= head.number) return { verdict: "ignore", number: batch.number, sequencer, reason: "KNOWN" };
    const l1 = this.#l1.head;
    if (batch.number > head.number + 1n || !l1 || batch.l1BlockNumber > l1.number) {
      if (keep && this.#future.size < 256) this.#future.set(batch.number, sealed);
      return { verdict: "ignore", number: batch.number, sequencer, reason: "AHEAD" };
    }
    if (batch.parentHash !== head.hash)
      return { verdict: "ignore", number: batch.number, sequencer, reason: "OTHER_PARENT" };
    const failure = await this.#executeBatch(batch);
    if (failure) return { verdict: "reject", number: batch.number, sequencer, reason: failure };
    this.#future.delete(batch.number);
    return { verdict: "accept", number: batch.number, sequencer };
  }

  async #retryFutureBatches(): Promise<void> {
    for (let progressed = true; progressed;) {
      progressed = false;
      const next = this.#future.get(this.#chain.head.number + 1n);
      if (!next) break;
      const result = await this.#applyBatch(next, false);
      this.#future.delete(this.#chain.head.number);
      if (result.verdict === "accept") progressed = true;
      else this.#future.clear();
    }
    for (const number of this.#future.keys()) if (number <= this.#chain.head.number) this.#future.delete(number);
  }

  // ─────────────────────────────────────────────────────────────── rollups

  /**
   * The rollup of every L2 block after the safe tip: payload compressed and encrypted under the
   * key epoch's key, in blobs or calldata, and the header, with the ledger root as `stateRoot`,
   * signed by the enclave key. A new key epoch (with its key commitment) when `rotateKey`, and
   * always for the first rollup after genesis.
   * @throws {EnclaveRefusal} `NOTHING_TO_ROLL_UP` when no L2 block follows the safe tip.
   */
  buildRollup({ mode, rotateKey = false }: { mode: "blobs" | "calldata"; rotateKey?: boolean }) {
    return this.#serial(async (): Promise<BuiltRollup> => {
      const first = this.#safe.l2Block + 1n;
      const last = this.#chain.head.number;
      if (last < first) throw new EnclaveRefusal("NOTHING_TO_ROLL_UP", "No L2 block follows the safe rollup.");
      const l2ChainId = Number(this.#chain.chainId);
      const items: Uint8Array[] = [];
      for (let n = first; n <= last; n++)
        items.push(encodeBatch(toEncodedBatch((await this.#chain.getBlock(n))!), l2ChainId));
      const newEpoch = this.#safe.number === 0n || rotateKey;
      const keyEpoch = this.#safe.keyEpoch + (rotateKey && this.#safe.number !== 0n ? 1 : 0);
      const epochKey = this.#keys.epochKey(keyEpoch);
      const { rollupManagement } = this.#options.settings.contracts;
      const encoded = encodeRollupPayload({
        chainId: this.#options.settings.l1ChainId,
        rollupContract: rollupManagement,
        keyEpoch,
        transactions: items,
        epochKey,
      });
      const payload = enclaveFault() === "junk-payload" ? randomBytes(encoded.length) : encoded;
      const blobs = mode === "blobs" ? buildRollupBlobs({ payload }) : undefined;
      const head = this.#chain.head;
      const header: RollupHeader = {
        parentHash: this.#safe.rollupHash,
        number: this.#safe.number + 1n,
        l1BlockNumber: head.l1BlockNumber,
        l1BlockHash: head.l1BlockHash,
        depositCount: head.depositCount,
        depositAcc: head.depositAcc,
        stateRoot:
          enclaveFault() === "lying-state-root" ? keccak256(this.#chain.ledgerRoot()) : this.#chain.ledgerRoot(),
        withdrawalRoot: (await this.#chain.withdrawals(first, last)).withdrawalRoot,
        dataHash: blobs ? blobs.dataHash : computeCalldataDataHash(payload),
        keyEpoch,
        keyCommitment: newEpoch ? this.#keys.keyCommitment(keyEpoch) : zeroHash,
        enclaveId: this.#keys.enclaveId,
      };
      const { rollupHash, signature } = await signRollupHeader({
        header,
        chainId: this.#options.settings.l1ChainId,
        rollupManagement,
        enclavePrivateKey: this.#keys.privateKey,
      });
      this.#log.info(
        { rollupHash, number: header.number, blocks: `${first}-${last}`, bytes: payload.length },
        "rollup built",
      );
      return {
        rollupHash,
        header,
        signature,
        firstBlock: first,
        lastBlock: last,
        data: blobs
          ? {
              kind: "blobs" as const,
              blobs: blobs.blobs.map((b) => bytesToHex(b)),
              commitments: blobs.commitments.map((c) => (typeof c === "string" ? c : bytesToHex(c))),
              proofs: blobs.proofs.map((p) => (typeof p === "string" ? p : bytesToHex(p))),
              versionedHashes: [...blobs.versionedHashes],
            }
          : { kind: "calldata" as const, payload: bytesToHex(payload) },
      };
    });
  }

  /** What the enclave made of a rollup it took from L1. */
  getRollup({ rollupHash }: { rollupHash: Hex }) {
    return this.#serial(async () => {
      const record = this.#rollups.get(rollupHash);
      if (!record) return null;
      const { payload: _payload, ...rest } = record;
      return rest;
    });
  }

  // ─────────────────────────────────────────────────────────────── wallet access

  /**
   * A public JSON-RPC read (chain id, block number, block headers, code, gas price): anyone may ask.
   * Any other method is refused with JSON-RPC's "method not found".
   */
  publicRequest({ method, params }: { method: string; params: unknown[] }) {
    return this.#serial(async () => {
      if (!PUBLIC_METHODS.has(method)) {
        return {
          error: {
            code: PRIVATE_METHODS.has(method) ? RpcErrorCode.Unauthorized : RpcErrorCode.MethodNotFound,
            message: PRIVATE_METHODS.has(method)
              ? "this method needs a viewing key"
              : `the method ${method} does not exist/is not available`,
          },
        };
      }
      return this.#answer(() => answerPublic(this.#chain, method, params));
    });
  }

  readonly #seenRequests = new Map<string, number>();

  /**
   * A private request from a wallet's gateway: opened with the network key, checked (the account
   * authorized the viewing key on this network, the viewing key signed the request, it is recent
   * and not a replay), answered under the privacy rules for that account, and returned encrypted to
   * the viewing key: the host sees neither question nor answer.
   * @throws {EnclaveRefusal} `PRIVATE_REQUEST_INVALID` when it does not open or verify (nothing is answered).
   */
  privateRequest({ encrypted }: { encrypted: Hex }) {
    return this.#serial(async () => {
      let request;
      try {
        request = await openPrivateRequest({
          encrypted,
          networkPrivateKey: this.#keys.networkKey.privateKey,
          networkKey: this.#keys.networkKey.address,
          l2ChainId: this.#chain.chainId,
        });
      } catch (error) {
        if (error instanceof PrivateRequestError)
          throw new EnclaveRefusal(error.code, error.shortMessage, error.details);
        throw error;
      }
      const now = Math.floor(Date.now() / 1000);
      const { id, method, params, timestamp } = request.request;
      if (Math.abs(now - timestamp) > REQUEST_WINDOW_SECONDS) {
        throw new EnclaveRefusal("PRIVATE_REQUEST_INVALID", "The request is not recent.", "STALE");
      }
      const key = `${request.viewingKey}:${id}`;
      for (const [seen, at] of this.#seenRequests)
        if (at < now - 2 * REQUEST_WINDOW_SECONDS) this.#seenRequests.delete(seen);
      if (this.#seenRequests.has(key))
        throw new EnclaveRefusal("PRIVATE_REQUEST_INVALID", "The request was already answered.", "REPLAYED");
      this.#seenRequests.set(key, now);
      const answer = await this.#answer(() =>
        PUBLIC_METHODS.has(method)
          ? answerPublic(this.#chain, method, params)
          : this.#answerPrivate(request.account, method, params),
      );
      return { encrypted: encryptPrivateResponse({ id, ...answer }, request.viewingPublicKey) };
    });
  }

  async #answerPrivate(account: Address, method: string, params: unknown[]): Promise<unknown> {
    switch (method) {
      case "obscuro_getWithdrawals":
        return this.#withdrawalsOf(account);
      case "obscuro_getWithdrawalProof":
        return this.#withdrawalProof(account, params[0] as Hex, BigInt(params[1] as string));
      case "obscuro_getBalanceProof":
        return this.#balanceProof(account, params[0] as { kind: number; token: Address; tokenId?: string });
      case "eth_getTransactionCount": {
        // "pending" counts the account's own transactions waiting in the mempool, as wallets expect
        const nonce = BigInt((await answerPrivate(this.#chain, account, method, params)) as Hex);
        return toHex(params[1] === "pending" ? this.#mempool.pendingNonce(account, nonce) : nonce);
      }
      default:
        return answerPrivate(this.#chain, account, method, params);
    }
  }

  async #answer(
    run: () => Promise<unknown>,
  ): Promise<{ result: unknown } | { error: { code: number; message: string; data?: Hex } }> {
    try {
      return { result: await run() };
    } catch (error) {
      if (error instanceof RpcMethodError) {
        const data = (error as RpcMethodError & { data?: Hex }).data;
        return { error: { code: error.rpcCode, message: error.message, ...(data ? { data } : {}) } };
      }
      const code = (error as { code?: string }).code;
      if (code === "EXECUTION_REVERTED")
        return {
          error: {
            code: RpcErrorCode.ExecutionReverted,
            message: "execution reverted",
            data: (error as { data?: Hex }).data ?? "0x",
          },
        };
      if (code === "INVALID_CALL" || code === "INVALID_TRANSACTION" || code === "LOG_QUERY_TOO_LARGE") {
        return {
          error: {
            code: RpcErrorCode.InvalidParams,
            message: (error as { shortMessage?: string }).shortMessage ?? "invalid request",
          },
        };
      }
      this.#log.error({ err: error }, "wallet request failed");
      return { error: { code: -32603, message: "internal error" } };
    }
  }

  /** The account's withdrawals (as sender or L1 recipient), with the rollup that carries each, if any yet. */
  async #withdrawalsOf(account: Address) {
    const head = this.#chain.head.number;
    const batch = await this.#chain.withdrawals(1n, head);
    const mine = batch.withdrawals.filter((w) => w.sender === account || getAddress(w.recipient) === account);
    const applied = [...this.#rollups.values()].filter((r) => r.status === "applied");
    return mine.map((w) => {
      const rollup = applied.find((r) => r.firstBlock! <= w.blockNumber && w.blockNumber <= r.lastBlock!);
      return { ...w, rollupHash: rollup?.rollupHash ?? null };
    });
  }

  /** The Merkle proof of the account's withdrawal against the `withdrawalRoot` of the applied rollup carrying it. */
  async #withdrawalProof(account: Address, rollupHash: Hex, withdrawalId: bigint) {
    const record = this.#rollups.get(rollupHash);
    if (record?.status !== "applied" || record.firstBlock === undefined || record.lastBlock === undefined) {
      throw new RpcMethodError(RpcErrorCode.ResourceUnavailable, "no applied rollup with this hash");
    }
    const batch = await this.#chain.withdrawals(record.firstBlock, record.lastBlock);
    const withdrawal = batch.withdrawals.find((w) => w.id === withdrawalId);
    if (!withdrawal || (withdrawal.sender !== account && getAddress(withdrawal.recipient) !== account)) {
      throw new RpcMethodError(RpcErrorCode.ResourceUnavailable, "no such withdrawal of this account in the rollup");
    }
    return { header: record.header, withdrawal, proof: batch.proof(withdrawalId) };
  }

  /** The account's ledger entry at the safe tip, with its proof against the safe rollup's `stateRoot`. */
  async #balanceProof(account: Address, query: { kind: number; token: Address; tokenId?: string }) {
    if (this.#chain.head.number !== this.#safe.l2Block) {
      throw new RpcMethodError(
        RpcErrorCode.ResourceUnavailable,
        "the L2 head is ahead of the safe rollup: proofs are against the safe rollup only",
      );
    }
    const proof = this.#chain.balanceProof({
      account,
      kind: query.kind,
      token: query.token,
      ...(query.tokenId ? { tokenId: BigInt(query.tokenId) } : {}),
    } as never);
    return {
      rollupHash: this.#safe.rollupHash,
      header: this.#rollups.get(this.#safe.rollupHash)?.header ?? null,
      ...proof,
    };
  }

  /** The L2 chain, for reads (balances, calls, blocks, receipts, logs). */
  get chain(): L2Chain {
    return this.#chain;
  }

  /** Closes the chain and the store (a flush first, so the next start replays nothing). */
  close(): Promise<void> {
    return this.#serial(async () => {
      await this.#chain.close();
      await this.#store.close();
    });
  }

  // ─────────────────────────────────────────────────────────────── internals: L1

  async #load(): Promise<void> {
    for (const deposit of await this.#store.all<L1Deposit>(Table.Deposit)) this.#deposits.set(deposit.index, deposit);
    for (const record of await this.#store.all<RollupRecord>(Table.Rollup)) {
      this.#rollups.set(record.rollupHash, record);
      if (record.order >= this.#rollupOrder) this.#rollupOrder = record.order + 1n;
    }
    this.#networkKey = await this.#store.get<Address>(Table.EnclaveRecord, "networkKey");
    const pooled = await this.#store.all<{ raw: Uint8Array; seq: number }>(Table.Mempool);
    for (const { raw } of pooled.sort((a, b) => a.seq - b.seq)) {
      const validation = await this.#chain.validateTransaction(raw);
      if (!validation.valid) continue;
      const parsed = parseTransaction(bytesToHex(raw));
      this.#mempool.add({
        hash: keccak256(raw),
        raw,
        sender: getAddress(validation.transaction.sender),
        nonce: BigInt(parsed.nonce ?? 0),
        maxFeePerGas: parsed.maxFeePerGas ?? parsed.gasPrice ?? 0n,
      });
    }
  }

  /** Stores a checked block's effects in one atomic write. */
  async #record(effects: L1Effects): Promise<void> {
    const writes: RecordWrite[] = [
      { table: Table.L1Block, key: effects.block.number.toString(), value: effects.block },
    ];
    for (const deposit of effects.deposits) {
      this.#deposits.set(deposit.index, deposit);
      writes.push({ table: Table.Deposit, key: deposit.index.toString(), value: deposit });
    }
    for (const rollup of effects.rollups) {
      const record: RollupRecord = {
        rollupHash: rollup.rollupHash,
        header: rollup.header,
        publisher: rollup.publisher,
        l1BlockNumber: rollup.l1BlockNumber,
        status: "pending",
        payload: rollup.payload,
        order: this.#rollupOrder++,
      };
      if (rollup.payload === undefined) {
        record.reason = "MALFORMED_BLOBS";
      }
      this.#rollups.set(record.rollupHash, record);
      writes.push({ table: Table.Rollup, key: record.rollupHash, value: record });
    }
    if (effects.networkKey) {
      this.#networkKey = effects.networkKey;
      writes.push({ table: Table.EnclaveRecord, key: "networkKey", value: effects.networkKey });
    }
    await this.#store.write(writes);
  }

  /** An L1 reorg back to `ancestor`: forget what came after it, in L1 and in the L2 built on it. */
  async #rollBackL1(ancestor: AcceptedL1Block): Promise<void> {
    const writes: RecordWrite[] = [];
    for (const [index, deposit] of this.#deposits) {
      if (deposit.l1BlockNumber > ancestor.number) {
        this.#deposits.delete(index);
        writes.push({ table: Table.Deposit, key: index.toString(), value: undefined });
      }
    }
    const dropped = [...this.#rollups.values()].filter((record) => record.l1BlockNumber > ancestor.number);
    // the safe tip falls back to the latest applied rollup that is still on L1
    let safe = this.#safe;
    while (dropped.some((record) => record.rollupHash === safe.rollupHash)) {
      safe = this.#tipOf(this.#rollups.get(safe.rollupHash)!.header.parentHash);
    }
    for (const record of dropped) {
      this.#rollups.delete(record.rollupHash);
      writes.push({ table: Table.Rollup, key: record.rollupHash, value: undefined });
    }
    for (let number = ancestor.number + 1n; this.#l1.block(number); number++) {
      writes.push({ table: Table.L1Block, key: number.toString(), value: undefined });
    }
    if (safe.rollupHash !== this.#safe.rollupHash)
      writes.push({ table: Table.EnclaveRecord, key: "safeTip", value: safe });
    await this.#store.write(writes);
    this.#safe = safe;
    // The L2 may only keep blocks built on L1 blocks that are still there.
    let target = this.#chain.head.number;
    while (target > safe.l2Block) {
      const block = await this.#chain.getBlock(target);
      if (block && block.l1BlockNumber <= ancestor.number) break;
      target--;
    }
    await this.#rollBackL2(target);
    this.#log.warn({ ancestor: ancestor.number, droppedRollups: dropped.length, l2Head: target }, "L1 reorg followed");
  }

  /** The tip a valid, applied rollup (or genesis) stands for. */
  #tipOf(rollupHash: Hex): SafeTip {
    const record = this.#rollups.get(rollupHash);
    if (!record || record.status !== "applied") return genesisTip(this.#options.settings);
    return { rollupHash, number: record.header.number, keyEpoch: record.header.keyEpoch, l2Block: record.lastBlock! };
  }

  /** The contract invalidated rollups (slashing) or switched branches: follow it back. */
  async #followInvalidations(invalidated: Hex[]): Promise<void> {
    if (invalidated.length === 0) return;
    const writes: RecordWrite[] = [];
    for (const hash of invalidated) {
      const record = this.#rollups.get(hash);
      if (!record) continue;
      if (record.status === "applied")
        this.#log.error({ rollupHash: hash }, "L1 invalidated a rollup this enclave found valid");
      record.status = "invalid";
      record.reason ??= "INVALIDATED_ON_L1";
      writes.push({ table: Table.Rollup, key: hash, value: record });
    }
    let safe = this.#safe;
    while (invalidated.includes(safe.rollupHash))
      safe = this.#tipOf(this.#rollups.get(safe.rollupHash)!.header.parentHash);
    if (safe.rollupHash !== this.#safe.rollupHash) {
      writes.push({ table: Table.EnclaveRecord, key: "safeTip", value: safe });
      this.#safe = safe;
      await this.#rollBackL2(safe.l2Block);
    }
    await this.#store.write(writes);
  }

  // ─────────────────────────────────────────────────────────────── internals: rollups

  async #processPendingRollups(): Promise<void> {
    await this.#serial(() => this.#processPendingRollupsUnlocked());
  }

  /**
   * Processes pending rollups in the order they landed on L1, for at most {@link REPLAY_BUDGET_MS}
   * (one at least): a joiner that receives the secret with a long history to replay does it over
   * several calls (each L1 block fed goes on with it), so no call holds the enclave for minutes.
   * Those waiting for the secret stay pending.
   */
  async #processPendingRollupsUnlocked(): Promise<RollupRecord[]> {
    const processed: RollupRecord[] = [];
    if (!this.#keys.hasSecret) return processed;
    const pending = [...this.#rollups.values()]
      .filter((r) => r.status === "pending")
      .sort((a, b) => (a.order < b.order ? -1 : 1));
    const deadline = performance.now() + REPLAY_BUDGET_MS;
    for (const record of pending) {
      processed.push(await this.#processRollup(record));
      if (performance.now() > deadline) break;
    }
    return processed;
  }

  async #processRollup(record: RollupRecord): Promise<RollupRecord> {
    if (record.header.parentHash !== this.#safe.rollupHash) {
      record.status = "ignored";
      record.reason = "NOT_ON_SAFE_TIP";
    } else {
      const failure = record.reason === "MALFORMED_BLOBS" ? record.reason : await this.#applyRollup(record);
      if (failure) await this.#markInvalid(record, failure);
    }
    delete record.payload;
    const writes: RecordWrite[] = [{ table: Table.Rollup, key: record.rollupHash, value: record }];
    if (record.status === "applied") writes.push({ table: Table.EnclaveRecord, key: "safeTip", value: this.#safe });
    await this.#store.write(writes);
    this.#log.info(
      { rollupHash: record.rollupHash, number: record.header.number, status: record.status, reason: record.reason },
      "rollup processed",
    );
    return record;
  }

  /** Decrypts, re-executes and checks a rollup on the safe tip; returns why it is invalid, or nothing. */
  async #applyRollup(record: RollupRecord): Promise<string | undefined> {
    const { header } = record;
    const epochKey = this.#keys.epochKey(header.keyEpoch);
    if (header.keyCommitment !== zeroHash && header.keyCommitment !== keccak256(epochKey))
      return "WRONG_KEY_COMMITMENT";
    let batches: EncodedBatch[];
    try {
      const items = decodeRollupPayload({
        chainId: this.#options.settings.l1ChainId,
        rollupContract: this.#options.settings.contracts.rollupManagement,
        keyEpoch: header.keyEpoch,
        payload: record.payload!,
        epochKey,
      });
      batches = items.map((item) => decodeBatch(item, Number(this.#chain.chainId)));
    } catch {
      return "UNDECODABLE_PAYLOAD";
    }
    if (batches.length === 0) return "NO_BATCHES";
    const shape = await this.#checkBatchShape(batches, header);
    if (shape) return shape;
    const failure = await this.#executeRollupBatches(batches);
    if (failure) {
      await this.#rollBackL2(this.#safe.l2Block);
      return failure;
    }
    const roots = await this.#checkRoots(header, batches);
    if (roots) {
      await this.#rollBackL2(this.#safe.l2Block);
      return roots;
    }
    record.status = "applied";
    record.firstBlock = batches[0]!.number;
    record.lastBlock = batches.at(-1)!.number;
    this.#safe = {
      rollupHash: record.rollupHash,
      number: header.number,
      keyEpoch: header.keyEpoch,
      l2Block: record.lastBlock,
    };
    return undefined;
  }

  async #checkBatchShape(batches: EncodedBatch[], header: RollupHeader): Promise<string | undefined> {
    if (batches[0]!.number !== this.#safe.l2Block + 1n) return "BATCHES_DO_NOT_FOLLOW_PARENT";
    let previous = 0n;
    for (const [i, batch] of batches.entries()) {
      if (i > 0 && batch.number !== batches[i - 1]!.number + 1n) return "BATCH_NUMBERS_NOT_CONSECUTIVE";
      if (batch.l1BlockNumber < previous) return "L1_BLOCKS_GO_BACK";
      previous = batch.l1BlockNumber;
      const l1 = await this.#acceptedL1Block(batch.l1BlockNumber);
      if (!l1 || l1.hash !== batch.l1BlockHash) return "BATCH_ON_UNKNOWN_L1_BLOCK";
    }
    const last = batches.at(-1)!;
    if (last.l1BlockNumber !== BigInt(header.l1BlockNumber) || last.l1BlockHash !== header.l1BlockHash)
      return "L1_BLOCK_MISMATCH";
    return undefined;
  }

  /**
   * Executes a rollup's batches on the safe tip. Blocks the enclave already executed with the same
   * hash (gossiped soft confirmations) are kept; from the first difference, the soft blocks are
   * rolled back (their transactions return to the mempool) and the rollup's are executed.
   */
  async #executeRollupBatches(batches: EncodedBatch[]): Promise<string | undefined> {
    let i = 0;
    for (; i < batches.length; i++) {
      const existing = await this.#chain.getBlock(batches[i]!.number);
      if (!existing || existing.hash !== batches[i]!.hash) break;
    }
    if (i < batches.length && this.#chain.head.number >= batches[i]!.number)
      await this.#rollBackL2(batches[i]!.number - 1n);
    for (; i < batches.length; i++) {
      const failure = await this.#executeBatch(batches[i]!);
      if (failure) return failure;
    }
    return undefined;
  }

  /**
   * The accepted L1 block at `number`: from the view's window, or, older than the window, from the
   * store, which keeps every block the enclave accepted on its chain (a reorg deletes the blocks
   * it abandons). A node that receives the secret long after the rollups it must replay were
   * built (a joiner, thousands of L1 blocks later) checks their batches against these.
   */
  async #acceptedL1Block(number: bigint): Promise<AcceptedL1Block | undefined> {
    return this.#l1.block(number) ?? (await this.#store.get<AcceptedL1Block>(Table.L1Block, number.toString()));
  }

  /** Executes one batch strictly (deposits from the enclave's own L1 view); returns why it failed, or nothing. */
  async #executeBatch(batch: EncodedBatch): Promise<string | undefined> {
    const deposits = this.#depositsUpTo(batch.l1BlockNumber);
    if (BigInt(deposits.length) + this.#chain.nextDepositIndex !== batch.depositCount) return "DEPOSITS_MISMATCH";
    const l1 = await this.#acceptedL1Block(batch.l1BlockNumber);
    if (!l1 || l1.hash !== batch.l1BlockHash) return "BATCH_ON_UNKNOWN_L1_BLOCK";
    try {
      const block = await this.#chain.executeBlock(
        {
          number: batch.number,
          parentHash: batch.parentHash,
          timestamp: batch.timestamp,
          l1BlockNumber: batch.l1BlockNumber,
          l1BlockHash: batch.l1BlockHash,
          coinbase: batch.coinbase,
          deposits,
          transactions: batch.transactions,
        },
        { expectedHash: batch.hash },
      );
      await this.#dropFromMempool(block, []);
      return undefined;
    } catch (error) {
      const reason =
        (error as { reason?: string; code?: string }).reason ?? (error as { code?: string }).code ?? "EXECUTION_FAILED";
      return `BATCH_${reason}`;
    }
  }

  /** Compares the header with the state the rollup's batches led to. */
  async #checkRoots(header: RollupHeader, batches: EncodedBatch[]): Promise<string | undefined> {
    const head = this.#chain.head;
    if (head.depositCount !== BigInt(header.depositCount) || head.depositAcc !== header.depositAcc)
      return "DEPOSIT_POINT_MISMATCH";
    if (this.#chain.ledgerRoot() !== header.stateRoot) return "STATE_ROOT_MISMATCH";
    const withdrawals = await this.#chain.withdrawals(batches[0]!.number, batches.at(-1)!.number);
    if (withdrawals.withdrawalRoot !== header.withdrawalRoot) return "WITHDRAWAL_ROOT_MISMATCH";
    return undefined;
  }

  async #markInvalid(record: RollupRecord, reason: string): Promise<void> {
    record.status = "invalid";
    record.reason = reason;
    record.testimony = await signInvalidRollupTestimony({
      rollupHash: record.rollupHash,
      chainId: this.#options.settings.l1ChainId,
      rollupSlashing: this.#options.settings.contracts.rollupSlashing,
      enclavePrivateKey: this.#keys.privateKey,
    });
    this.#log.warn({ rollupHash: record.rollupHash, reason }, "invalid rollup: testimony signed");
  }

  // ─────────────────────────────────────────────────────────────── internals: L2

  /** The deposits seen on L1 up to `l1BlockNumber` that the L2 has not credited yet, in queue order. */
  #depositsUpTo(l1BlockNumber: bigint): Deposit[] {
    const out: Deposit[] = [];
    for (let index = this.#chain.nextDepositIndex; ; index++) {
      const deposit = this.#deposits.get(index);
      if (!deposit || deposit.l1BlockNumber > l1BlockNumber) break;
      const { acc: _acc, l1BlockNumber: _l1, ...plain } = deposit;
      out.push(plain);
    }
    return out;
  }

  /** Rolls the L2 back to `number`, returning the dropped blocks' transactions to the mempool. */
  async #rollBackL2(number: bigint): Promise<void> {
    const head = this.#chain.head.number;
    if (number >= head) return;
    const returning: Uint8Array[] = [];
    for (let n = number + 1n; n <= head; n++) returning.push(...((await this.#chain.getBlock(n))?.transactions ?? []));
    await this.#chain.rollbackTo(number);
    for (const raw of returning) await this.#admit(raw);
  }

  /** Removes a block's transactions from the mempool, and those refused for good. */
  async #dropFromMempool(block: L2Block, refused: { hash: Hex; reason: string }[]): Promise<void> {
    const included = block.transactions.map((raw) => keccak256(raw));
    const permanent = refused
      .filter(
        (r) => r.reason !== "NONCE_TOO_HIGH" && r.reason !== "FEE_CAP_TOO_LOW" && r.reason !== "GAS_LIMIT_TOO_HIGH",
      )
      .map((r) => r.hash);
    const removed = this.#mempool.remove([...included, ...permanent]);
    if (removed.length > 0)
      await this.#store.write(removed.map((r) => ({ table: Table.Mempool, key: r.hash, value: undefined })));
  }

  #result(effects: L1Effects, processed: RollupRecord[]): L1BlockResult {
    return {
      number: effects.block.number,
      hash: effects.block.hash,
      duplicate: effects.duplicate,
      reorgedTo: effects.reorgedTo?.number,
      deposits: effects.deposits.length,
      rollups: processed.map(summaryOf),
    };
  }

  /** Runs `task` after every earlier call: the enclave's state changes one call at a time. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** What the host learns of a processed rollup. */
function summaryOf(record: RollupRecord) {
  return { rollupHash: record.rollupHash, status: record.status, reason: record.reason, testimony: record.testimony };
}

/** How long one call may spend replaying pending rollups before it returns (the rest wait for the next). */
const REPLAY_BUDGET_MS = 5_000;

/** The genesis rollup of a deployment: `keccak256(abi.encode("obscuro.rollup.genesis", chainId, rollupManagement))`. */
export function genesisRollupHash(l1ChainId: number, rollupManagement: Address): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "string" }, { type: "uint256" }, { type: "address" }],
      ["obscuro.rollup.genesis", BigInt(l1ChainId), rollupManagement],
    ),
  );
}

function genesisTip(settings: EnclaveSettings): SafeTip {
  return {
    rollupHash: genesisRollupHash(settings.l1ChainId, settings.contracts.rollupManagement),
    number: 0n,
    keyEpoch: 0,
    l2Block: 0n,
  };
}

/**
 * A test-only fault switch, as the crash tests' failpoints: an enclave started with
 * `OBSCURO_ENCLAVE_FAULT=lying-state-root` signs rollups whose header lies about the state root;
 * with `OBSCURO_ENCLAVE_FAULT=junk-payload` it signs rollups whose data (blobs or calldata) is
 * random bytes in place of the encrypted batches. The tests use them to show that the other
 * enclaves catch such a rollup and L1 slashes its publisher. Inert otherwise; a real TEE build
 * leaves it out.
 */
function enclaveFault(): "lying-state-root" | "junk-payload" | undefined {
  const fault = process.env.OBSCURO_ENCLAVE_FAULT;
  return fault === "lying-state-root" || fault === "junk-payload" ? fault : undefined;
}

async function checkSettings(store: EnclaveStore, settings: EnclaveSettings): Promise<void> {
  const canonical = JSON.stringify(settings, (_k, v: unknown) =>
    typeof v === "bigint" ? v.toString() : typeof v === "string" ? v.toLowerCase() : v,
  );
  const stored = await store.get<string>(Table.EnclaveRecord, "settings");
  if (stored === undefined) await store.put(Table.EnclaveRecord, "settings", canonical);
  else if (stored !== canonical)
    throw new EnclaveRefusal("SETTINGS_MISMATCH", "The enclave's state was made under other settings.");
}

function toEncodedBatch(block: L2Block): EncodedBatch {
  return {
    number: block.number,
    parentHash: block.parentHash,
    hash: block.hash,
    timestamp: block.timestamp,
    l1BlockNumber: block.l1BlockNumber,
    l1BlockHash: block.l1BlockHash,
    coinbase: block.coinbase,
    depositCount: block.depositCount,
    transactions: block.transactions,
  };
}

/** A throwaway frame to check a transaction alone goes through the batch codec unchanged. */
function batchFrame(transactions: Uint8Array[]): EncodedBatch {
  return {
    number: 1n,
    parentHash: zeroHash,
    hash: zeroHash,
    timestamp: 0n,
    l1BlockNumber: 0n,
    l1BlockHash: zeroHash,
    coinbase: `0x${"00".repeat(20)}`,
    depositCount: 0n,
    transactions,
  };
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  return hexToBytes(concat(parts.map((p) => bytesToHex(p))));
}

export type { L1Rollup };
