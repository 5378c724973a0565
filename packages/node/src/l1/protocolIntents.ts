import {
  encodeFunctionData,
  erc20Abi,
  getAddress,
  toBlobSidecars,
  zeroHash,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { getBlobBaseFee, readContract } from "viem/actions";
import {
  getDepositsConsumedAt,
  networkManagementAbi,
  rollupManagementAbi,
  rollupSlashingAbi,
  simulateProtocolCall,
  type InvalidRollupTestimony,
  type RollupHeader,
} from "@obscuro/sdk";
import type { L1Intent, PreparedTransaction } from "./L1Submitter.ts";

/** The submitter key of the network's genesis: one per network, whichever enclave draws it. */
export const GENESIS_KEY = "initializeNetwork";

/** The protocol contracts a node calls. */
export interface ProtocolAddresses {
  networkManagement: Address;
  rollupManagement: Address;
  bridgeManagement: Address;
  rollupSlashing: Address;
  obscuroToken: Address;
}

/** A rollup as the enclave built it (`buildRollup`). */
export interface BuiltRollupData {
  rollupHash: Hex;
  header: RollupHeader;
  signature: Hex;
  data:
    | { kind: "blobs"; blobs: Hex[]; commitments: Hex[]; proofs: Hex[]; versionedHashes: Hex[] }
    | { kind: "calldata"; payload: Hex };
}

/**
 * The node's L1 calls, as intents for the {@link L1Submitter}: each `prepare()` encodes the call
 * with the protocol's ABI and runs it on the pending block (the SDK's `simulateProtocolCall`,
 * which decodes a revert into a `ContractCallRevertedError`), so a call that would revert is never
 * signed. The node sends nothing any other way.
 */
export class ProtocolIntents {
  readonly #client: PublicClient;
  readonly #contracts: ProtocolAddresses;
  readonly #operator: Address;

  constructor(client: PublicClient, contracts: ProtocolAddresses, operator: Address) {
    this.#client = client;
    this.#contracts = contracts;
    this.#operator = operator;
  }

  registerNode(report: Hex, l1BlockNumber: bigint, enclaveId: Address): L1Intent {
    return this.#intent(`registerNode:${enclaveId}:${l1BlockNumber}`, "registerNode", async () => {
      const fee = await readContract(this.#client, {
        address: this.#contracts.networkManagement,
        abi: networkManagementAbi,
        functionName: "registrationFee",
      });
      return this.#call(
        "NetworkManagement",
        this.#contracts.networkManagement,
        networkManagementAbi,
        "registerNode",
        [report, l1BlockNumber],
        fee,
      );
    });
  }

  reattest(report: Hex, l1BlockNumber: bigint, enclaveId: Address): L1Intent {
    return this.#intent(`reattest:${enclaveId}:${l1BlockNumber}`, "reattest", () =>
      this.#call("NetworkManagement", this.#contracts.networkManagement, networkManagementAbi, "reattest", [
        report,
        l1BlockNumber,
      ]),
    );
  }

  initializeNetwork(prepared: {
    enclaveId: Address;
    encryptedSecret: Hex;
    networkKey: Address;
    enclaveSignature: Hex;
    networkSignature: Hex;
  }): L1Intent {
    return this.#intent(GENESIS_KEY, "initializeNetwork", () =>
      this.#call("NetworkManagement", this.#contracts.networkManagement, networkManagementAbi, "initializeNetwork", [
        prepared.enclaveId,
        prepared.encryptedSecret,
        prepared.networkKey,
        prepared.enclaveSignature,
        prepared.networkSignature,
      ]),
    );
  }

  respondSecret(response: {
    requester: Address;
    responder: Address;
    encryptedSecret: Hex;
    responderSignature: Hex;
    networkSignature: Hex;
  }): L1Intent {
    return this.#intent(`respondSecret:${response.requester}`, "respondSecret", () =>
      this.#call("NetworkManagement", this.#contracts.networkManagement, networkManagementAbi, "respondSecret", [
        response.requester,
        response.responder,
        response.encryptedSecret,
        response.responderSignature,
        response.networkSignature,
      ]),
    );
  }

  approveStake(amount: bigint): L1Intent {
    return this.#intent(`approveStake:${amount}`, "approveStake", () =>
      this.#call("ObscuroToken", this.#contracts.obscuroToken, erc20Abi, "approve", [
        this.#contracts.networkManagement,
        amount,
      ]),
    );
  }

  registerAggregator(enclaveId: Address, hostAddress: string, amount: bigint): L1Intent {
    return this.#intent(`registerAggregator:${enclaveId}`, "registerAggregator", () =>
      this.#call("NetworkManagement", this.#contracts.networkManagement, networkManagementAbi, "registerAggregator", [
        enclaveId,
        hostAddress,
        amount,
      ]),
    );
  }

  updateHostAddress(hostAddress: string): L1Intent {
    return this.#intent(`updateHostAddress:${hostAddress}`, "updateHostAddress", () =>
      this.#call("NetworkManagement", this.#contracts.networkManagement, networkManagementAbi, "updateHostAddress", [
        hostAddress,
      ]),
    );
  }

  /** `key` names the parent and the attempt, so a parent never gets two live submissions from this node. */
  submitRollup(key: string, rollup: BuiltRollupData): L1Intent {
    return {
      key,
      kind: "rollup",
      meta: { rollupHash: rollup.rollupHash, parentHash: rollup.header.parentHash },
      prepare: async () => {
        const { checkpoint } = await getDepositsConsumedAt(this.#client, {
          l1BlockNumber: rollup.header.l1BlockNumber,
          bridgeManagementAddress: this.#contracts.bridgeManagement,
        });
        const hints = { depositCheckpoint: checkpoint, canonicalSibling: zeroHash };
        const payload = rollup.data.kind === "calldata" ? rollup.data.payload : "0x";
        const args = [rollup.header, rollup.signature, payload, hints] as const;
        if (rollup.data.kind === "calldata")
          return this.#call("RollupManagement", this.#contracts.rollupManagement, rollupManagementAbi, "submitRollup", [
            ...args,
          ]);
        const versionedHashes = rollup.data.versionedHashes;
        const maxFeePerBlobGas = (await getBlobBaseFee(this.#client)) * 2n + 1n;
        const prepared = await this.#call(
          "RollupManagement",
          this.#contracts.rollupManagement,
          rollupManagementAbi,
          "submitRollup",
          [...args],
          undefined,
          { versionedHashes, maxFeePerBlobGas },
        );
        return {
          ...prepared,
          blobs: {
            sidecars: toBlobSidecars({
              blobs: rollup.data.blobs,
              commitments: rollup.data.commitments,
              proofs: rollup.data.proofs,
            }),
            versionedHashes,
          },
        };
      },
    };
  }

  slashInvalidRollup(header: RollupHeader, rollupHash: Hex, testimonies: readonly InvalidRollupTestimony[]): L1Intent {
    const signatures = [...testimonies]
      .sort((a, b) => (BigInt(getAddress(a.witness)) < BigInt(getAddress(b.witness)) ? -1 : 1))
      .map((t) => t.signature);
    return this.#intent(`slashInvalidRollup:${rollupHash}`, "slashInvalidRollup", () =>
      this.#call("RollupSlashing", this.#contracts.rollupSlashing, rollupSlashingAbi, "slashInvalidRollup", [
        header,
        signatures,
      ]),
    );
  }

  slashForkPublisher(header: RollupHeader, rollupHash: Hex): L1Intent {
    return this.#intent(`slashForkPublisher:${rollupHash}`, "slashForkPublisher", () =>
      this.#call("RollupSlashing", this.#contracts.rollupSlashing, rollupSlashingAbi, "slashForkPublisher", [header]),
    );
  }

  #intent(key: string, kind: string, prepare: () => Promise<PreparedTransaction>): L1Intent {
    return { key, kind, prepare };
  }

  async #call(
    contractName: string,
    to: Address,
    abi: Abi,
    functionName: string,
    args: readonly unknown[],
    value?: bigint,
    blobs?: { versionedHashes: readonly Hex[]; maxFeePerBlobGas: bigint },
  ): Promise<PreparedTransaction> {
    const data = encodeFunctionData({ abi, functionName, args } as never);
    const estimate = await simulateProtocolCall(this.#client, {
      contractName,
      functionName,
      from: this.#operator,
      to,
      data,
      value,
      blobs,
    });
    // A margin over the estimate: the pending block the simulation ran on is not the block it lands in.
    return { to, data, value, gas: (estimate * 6n) / 5n + 10_000n };
  }
}
