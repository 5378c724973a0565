import type { ContractCallRevertedError } from "@obscuro/sdk";
import { formatEther, type Address, type Hex } from "viem";
import { formatTime } from "./format.ts";

/*
 * A contract's refusal, as one sentence a person can act on. `sendProtocolTransaction` simulates
 * every call before sending it and decodes the revert by name (`ContractCallRevertedError.errorName`),
 * so nothing was sent when one of these is printed. Errors without a sentence here still name
 * the contract, the function and the Solidity error.
 */

type Args = readonly unknown[];
type Sentence = (args: Args) => string;

const obx = (value: unknown) => `${formatEther(value as bigint)} OBX`;
const eth = (value: unknown) => `${formatEther(value as bigint)} ETH`;
const at = (value: unknown) => formatTime(BigInt(value as bigint | number));
/** OpenZeppelin's `IGovernor.ProposalState` names. */
const PROPOSAL_STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
/** The Timelock's `OperationState` names. */
const OPERATION_STATES = ["Unset", "Waiting", "Ready", "Done"];

const sentences: Record<string, Sentence> = {
  // ── access
  GovernedModule_NotCouncil: ([caller]) => `Only the security council may do this, and ${caller as Address} is not it.`,
  GovernedModule_NotGovernance: ([caller]) =>
    `Only governance (the Timelock, through a passed proposal) may do this, and ${caller as Address} is not it.`,
  BridgeManagement_NotCouncilOrGovernance: ([caller]) =>
    `Only the council or governance may do this, and ${caller as Address} is neither.`,
  // ── aggregators and nodes
  NetworkManagement_InsufficientStake: ([, stake, minStake]) =>
    `The stake would be ${obx(stake)}, below the minimum stake of ${obx(minStake)}.`,
  NetworkManagement_AlreadyAggregator: ([operator]) =>
    `${operator as Address} is already an aggregator: add to its stake without --enclave and --host.`,
  NetworkManagement_NotAggregator: ([operator]) =>
    `${operator as Address} is not an aggregator (never staked, or unstaked already).`,
  NetworkManagement_NothingToWithdraw: ([operator]) => `${operator as Address} has no unbonding stake to withdraw.`,
  NetworkManagement_StillUnbonding: ([, ends]) => `The stake is still unbonding: it can be withdrawn from ${at(ends)}.`,
  NetworkManagement_NodeNotActive: ([enclaveId, status]) =>
    `Enclave ${enclaveId as Address} is not active (status ${nodeStatus(status)}).`,
  NetworkManagement_NotOperator: ([enclaveId, caller]) =>
    `${caller as Address} is not the operator of enclave ${enclaveId as Address}.`,
  NetworkManagement_KeyExpired: ([enclaveId, expiresAt]) =>
    `The key of enclave ${enclaveId as Address} expired at ${at(expiresAt)}: re-attest the node.`,
  NetworkManagement_MeasurementNotApproved: ([enclaveId, measurement]) =>
    `Enclave ${enclaveId as Address} runs measurement ${String(measurement)}, which is not approved (or was revoked).`,
  NetworkManagement_InvalidHostAddress: ([length]) =>
    `A host address must be 1 to 256 bytes long, and this one is ${String(length)}.`,
  NetworkManagement_HostListFull: () => "The host list is full: no aggregator can join until one leaves.",
  NetworkManagement_WrongFee: ([sent, required]) => `The registration fee is ${eth(required)}, not ${eth(sent)}.`,
  NetworkManagement_ParameterOutOfBounds: ([name, value]) =>
    `${String(name)} = ${String(value)} is outside the bounds the contract allows.`,
  NetworkManagement_ZeroAmount: () => "The amount must be more than zero.",
  ERC20InsufficientBalance: ([sender, balance, needed]) =>
    `${sender as Address} holds ${obx(balance)}, less than the ${obx(needed)} needed.`,
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The token allowance is ${obx(allowance)}, less than the ${obx(needed)} needed.`,
  // ── auditors and the policy
  EnclavePolicy_NotAuditor: ([index, signer]) =>
    `Signature ${String(index)} is from ${signer as Address}, who is not an auditor of the policy.`,
  EnclavePolicy_InsufficientSignatures: ([count, threshold]) =>
    `${String(threshold)} auditor signatures are needed, and ${String(count)} were given.`,
  EnclavePolicy_SignaturesExpired: ([deadline]) =>
    `The auditors' signatures expired at ${at(deadline)}: they must sign again.`,
  EnclavePolicy_MeasurementAlreadyApproved: ([measurement]) =>
    `Measurement ${String(measurement)} is already approved.`,
  EnclavePolicy_MeasurementRevoked: ([measurement]) =>
    `Measurement ${String(measurement)} was revoked, and a revocation is permanent.`,
  EnclavePolicy_MeasurementNotApproved: ([measurement]) => `Measurement ${String(measurement)} is not approved.`,
  EnclavePolicy_ZeroMeasurement: () => "The measurement must not be zero.",
  EnclavePolicy_InvalidSignature: ([index]) => `Auditor signature ${String(index)} is not a valid signature.`,
  EnclavePolicy_SignersNotAscending: ([index, signer]) =>
    `Auditor signature ${String(index)} (${signer as Address}) repeats a signer or is out of order.`,
  EnclavePolicy_InvalidThreshold: ([threshold, count]) =>
    `A threshold of ${String(threshold)} is impossible with ${String(count)} auditors.`,
  // ── the bridge and emergencies
  BridgeManagement_AlreadyPaused: ([until]) => `The bridge is already paused until ${at(until)}.`,
  BridgeManagement_NotPaused: () => "The bridge is not paused.",
  BridgeManagement_PauseCoolingDown: ([availableAt]) =>
    `The bridge was paused recently: a new pause is possible from ${at(availableAt)}.`,
  BridgeManagement_InvalidPauseDuration: ([duration]) =>
    `A pause lasts from 1 second to 30 days, and ${String(duration)} seconds is outside that.`,
  BridgeManagement_AlreadyFrozen: () => "The bridge is already frozen (exit mode).",
  BridgeManagement_FreezeBeforeWithdrawals: ([number, newest]) =>
    `Rollup ${String(number)} is older than rollup ${String(newest)}, from which a withdrawal was already paid: freeze on a newer one.`,
  BridgeManagement_DepositsClosed: () => "The bridge takes no deposits now (paused or frozen).",
  BridgeManagement_WithdrawalsPaused: ([until]) => `Withdrawals are paused until ${at(until)}.`,
  RollupManagement_BreachAlreadyDeclared: () => "A breach is already declared.",
  RollupManagement_NotCanonical: ([hash]) => `Rollup ${String(hash)} is not on the canonical chain.`,
  RollupManagement_UnknownKeyEpoch: ([epoch]) => `Key epoch ${String(epoch)} has no rollup yet.`,
  RollupManagement_AlreadyDisclosed: ([epoch]) => `The key of epoch ${String(epoch)} is already disclosed.`,
  RollupManagement_ParameterOutOfBounds: ([name, value]) =>
    `${bytes32Name(name)} = ${String(value)} is outside the bounds the contract allows.`,
  RollupSlashing_ParameterOutOfBounds: ([name, value]) =>
    `${bytes32Name(name)} = ${String(value)} is outside the bounds the contract allows.`,
  // ── governance
  GovernorUnexpectedProposalState: ([, current]) =>
    `The proposal is ${PROPOSAL_STATES[Number(current)] ?? String(current)}, which does not allow this.`,
  GovernorAlreadyCastVote: ([voter]) => `${voter as Address} has already voted on this proposal.`,
  GovernorNonexistentProposal: ([id]) => `The Governor has no proposal ${String(id)}.`,
  GovernorInsufficientProposerVotes: ([proposer, votes, threshold]) =>
    `${proposer as Address} has ${obx(votes)} of votes, below the proposal threshold of ${obx(threshold)}.`,
  TimelockUnexpectedOperationState: ([, expected]) =>
    `The Timelock is not ready for this operation (${timelockExpectation(expected as Hex)}): its delay has not passed yet, or it already ran.`,
  ObscuroGovernor_SettingOutOfBounds: ([name, value]) =>
    `${bytes32Name(name)} = ${String(value)} is outside the Governor's bounds.`,
  ObscuroTimelock_DelayOutOfBounds: ([delay]) => `A Timelock delay of ${String(delay)} s is outside 60 s–30 days.`,
};

