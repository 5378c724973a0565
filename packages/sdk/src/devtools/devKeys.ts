import { keccak256, toHex, type Hex } from "viem";

/*
 * DEV-ONLY KEYS. Derived from public strings: anyone can compute them. They let a devnet attest
 * simulated enclaves and approve measurements without any setup. A network whose policy trusts
 * them (a `DevAttestationVerifier` with this vendor, these auditors) has no security at all:
 * never use them outside tests and local devnets.
 */

/** The dev TEE vendor key: `keccak256("obscuro/dev/attestation-vendor")`. DEV ONLY. */
export const DEV_ATTESTATION_VENDOR_PRIVATE_KEY: Hex = keccak256(toHex("obscuro/dev/attestation-vendor"));

/** Three dev auditor keys: `keccak256("obscuro/dev/auditor/<i>")`. DEV ONLY. */
export const DEV_AUDITOR_PRIVATE_KEYS: readonly Hex[] = [0, 1, 2].map((i) =>
  keccak256(toHex(`obscuro/dev/auditor/${i}`)),
);

/** How many dev auditor signatures approve a measurement on a devnet. */
export const DEV_AUDITOR_THRESHOLD = 2;

/** Three dev council owner keys: `keccak256("obscuro/dev/council/<i>")`. DEV ONLY. */
export const DEV_COUNCIL_PRIVATE_KEYS: readonly Hex[] = [0, 1, 2].map((i) =>
  keccak256(toHex(`obscuro/dev/council/${i}`)),
);

/** How many dev council owners must sign on a devnet. */
export const DEV_COUNCIL_THRESHOLD = 2;
