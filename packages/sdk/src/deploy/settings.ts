import { getAddress, parseEther, type Address } from "viem";
import { TcbStatus, TeeType } from "../types/attestation.ts";
import { tcbStatusMask, teeTypeMask } from "../attestation/masks.ts";
import { InvalidDeploymentSettingError } from "../errors/deploy.ts";

/*
 * What a deployment starts with. Nothing here trusts a key: which attestation verifier, which
 * vendor, which auditors and which council are always the caller's choice (`deployProtocol`
 * refuses without them; the devnet's come from `@obscuro/sdk/devtools`). The numeric defaults suit
 * a devnet (short periods, so that every path can be tried in minutes); a real network passes its
 * own.
 */

/** The default fixed supply of the Obscuro token: one billion tokens. */
export const DEFAULT_TOKEN_SUPPLY = parseEther("1000000000");

/** Default `EnclavePolicy.maxReportAge`: 64 L1 blocks (about 13 minutes). */
export const DEFAULT_MAX_REPORT_AGE = 64n;

/** Default `EnclavePolicy.keyLifetime`: 30 days. */
export const DEFAULT_KEY_LIFETIME = 30n * 24n * 3600n;

/** EnclavePolicy's rules besides the verifier and the auditors; each has a default. */
export interface AttestationPolicySettings {
  /** Accepted TEE types mask (`teeTypeMask`). Default: Simulated for `dev`, SGX and TDX for `dcap`. */
  acceptedTeeTypes?: number | undefined;
  /** Accepted TCB statuses mask (`tcbStatusMask`). Default: UpToDate only. */
  acceptedTcbStatuses?: number | undefined;
  /** Default {@link DEFAULT_MAX_REPORT_AGE}. */
  maxReportAge?: bigint | undefined;
  /** Default {@link DEFAULT_KEY_LIFETIME}. */
  keyLifetime?: bigint | undefined;
}

/** Who approves enclave measurements: `threshold` of `auditors` (any order; sorted here). */
export interface AuditorSettings {
  auditors: readonly Address[];
  threshold: number;
}

/**
 * How nodes attest, chosen explicitly at deployment:
 * - `dev`: the `DevAttestationVerifier` of a simulated TEE `vendor` (tests and devnets: whoever
 *   holds the vendor key attests anything);
 * - `dcap`: Intel SGX/TDX DCAP quotes, verified on chain against the Intel SGX Root CA (or, for
 *   tests only, another `rootCertificate`) by `DcapAttestationVerifier` and its two registries.
 */
export type AttestationSetup =
  | (AuditorSettings & AttestationPolicySettings & { kind: "dev"; vendor: Address })
  | (AuditorSettings & AttestationPolicySettings & { kind: "dcap"; rootCertificate?: Uint8Array | undefined });

/** An {@link AttestationSetup} with every default filled in and the auditors sorted. */
export type ResolvedAttestationSetup = (
  { kind: "dev"; vendor: Address } | { kind: "dcap"; rootCertificate: Uint8Array | undefined }
) &
  AuditorSettings & {
    auditors: Address[];
    acceptedTeeTypes: number;
    acceptedTcbStatuses: number;
    maxReportAge: bigint;
    keyLifetime: bigint;
  };

/**
 * Fills in an attestation setup's defaults and checks it.
 * @throws {InvalidDeploymentSettingError} for no auditors, duplicates, or a threshold outside [1, auditors].
 */
