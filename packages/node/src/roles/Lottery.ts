import { decodeAbiParameters, encodeAbiParameters, hexToBytes, bytesToHex, type Address, type Hex } from "viem";
import { getAggregator, getNode, rankLotteryTickets, verifyLotteryTicket, type LotteryTicket } from "@obscuro/sdk";
import type { GossipVerdict } from "../p2p/GossipNetwork.ts";
import type { NodeContext } from "./context.ts";

const TICKET_ABI = [{ type: "address" }, { type: "uint256" }, { type: "bytes32" }, { type: "bytes" }] as const;

/** A ticket as it travels in gossip: `abi.encode(enclaveId, l1BlockNumber, nonce, signature)`. */
export function encodeTicket(ticket: LotteryTicket): Uint8Array {
  return hexToBytes(
    encodeAbiParameters(TICKET_ABI, [ticket.enclaveId, ticket.l1BlockNumber, ticket.nonce, ticket.signature]),
  );
}

export function decodeTicket(data: Uint8Array): LotteryTicket {
  const [enclaveId, l1BlockNumber, nonce, signature] = decodeAbiParameters(TICKET_ABI, bytesToHex(data));
  return { enclaveId, l1BlockNumber, nonce, signature };
}

/**
 * The tickets of sequencing rounds: this enclave's own, drawn once per round, and those gossiped by
 * the other aggregators, each kept only when its signature recovers the enclave it names and that
 * enclave is active with a publishing aggregator behind it on L1. Ranks them lowest nonce first.
 */
export class Lottery {
  readonly #context: NodeContext;
  readonly #rounds = new Map<bigint, Map<Address, LotteryTicket>>();
  readonly #eligible = new Map<Address, { eligible: boolean; at: number }>();

  constructor(context: NodeContext) {
    this.#context = context;
  }

  /** This enclave's ticket for the round opened at `anchor`, drawn by the enclave and gossiped. */
  async enter(anchor: bigint): Promise<LotteryTicket> {
    const { enclave, gossip } = this.#context;
    const ticket = await enclave.call("drawTicket", { l1BlockNumber: anchor });
    this.#round(anchor).set(ticket.enclaveId, ticket);
    await gossip.publish("ticket", encodeTicket(ticket));
    return ticket;
  }

  /** A gossiped ticket: kept when valid; a forged one blames its sender. */
  async receive(data: Uint8Array): Promise<GossipVerdict> {
    let ticket: LotteryTicket;
    try {
      ticket = decodeTicket(data);
    } catch {
      return "reject";
    }
    const { chainId, contracts } = this.#context;
    if (!(await verifyLotteryTicket(ticket, { chainId, rollupManagement: contracts.rollupManagement })))
      return "reject";
    if (this.#round(ticket.l1BlockNumber).has(ticket.enclaveId)) return "ignore";
    if (!(await this.#isEligible(ticket.enclaveId))) return "ignore";
    this.#round(ticket.l1BlockNumber).set(ticket.enclaveId, ticket);
    return "accept";
  }

  /** The round's tickets, lowest nonce first. */
  ranking(anchor: bigint): LotteryTicket[] {
    return rankLotteryTickets([...this.#round(anchor).values()]);
  }

  /** Forgets rounds before `anchor`. */
  prune(anchor: bigint): void {
    for (const round of this.#rounds.keys()) if (round < anchor) this.#rounds.delete(round);
  }

  #round(anchor: bigint): Map<Address, LotteryTicket> {
    let round = this.#rounds.get(anchor);
    if (!round) {
      round = new Map();
      this.#rounds.set(anchor, round);
    }
    return round;
  }

  /** Active enclave whose operator is a publishing aggregator (cached for 30 s). */
  async #isEligible(enclaveId: Address): Promise<boolean> {
    const cached = this.#eligible.get(enclaveId);
    if (cached && Date.now() - cached.at < 30_000) return cached.eligible;
    const { client, contracts } = this.#context;
    const node = await getNode(client, { enclaveId, networkManagementAddress: contracts.networkManagement });
    const eligible =
      node.active &&
      (await getAggregator(client, { operator: node.operator, networkManagementAddress: contracts.networkManagement }))
        .isPublisher;
    this.#eligible.set(enclaveId, { eligible, at: Date.now() });
    return eligible;
  }
}

export type { Hex };
