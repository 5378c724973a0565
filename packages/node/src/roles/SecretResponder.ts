import { decodeFunctionData, type Address, type Hex } from "viem";
import { getBlock, getContractEvents, getTransaction } from "viem/actions";
import { ContractCallRevertedError, getSecretRequests, networkManagementAbi, type SecretRequest } from "@obscuro/sdk";
import type { L1Head, NodeContext } from "./context.ts";

/** The report and binding a node registered with, as its `registerNode` (or `reattest`) call carried them. */
interface Registration {
  report: Hex;
  l1BlockNumber: bigint;
  l1BlockHash: Hex;
}

/**
 * Answers other nodes' secret requests, as the seed's registration flow has existing nodes do: for
 * each pending `SecretRequested`, the host reads the requester's report from its registration
 * transaction and asks the enclave to answer; the enclave verifies the report itself (the dev or
 * DCAP verifier, the requester's key, operator and L1 block) before it encrypts the secret to the
 * requester. The first response on L1 is paid the fee; losing the race costs at most one reverted
 * call (the response is simulated first, and a reverted transaction still uses its nonce, so
 * nothing waits behind it).
 */
export class SecretResponder {
  readonly #context: NodeContext;
  /** Requests this enclave refused to answer (a bad report): not asked again. */
  readonly #refused = new Set<Address>();

  constructor(context: NodeContext) {
    this.#context = context;
  }

  /** Answers every pending request at `head` this node has not answered yet. */
  async step(head: L1Head): Promise<number> {
    const { client, contracts, enclaveId, submitter } = this.#context;
    const requests = await getSecretRequests(client, {
      networkManagementAddress: contracts.networkManagement,
      toBlock: head.number,
    });
    let answered = 0;
    for (const request of requests) {
      if (request.enclaveId === enclaveId || this.#refused.has(request.enclaveId)) continue;
      if (request.expiresAt <= head.timestamp) continue;
      if (submitter.get(`respondSecret:${request.enclaveId}`)) continue;
      if (await this.#answer(request)) answered++;
    }
    return answered;
  }

  async #answer(request: SecretRequest): Promise<boolean> {
    const { enclave, submitter, intents, log, metrics } = this.#context;
    const registration = await this.#registrationOf(request);
    let response;
    try {
      response = await enclave.call("respondToSecretRequest", {
        requesterPublicKey: request.enclavePublicKey,
        report: registration.report,
        operator: request.operator,
        l1BlockNumber: registration.l1BlockNumber,
        l1BlockHash: registration.l1BlockHash,
      });
    } catch (error) {
      this.#refused.add(request.enclaveId);
      log.warn(
        { requester: request.enclaveId, err: (error as Error).message },
        "secret request refused by the enclave",
      );
      return false;
    }
    try {
      await submitter.submit(intents.respondSecret(response));
    } catch (error) {
      if (!(error instanceof ContractCallRevertedError)) throw error;
      // Another node answered first (or the request was cancelled): nothing was sent.
      log.info({ requester: request.enclaveId, reason: error.errorName }, "secret request already answered");
      return false;
    }
    metrics.secretRequestsAnswered.inc();
    log.info({ requester: request.enclaveId, operator: request.operator }, "answered a secret request");
    return true;
  }

  /** The report of the request's registration: the `registerNode` call that emitted the event. */
  async #registrationOf(request: SecretRequest): Promise<Registration> {
    const { client, contracts } = this.#context;
    const [log] = await getContractEvents(client, {
      address: contracts.networkManagement,
      abi: networkManagementAbi,
      eventName: "SecretRequested",
      args: { enclaveId: request.enclaveId },
      fromBlock: request.blockNumber,
      toBlock: request.blockNumber,
    });
    if (!log) throw new Error(`no SecretRequested of ${request.enclaveId} in block ${request.blockNumber}`);
    const transaction = await getTransaction(client, { hash: log.transactionHash });
    const { args } = decodeFunctionData({ abi: networkManagementAbi, data: transaction.input });
    const [report, l1BlockNumber] = args as unknown as [Hex, bigint];
    const block = await getBlock(client, { blockNumber: l1BlockNumber });
    return { report, l1BlockNumber, l1BlockHash: block.hash };
  }
}
