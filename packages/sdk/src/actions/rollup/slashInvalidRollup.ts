import {
  getAddress,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  type Transport,
} from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { DuplicateWitnessError } from "../../errors/rollup.ts";
import type { InvalidRollupTestimony, RollupHeader } from "../../types/rollup.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface SlashInvalidRollupParameters extends TransactionOverrides {
  /** The invalid rollup's header, exactly as it was submitted. */
  header: RollupHeader;
  /**
   * At least `invalidRollupQuorum` testimonies of distinct active enclaves other than the
   * publisher (`signInvalidRollupTestimony`), in any order: they are sent sorted by witness.
   */
  testimonies: readonly InvalidRollupTestimony[];
  /** Default: the chain's `rollupSlashing`. */
  rollupSlashingAddress?: Address | undefined;
}

export type SlashInvalidRollupReturnType = Hash;

export type SlashInvalidRollupErrorType =
  DuplicateWitnessError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Sends `RollupSlashing.slashInvalidRollup(header, signatures)` from any account (the reward goes
 * to the witnesses' operators): the publisher's whole stake is slashed, and the rollup and its
 * descendants become invalid.
 * @throws {DuplicateWitnessError} when two testimonies name the same witness (nothing is sent).
 * @throws {ContractCallRevertedError} when the call would revert (`RollupSlashing_NotEnoughWitnesses`,
 *   `RollupSlashing_WitnessIsPublisher`, `RollupSlashing_WitnessNotActive`,
 *   `RollupManagement_AlreadyInvalid`, `RollupManagement_FinalRollup`, …).
 * @example
 * await slashInvalidRollup(walletClient, { header, testimonies: [await signInvalidRollupTestimony({ … })] });
 */
export async function slashInvalidRollup(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SlashInvalidRollupParameters,
): Promise<SlashInvalidRollupReturnType> {
  const { header, testimonies, rollupSlashingAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "rollupSlashing", rollupSlashingAddress),
    functionName: "slashInvalidRollup",
    args: [header, sortTestimonies(testimonies)],
  });
}

/** The signatures ordered by strictly increasing witness, as the contract requires. */
function sortTestimonies(testimonies: readonly InvalidRollupTestimony[]): Hex[] {
  const sorted = testimonies
    .map(({ witness, signature }) => ({ key: BigInt(getAddress(witness)), witness, signature }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.key === sorted[i - 1]!.key) {
      throw new DuplicateWitnessError("Two testimonies come from the same witness.", {
        details: `witness ${getAddress(sorted[i]!.witness)}`,
      });
    }
  }
  return sorted.map(({ signature }) => signature);
}
