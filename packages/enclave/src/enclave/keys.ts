import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { bytesToHex, hexToBytes, keccak256, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  decryptMasterSecret,
  deriveNetworkKey,
  deriveRollupEpochKey,
  generateEnclaveKey,
  getEnclavePublicKey,
  computeEnclaveId,
  type DeriveNetworkKeyReturnType,
} from "@obscuro/sdk";
import { Table } from "../chain/storage/tables.ts";
import { EnclaveRefusal } from "../rpc/errors.ts";
import type { EnclaveStore } from "../store/EnclaveStore.ts";

/** The enclave's identity and, once it has it, the network's secret and what derives from it. */
export class EnclaveKeys {
  readonly #privateKey: Hex;
  readonly publicKey: Hex;
  readonly enclaveId: Address;
  #masterSecret: Hex | undefined;
  #networkKey: DeriveNetworkKeyReturnType | undefined;
  #gossipKey: Buffer | undefined;
  readonly #epochKeys = new Map<number, Hex>();

  private constructor(privateKey: Hex, masterSecret: Hex | undefined) {
    this.#privateKey = privateKey;
    this.publicKey = getEnclavePublicKey(privateKey);
    this.enclaveId = computeEnclaveId(this.publicKey);
    if (masterSecret) this.#install(masterSecret);
  }

  /** Loads the sealed enclave key (drawing and sealing a new one on first start) and the secret if held. */
  static async load(store: EnclaveStore): Promise<EnclaveKeys> {
    let privateKey = await store.get<Hex>(Table.EnclaveRecord, "enclaveKey");
    if (!privateKey) {
      privateKey = generateEnclaveKey().privateKey;
      await store.put(Table.EnclaveRecord, "enclaveKey", privateKey);
    }
    return new EnclaveKeys(privateKey, await store.get<Hex>(Table.EnclaveRecord, "masterSecret"));
  }

  /** The enclave key as a signer (never leaves the enclave). */
  get account() {
    return privateKeyToAccount(this.#privateKey);
  }

  get privateKey(): Hex {
    return this.#privateKey;
  }

  get hasSecret(): boolean {
    return this.#masterSecret !== undefined;
  }

  /** @throws {EnclaveRefusal} `NO_SECRET` before the enclave holds the network's secret. */
  get masterSecret(): Hex {
    if (!this.#masterSecret)
      throw new EnclaveRefusal("NO_SECRET", "The enclave does not hold the network's secret yet.");
    return this.#masterSecret;
  }

  get networkKey(): DeriveNetworkKeyReturnType {
    if (!this.#networkKey) throw new EnclaveRefusal("NO_SECRET", "The enclave does not hold the network's secret yet.");
    return this.#networkKey;
  }

  /** The rollup payload key of `keyEpoch`. */
  epochKey(keyEpoch: number): Hex {
    let key = this.#epochKeys.get(keyEpoch);
    if (!key) {
      key = deriveRollupEpochKey({ masterSecret: this.masterSecret, keyEpoch });
      this.#epochKeys.set(keyEpoch, key);
    }
    return key;
  }

  /** `keccak256(epochKey)`: what the first rollup of an epoch commits to. */
  keyCommitment(keyEpoch: number): Hex {
    return keccak256(this.epochKey(keyEpoch));
  }

  /**
   * Takes the master secret, encrypted to this enclave's key, after checking it gives `networkKey`
   * (the one L1 holds, as the enclave read it from a verified block). Seals it.
   * @throws {EnclaveRefusal} `SECRET_REFUSED` when it does not decrypt or gives another network key.
   */
  async installEncrypted(store: EnclaveStore, encryptedSecret: Hex, networkKey: Address): Promise<void> {
    let masterSecret: Hex;
    try {
      masterSecret = decryptMasterSecret({
        ciphertext: encryptedSecret,
        privateKey: this.#privateKey,
        expectedNetworkKey: networkKey,
      }).masterSecret;
    } catch (error) {
      throw new EnclaveRefusal(
        "SECRET_REFUSED",
        "The encrypted secret does not give the network key on L1.",
        (error as { code?: string }).code,
      );
    }
    await this.install(store, masterSecret);
  }

  /** Seals and holds `masterSecret` (genesis draws it; a joiner decrypts it). */
  async install(store: EnclaveStore, masterSecret: Hex): Promise<void> {
    await store.put(Table.EnclaveRecord, "masterSecret", masterSecret);
    this.#install(masterSecret);
  }

  /**
   * Encrypts gossip for the network's enclaves only: AES-256-GCM under a key derived from the
   * master secret (`obscuro/gossip-key`), `0x01 || nonce (12) || ciphertext || tag (16)`.
   */
  sealGossip(plaintext: Uint8Array): Uint8Array {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#gossip(), nonce);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return Buffer.concat([Buffer.of(1), nonce, body]);
  }

  /** Opens gossip; undefined when it was not sealed by the network (or was altered). */
  openGossip(sealed: Uint8Array): Uint8Array | undefined {
    if (sealed.length < 29 || sealed[0] !== 1) return undefined;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#gossip(), sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([decipher.update(sealed.subarray(13, sealed.length - 16)), decipher.final()]);
    } catch {
      return undefined;
    }
  }

  #gossip(): Buffer {
    this.#gossipKey ??= Buffer.from(
      hkdfSync("sha256", hexToBytes(this.masterSecret), new Uint8Array(), "obscuro/gossip-key", 32),
    );
    return this.#gossipKey;
  }

  #install(masterSecret: Hex): void {
    this.#masterSecret = masterSecret;
    this.#networkKey = deriveNetworkKey({ masterSecret });
    this.#gossipKey = undefined;
    this.#epochKeys.clear();
  }
}

/** Bytes for logs that must not show the value: a short fingerprint. */
export function fingerprint(value: Hex): string {
  return bytesToHex(hexToBytes(keccak256(value)).subarray(0, 4));
}
