import { concatBytes, isAddress, hexToBytes, type Address } from "viem";
import { uint64BigEndian } from "../crypto/bytes.ts";
import { keyEpochValue } from "../crypto/deriveRollupEpochKey.ts";
import { ROLLUP_PAYLOAD_VERSION } from "./constants.ts";
import { InvalidRollupPayloadParameterError } from "./errors.ts";

/** Where a rollup payload belongs: what its AES-GCM tag binds besides the ciphertext. */
export interface RollupPayloadContext {
  /** Chain id of the L1 the rollup is submitted to, below 2^64. */
  chainId: bigint | number;
  /** Address of the `RollupManagement` proxy that receives the rollup. */
  rollupContract: Address;
  /** `keyEpoch` of the rollup header: the epoch whose key encrypts the payload. */
  keyEpoch: bigint | number;
}

export interface ComputeRollupPayloadAadParameters extends RollupPayloadContext {
  /** Payload version. Default {@link ROLLUP_PAYLOAD_VERSION}. */
  version?: number | undefined;
}

/**
 * The AES-256-GCM associated data of a rollup payload (37 bytes):
 * `version (1) || uint64be(chainId) (8) || rollupContract (20) || uint64be(keyEpoch) (8)`.
 * A payload therefore authenticates only on the chain, in the deployment and under the epoch it
 * was made for: replaying it into another deployment or chain (even one sharing the master
 * secret) or relabelling its epoch fails authentication, and the version cannot be swapped.
 * @throws {InvalidRollupPayloadParameterError} when the chain id or contract is malformed.
 * @throws {InvalidKeyEpochError} when the epoch is not an integer in `[0, 2^64 - 1]`.
 */
export function computeRollupPayloadAad({
  version = ROLLUP_PAYLOAD_VERSION,
  chainId,
  rollupContract,
  keyEpoch,
}: ComputeRollupPayloadAadParameters): Uint8Array {
  let chain: bigint | undefined;
  if (typeof chainId === "bigint") chain = chainId;
  else if (typeof chainId === "number" && Number.isSafeInteger(chainId)) chain = BigInt(chainId);
  if (chain === undefined || chain < 1n || chain >= 2n ** 64n)
    throw new InvalidRollupPayloadParameterError("The chain id is not an integer in [1, 2^64 - 1].", {
      details: `got ${String(chainId)}`,
    });
  if (typeof rollupContract !== "string" || !isAddress(rollupContract, { strict: false }))
    throw new InvalidRollupPayloadParameterError("The rollup contract is not an address.", {
      details: `got ${String(rollupContract)}`,
    });
  if (!Number.isInteger(version) || version < 0 || version > 0xff)
    throw new InvalidRollupPayloadParameterError("The payload version is not a byte.", { details: `got ${version}` });
  return concatBytes([
    Uint8Array.of(version),
    uint64BigEndian(chain),
    hexToBytes(rollupContract),
    uint64BigEndian(keyEpochValue(keyEpoch)),
  ]);
}
