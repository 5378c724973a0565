import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  getAddress,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type Transport,
  type WalletClient,
} from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { networkManagementAbi, rollupManagementAbi, rollupSlashingAbi } from "../generated/index.ts";
import { DuplicateWitnessError, SlashingCallRevertedError } from "./errors.ts";
import type { RollupHeader } from "./rollupHeader.ts";
import type { InvalidRollupTestimony } from "./signInvalidRollupTestimony.ts";

/** RollupSlashing's ABI plus the errors of the modules it calls, so a revert is decoded wherever it was raised. */
const SLASHING_CALL_ABI = [
  ...rollupSlashingAbi,
  ...[...rollupManagementAbi, ...networkManagementAbi].filter((item) => item.type === "error"),
] as Abi;

export interface SlashInvalidRollupParameters {
  /** Whoever submits the testimony (anyone: the reward goes to the witnesses' operators). */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  /** The `RollupSlashing` proxy. */
  rollupSlashing: Address;
  /** The invalid rollup's header, exactly as it was submitted. */
  header: RollupHeader;
  /**
   * At least `invalidRollupQuorum` testimonies of distinct active enclaves other than the
   * publisher ({@link signInvalidRollupTestimony}), in any order: they are sent sorted by witness.
   */
  testimonies: readonly InvalidRollupTestimony[];
  /** Gas limit; default: estimated by the node. */
  gas?: bigint | undefined;
}

export type SlashInvalidRollupReturnType = Hash;

/**
 * Sends `RollupSlashing.slashInvalidRollup(header, signatures)`: the publisher's whole stake is
 * slashed, and the rollup and its descendants become invalid. Simulated first, against the
 * pending block; returns the transaction hash.
 * @throws {DuplicateWitnessError} when two testimonies name the same witness (nothing is sent).
 * @throws {SlashingCallRevertedError} when the call would revert (`RollupSlashing_NotEnoughWitnesses`,
 *   `…_WitnessIsPublisher`, `…_WitnessNotActive`, `…_WitnessesNotAscending`,
 *   `RollupManagement_AlreadyInvalid`, `…_FinalRollup`, `…_UnknownRollup`, `…_Halted`).
 */
export async function slashInvalidRollup(
  parameters: SlashInvalidRollupParameters,
): Promise<SlashInvalidRollupReturnType> {
  const { walletClient, rollupSlashing, header } = parameters;
  const signatures = sortTestimonies(parameters.testimonies);
  const call = {
    address: rollupSlashing,
    abi: SLASHING_CALL_ABI,
    functionName: "slashInvalidRollup",
    args: [header, signatures],
    account: walletClient.account,
    chain: walletClient.chain,
    ...(parameters.gas === undefined ? {} : { gas: parameters.gas }),
  } as const;
  try {
    await simulateContract(walletClient, { ...call, blockTag: "pending" } as Parameters<typeof simulateContract>[1]);
  } catch (cause) {
    throw toSlashingError(cause);
  }
  return writeContract(walletClient, call as Parameters<typeof writeContract>[1]);
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

function toSlashingError(cause: unknown): unknown {
  if (!(cause instanceof ViemBaseError)) return cause;
  const reverted = cause.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError)) return cause;
  const errorName = reverted.data?.errorName ?? undefined;
  return new SlashingCallRevertedError(
    `RollupSlashing.slashInvalidRollup would revert${errorName ? ` with ${errorName}` : ""}.`,
    {
      cause,
      errorName,
      args: reverted.data?.args ?? [],
      details: reverted.reason ?? reverted.signature ?? reverted.shortMessage,
    },
  );
}