export function resolveAttestationSetup(setup: AttestationSetup): ResolvedAttestationSetup {
  const auditors = setup.auditors.map((a) => getAddress(a)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  if (
    auditors.length === 0 ||
    new Set(auditors).size !== auditors.length ||
    !Number.isInteger(setup.threshold) ||
    setup.threshold < 1 ||
    setup.threshold > auditors.length
  ) {
    throw new InvalidDeploymentSettingError(
      "The auditors must be distinct, with a threshold between 1 and their number.",
      {
        details: `${auditors.length} auditors, threshold ${setup.threshold}`,
      },
    );
  }
  const policy = {
    auditors,
    threshold: setup.threshold,
    acceptedTeeTypes:
      setup.acceptedTeeTypes ?? teeTypeMask(setup.kind === "dev" ? [TeeType.Simulated] : [TeeType.Sgx, TeeType.Tdx]),
    acceptedTcbStatuses: setup.acceptedTcbStatuses ?? tcbStatusMask([TcbStatus.UpToDate]),
    maxReportAge: setup.maxReportAge ?? DEFAULT_MAX_REPORT_AGE,
    keyLifetime: setup.keyLifetime ?? DEFAULT_KEY_LIFETIME,
  };
  return setup.kind === "dev"
    ? { kind: "dev", vendor: getAddress(setup.vendor), ...policy }
    : { kind: "dcap", rootCertificate: setup.rootCertificate, ...policy };
}

/** Default `NetworkManagement.registrationFee`: 0.01 ETH. */
export const DEFAULT_REGISTRATION_FEE = parseEther("0.01");

/** Default `NetworkManagement.minStake`: 10,000 OBX. */
export const DEFAULT_MIN_STAKE = parseEther("10000");

/** Default `NetworkManagement.unbondingPeriod`: 1 day (devnet; use weeks on a real network). */
export const DEFAULT_UNBONDING_PERIOD = 24 * 3600;

/** Default `NetworkManagement.responseTimeout`: 1 hour. */
export const DEFAULT_RESPONSE_TIMEOUT = 3600;

/**
 * `NetworkManagement`'s parameters. A real network uses an unbonding period that outlasts
 * RollupManagement's fork expiry plus finality delay (e.g. 14 days).
 */
export interface NetworkDeploySettings {
  /** ETH paid with `registerNode`, to the first responder. Default {@link DEFAULT_REGISTRATION_FEE}. */
  registrationFee?: bigint;
  /** Minimum aggregator stake in OBX wei. Default {@link DEFAULT_MIN_STAKE}. */
  minStake?: bigint;
  /** Seconds between `unstake` and `withdrawStake`. Default {@link DEFAULT_UNBONDING_PERIOD}. */
  unbondingPeriod?: number;
  /** Seconds before an unanswered registration may be cancelled. Default {@link DEFAULT_RESPONSE_TIMEOUT}. */
  responseTimeout?: number;
  /** Receives slashed stake not paid as rewards. Default: the token treasury. */
  treasury?: Address;
}

/**
 * Default `RollupManagement` parameters, for a devnet whose blocks come every few seconds:
 * rollups final 20 L1 blocks after inclusion, a branch dead after 40 blocks without extension,
 * epoch keys rotated daily and disclosable a day after an epoch's end.
 */
export const DEFAULT_ROLLUP_SETTINGS = {
  finalityDelay: 20,
  forkExpiry: 40,
  keyRotationPeriod: 24 * 3600,
  disclosureDelay: 24 * 3600,
} as const;

/** `RollupManagement`'s parameters (finality and fork periods in L1 blocks, key periods in seconds). */
export type RollupDeploySettings = Partial<{ -readonly [K in keyof typeof DEFAULT_ROLLUP_SETTINGS]: number }>;

/**
 * Default `RollupSlashing` parameters: 1,000 OBX per rollup at least 2 deep on a dead branch (10%
 * to the reporter); an invalid rollup proved by 2 other enclaves (half the stake to them).
 */
export const DEFAULT_SLASHING_SETTINGS = {
  slashDepth: 2,
  reporterShareBps: 1000,
  forkSlashAmount: parseEther("1000"),
  invalidRollupQuorum: 2,
  invalidRollupRewardBps: 5000,
} as const;

/** `RollupSlashing`'s parameters. */
export interface SlashingDeploySettings {
  slashDepth?: number;
  reporterShareBps?: number;
  forkSlashAmount?: bigint;
  invalidRollupQuorum?: number;
  invalidRollupRewardBps?: number;
}

/**
 * Default governance for a devnet: voting opens a minute after a proposal, lasts the minimum hour,
 * quorum 4% of the supply, and the Timelock waits its minimum minute. A real network uses days.
 */
export const DEFAULT_GOVERNANCE_SETTINGS = {
  votingDelay: 60,
  votingPeriod: 3600,
  proposalThreshold: 0n,
  quorumNumerator: 4n,
  timelockDelay: 60,
} as const;

/** The Governor's and the Timelock's settings (seconds). */
export interface GovernanceDeploySettings {
  votingDelay?: number;
  votingPeriod?: number;
  proposalThreshold?: bigint;
  quorumNumerator?: bigint;
  timelockDelay?: number;
}

export function resolveNetworkSettings(settings: NetworkDeploySettings = {}, treasury: Address) {
  return {
    registrationFee: settings.registrationFee ?? DEFAULT_REGISTRATION_FEE,
    minStake: settings.minStake ?? DEFAULT_MIN_STAKE,
    unbondingPeriod: settings.unbondingPeriod ?? DEFAULT_UNBONDING_PERIOD,
    responseTimeout: settings.responseTimeout ?? DEFAULT_RESPONSE_TIMEOUT,
    treasury: getAddress(settings.treasury ?? treasury),
  };
}
