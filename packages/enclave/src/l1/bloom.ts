import { hexToBytes, keccak256, type Hex } from "viem";

/**
 * Whether a 2048-bit logs bloom (a block header's `logsBloom`) may contain `value` (an address or a
 * topic). A bloom has no false negatives: when this says no, no log of the block has it, so the
 * block's receipts need not be fetched.
 */
export function bloomMayContain(bloom: Hex, value: Hex): boolean {
  const bits = hexToBytes(bloom);
  const hash = hexToBytes(keccak256(value));
  for (let i = 0; i < 6; i += 2) {
    const bit = ((hash[i]! << 8) | hash[i + 1]!) & 2047;
    // bit 0 is the lowest-order bit of the last byte
    if ((bits[256 - 1 - (bit >> 3)]! & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}
