import { getAddress, parseEther, type Address } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { TcbStatus, TeeType } from "../attestation/constants.ts";
import {
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_AUDITOR_THRESHOLD,
  DEV_COUNCIL_PRIVATE_KEYS,
  DEV_COUNCIL_THRESHOLD,
} from "../attestation/devKeys.ts";
import { tcbStatusMask, teeTypeMask } from "../attestation/masks.ts";

/*
 * What a deployment starts with. Every default suits a devnet: short periods so that every path
 * can be tried in minutes, and DEV-ONLY keys (public, see attestation/devKeys.ts) for the vendor,
 * the auditors and the council. A real network passes its own values.
 */

/** The default fixed supply of the Obscuro token: one billion tokens. */
export const DEFAULT_TOKEN_SUPPLY = parseEther("1000000000");

/** Default `EnclavePolicy.maxReportAge`: 64 L1 blocks (about 13 minutes). */
export const DEFAULT_MAX_REPORT_AGE = 64n;

/** Default `EnclavePolicy.keyLifetime`: 30 days. */
export const DEFAULT_KEY_LIFETIME = 30n * 24n * 3600n;

/** The attestation requirements (DEV ONLY defaults: the simulated vendor and auditors). */
export interface AttestationDeploySettings {
  /** The `DevAttestationVerifier` vendor. Default: the dev vendor key's address (DEV ONLY). */
  vendor?: Address;
  /** The auditors (any order; sorted here). Default: the three dev auditors (DEV ONLY). */
  auditors?: readonly Address[];
  /** Auditor signatures needed to approve or revoke. Default: 2 (with the dev auditors). */
  threshold?: number;
  /** Accepted TEE types mask. Default: Simulated only. */
  acceptedTeeTypes?: number;
  /** Accepted TCB statuses mask. Default: UpToDate only. */
  acceptedTcbStatuses?: number;
  /** Default {@link DEFAULT_MAX_REPORT_AGE}. */
  maxReportAge?: bigint;
  /** Default {@link DEFAULT_KEY_LIFETIME}. */
  keyLifetime?: bigint;
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

/** The council Safe's owners and threshold (DEV ONLY defaults: the three dev council keys, 2 of 3). */
export interface CouncilDeploySettings {
  owners?: readonly Address[];
  threshold?: number;
}

export function resolveAttestationSettings(settings: AttestationDeploySettings = {}) {
  const auditors = (settings.auditors ?? DEV_AUDITOR_PRIVATE_KEYS.map((key) => privateKeyToAddress(key)))
    .map((a) => getAddress(a))
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return {
    vendor: getAddress(settings.vendor ?? privateKeyToAddress(DEV_ATTESTATION_VENDOR_PRIVATE_KEY)),
    auditors,
    threshold: settings.threshold ?? DEV_AUDITOR_THRESHOLD,
    acceptedTeeTypes: settings.acceptedTeeTypes ?? teeTypeMask([TeeType.Simulated]),
    acceptedTcbStatuses: settings.acceptedTcbStatuses ?? tcbStatusMask([TcbStatus.UpToDate]),
    maxReportAge: settings.maxReportAge ?? DEFAULT_MAX_REPORT_AGE,
    keyLifetime: settings.keyLifetime ?? DEFAULT_KEY_LIFETIME,
  };
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

export function resolveCouncilSettings(settings: CouncilDeploySettings = {}) {
  return {
    owners: (settings.owners ?? DEV_COUNCIL_PRIVATE_KEYS.map((key) => privateKeyToAddress(key))).map((a) =>
      getAddress(a),
    ),
    threshold: settings.threshold ?? DEV_COUNCIL_THRESHOLD,
  };
}
