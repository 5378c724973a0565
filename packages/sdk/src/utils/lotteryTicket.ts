import {
  encodeAbiParameters,
  hexToBigInt,
  keccak256,
  recoverAddress,
  serializeSignature,
  stringToHex,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAddress, sign } from "viem/accounts";

/**
 * One aggregator's entry in a sequencing round: a random nonce its enclave drew for the round's
 * L1 block, signed by the enclave key. The lowest nonce among the round's active aggregators wins
 * (the proof-of-block-inclusion lottery); the others take over in ascending order if the winner's
 * rollup does not reach L1 in time.
 */
export interface LotteryTicket {
  enclaveId: Address;
  /** The L1 block that opened the round (where the parent rollup was included). */
  l1BlockNumber: bigint;
  nonce: Hex;
  /** The enclave's signature over {@link hashLotteryTicket}. */
  signature: Hex;
}

export interface HashLotteryTicketParameters {
  /** The L1 chain id. */
  chainId: number;
  /** The RollupManagement proxy: a ticket counts for one network only. */
  rollupManagement: Address;
  enclaveId: Address;
  l1BlockNumber: bigint;
  nonce: Hex;
}

const LOTTERY_DOMAIN = keccak256(stringToHex("obscuro/lottery-ticket/1"));

/**
 * The digest an enclave signs for a ticket:
 * `keccak256(abi.encode(keccak256("obscuro/lottery-ticket/1"), chainId, rollupManagement, enclaveId, l1BlockNumber, nonce))`.
 */
export function hashLotteryTicket(parameters: HashLotteryTicketParameters): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "bytes32" },
        { type: "uint256" },
        { type: "address" },
        { type: "address" },
        { type: "uint256" },
        { type: "bytes32" },
      ],
      [
        LOTTERY_DOMAIN,
        BigInt(parameters.chainId),
        parameters.rollupManagement,
        parameters.enclaveId,
        parameters.l1BlockNumber,
        parameters.nonce,
      ],
    ),
  );
}

/** Signs a ticket with the enclave key (inside the enclave). */
export async function signLotteryTicket(
  parameters: Omit<HashLotteryTicketParameters, "enclaveId"> & { enclavePrivateKey: Hex },
): Promise<LotteryTicket> {
  const { enclavePrivateKey, ...rest } = parameters;
  const enclaveId = privateKeyToAddress(enclavePrivateKey);
  const digest = hashLotteryTicket({ ...rest, enclaveId });
  const signature = serializeSignature(await sign({ hash: digest, privateKey: enclavePrivateKey }));
  return { enclaveId, l1BlockNumber: rest.l1BlockNumber, nonce: rest.nonce, signature };
}

/** Whether `ticket` was signed by the enclave it names, for this network. */
export async function verifyLotteryTicket(
  ticket: LotteryTicket,
  network: { chainId: number; rollupManagement: Address },
): Promise<boolean> {
  try {
    const digest = hashLotteryTicket({ ...network, ...ticket });
    return (await recoverAddress({ hash: digest, signature: ticket.signature })) === ticket.enclaveId;
  } catch {
    return false;
  }
}

/** Orders tickets by nonce, lowest first (ties, which need a hash collision, by enclave id). */
export function rankLotteryTickets<T extends Pick<LotteryTicket, "nonce" | "enclaveId">>(tickets: readonly T[]): T[] {
  return [...tickets].sort((a, b) => {
    const x = hexToBigInt(a.nonce);
    const y = hexToBigInt(b.nonce);
    if (x !== y) return x < y ? -1 : 1;
    return a.enclaveId.toLowerCase() < b.enclaveId.toLowerCase() ? -1 : 1;
  });
}
