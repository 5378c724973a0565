/**
 * EIP-1559: the base fee of the block after one with `gasUsed` of `gasLimit` at `baseFee`
 * (elasticity 2, change denominator 8), as `@ethereumjs/block`'s `calcNextBaseFee` computes it.
 */
export function nextBaseFee(parent: { gasUsed: bigint; gasLimit: bigint; baseFeePerGas: bigint }): bigint {
  const target = parent.gasLimit / 2n;
  if (parent.gasUsed === target) return parent.baseFeePerGas;
  if (parent.gasUsed > target) {
    const delta = (parent.baseFeePerGas * (parent.gasUsed - target)) / target / 8n;
    return parent.baseFeePerGas + (delta > 1n ? delta : 1n);
  }
  const delta = (parent.baseFeePerGas * (target - parent.gasUsed)) / target / 8n;
  return parent.baseFeePerGas - delta > 0n ? parent.baseFeePerGas - delta : 0n;
}
