import { zeroAddress } from "viem";
import { EnclaveRpcError } from "@obscuro/enclave/rpc";
import { getEncryptedSecret, getNetworkInfo, getNode, NodeStatus, type GetNodeReturnType } from "@obscuro/sdk";
import { GENESIS_KEY } from "../l1/protocolIntents.ts";
import type { L1Head, NodeContext } from "./context.ts";

/** Where the node stands in the network's registration flow. */
export type RegistrationState =
  "unregistered" | "registering" | "founding" | "awaiting-secret" | "active" | "deregistered";

/**
 * The seed's node registration, as the host drives it on each L1 head:
 *
 * 1. not registered: the enclave attests (a fresh report bound to the operator and the head) and
 *    the operator registers it, paying the fee;
 * 2. registered while L1 has no network: genesis, the enclave draws the secret and the operator
 *    calls `initializeNetwork`;
 * 3. registered in a network: wait until a node answers, then hand the enclave its ciphertext from
 *    L1 (also after a restart, or when the enclave lost nothing but the host did);
 * 4. active: re-attest before the attestation expires.
 *
 * Every L1 call goes through the submitter, so a restart at any step sends nothing twice.
 */
export class Registration {
  readonly #context: NodeContext;
  #state: RegistrationState = "unregistered";
  #node: GetNodeReturnType | undefined;

  constructor(context: NodeContext) {
    this.#context = context;
  }

  get state(): RegistrationState {
    return this.#state;
  }

  /** The node's record on L1 as last read. */
  get record(): GetNodeReturnType | undefined {
    return this.#node;
  }

  /** One step of the flow at `head`; returns the state it leaves the node in. */
  async step(head: L1Head): Promise<RegistrationState> {
    const { client, enclave, enclaveId, contracts } = this.#context;
    const [status, node] = await Promise.all([
      enclave.call("getStatus", {}),
      getNode(client, { enclaveId, networkManagementAddress: contracts.networkManagement }),
    ]);
    this.#node = node;
    this.#state = await this.#advance(head, node, status.hasSecret);
    return this.#state;
  }

  async #advance(head: L1Head, node: GetNodeReturnType, hasSecret: boolean): Promise<RegistrationState> {
    switch (node.status) {
      case NodeStatus.Deregistered:
        return "deregistered";
      case NodeStatus.None:
        return this.#register(head);
      case NodeStatus.AwaitingSecret:
        return this.#awaitSecret(hasSecret);
      default:
        if (!hasSecret && !(await this.#installSecret())) return "awaiting-secret";
        await this.#reattestIfDue(head, node);
        return "active";
    }
  }

  async #register(head: L1Head): Promise<RegistrationState> {
    const { enclave, submitter, intents, enclaveId, operator, log, db } = this.#context;
    const submitted = db.getMeta("registration");
    const record = submitted ? submitter.get(submitted) : undefined;
    if (record && (record.status === "pending" || record.status === "mined")) return "registering";
    const { report } = await enclave.call("attest", { operator, l1BlockNumber: head.number, l1BlockHash: head.hash });
    const intent = intents.registerNode(report, head.number, enclaveId);
    await submitter.submit(intent);
    db.setMeta("registration", intent.key);
    log.info({ enclaveId, operator, l1Block: head.number }, "registering the enclave");
    return "registering";
  }

  async #awaitSecret(hasSecret: boolean): Promise<RegistrationState> {
    const { client, enclave, submitter, intents, contracts, log } = this.#context;
    if (await this.#installSecret()) return "active";
    const { networkKey } = await getNetworkInfo(client, { networkManagementAddress: contracts.networkManagement });
    if (networkKey !== zeroAddress) return "awaiting-secret";
    // Genesis: nobody holds a secret yet, so this enclave draws it.
    const founding = submitter.get(GENESIS_KEY);
    if (founding && founding.status !== "reverted" && founding.status !== "cancelled") return "founding";
    const prepared = await enclave.call("createNetwork", {});
    await submitter.submit(intents.initializeNetwork(prepared));
    log.info({ networkKey: prepared.networkKey, hadSecret: hasSecret }, "founding the network");
    return "founding";
  }

  /** Hands the enclave its ciphertext from L1, if there is one; returns whether it holds the secret now. */
  async #installSecret(): Promise<boolean> {
    const { client, enclave, enclaveId, contracts, log } = this.#context;
    const encryptedSecret = await getEncryptedSecret(client, {
      enclaveId,
      networkManagementAddress: contracts.networkManagement,
    });
    if (!encryptedSecret) return false;
    try {
      await enclave.call("installSecret", { encryptedSecret });
    } catch (error) {
      // The enclave has not verified the L1 block with the network key yet: next head.
      if (error instanceof EnclaveRpcError && error.remoteCode === "NETWORK_KEY_UNKNOWN") return false;
      throw error;
    }
    log.info({ enclaveId }, "the enclave holds the network's secret");
    return true;
  }

  async #reattestIfDue(head: L1Head, node: GetNodeReturnType): Promise<void> {
    const { enclave, submitter, intents, enclaveId, operator, config, log, db } = this.#context;
    if (node.expiresAt - head.timestamp > BigInt(config.reattestMarginSeconds)) return;
    const submitted = db.getMeta("reattest");
    if (submitted && submitter.get(submitted)?.status === "pending") return;
    const { report } = await enclave.call("attest", { operator, l1BlockNumber: head.number, l1BlockHash: head.hash });
    const intent = intents.reattest(report, head.number, enclaveId);
    await submitter.submit(intent);
    db.setMeta("reattest", intent.key);
    log.info({ enclaveId, expiresAt: node.expiresAt }, "re-attesting before the attestation expires");
  }
}