function nodeStatus(status: unknown): string {
  return ["None", "AwaitingSecret", "Active", "Deregistered"][Number(status)] ?? String(status);
}

function bytes32Name(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("0x")) return String(value);
  const text = Buffer.from(value.slice(2), "hex").toString("latin1").replace(/\0+$/, "");
  return /^[\x20-\x7e]+$/.test(text) ? text : value;
}

function timelockExpectation(bitmap: Hex): string {
  const states = OPERATION_STATES.filter((_, i) => (BigInt(bitmap) >> BigInt(i)) & 1n);
  return `it must be ${states.join(" or ") || "in another state"}`;
}

/** Safe 1.4.1's `GSxxx` require codes the council path can meet. */
const SAFE_CODES: Record<string, string> = {
  GS013: "The council Safe's call failed.",
  GS020: "Fewer council signatures than the Safe's threshold were given.",
  GS025: "A council signature is not from an owner of the Safe (or the signatures are out of order).",
  GS026: "A council signature is not from an owner of the Safe (or the signatures are out of order).",
};

/** The sentence for a contract's refusal. */
export function revertSentence(error: ContractCallRevertedError): string {
  const { errorName, args } = error;
  if (errorName && sentences[errorName]) return sentences[errorName](args);
  if (errorName === "Error" && typeof args[0] === "string") {
    return SAFE_CODES[args[0]] ?? `${error.contractName} refused ${error.functionName}: ${args[0]}.`;
  }
  if (errorName) {
    const shown = args.map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ");
    return `${error.contractName} refused ${error.functionName} with ${errorName}(${shown}).`;
  }
  return `${error.contractName} refused ${error.functionName} (an error the SDK does not know).`;
}

/** A sentence to follow a colon: its first letter in lower case (unless it starts with an address or a name). */
export function lowerFirst(sentence: string): string {
  return /^[A-Z][a-z]/.test(sentence) && !/^[A-Z][a-z]+[A-Z]/.test(sentence)
    ? `${sentence[0]!.toLowerCase()}${sentence.slice(1)}`
    : sentence;
}
