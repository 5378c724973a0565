import { encodeAbiParameters, getContractAddress, pad, type Address, type Hex } from "viem";
import { AssetKind } from "../types/bridge.ts";
import { BaseError } from "../errors/BaseError.ts";
import { wrappedERC20Bytecode } from "../generated/WrappedERC20.ts";
import { wrappedERC721Bytecode } from "../generated/WrappedERC721.ts";
import { L2_BRIDGE_ADDRESS } from "./constants.ts";

/** ETH has no wrapped token: it is native on L2. */
export class NotAWrappedAssetError extends BaseError {
  readonly code = "NOT_A_WRAPPED_ASSET";
}

export interface ComputeWrappedTokenAddressParameters {
  /** `AssetKind.Erc20` or `AssetKind.Erc721`. */
  kind: AssetKind;
  /** The L1 token. */
  l1Token: Address;
  /** The L2 bridge that deploys it (the predeploy by default). */
  bridge?: Address | undefined;
}

/**
 * The L2 address of an L1 token's wrapped token, as `L2Bridge.wrappedToken` computes it: CREATE2
 * by the L2 bridge with salt `bytes32(uint256(uint160(l1Token)))` over the wrapped token's
 * creation code followed by `abi.encode(l1Token)`. Valid before the first deposit deploys it.
 * @throws {NotAWrappedAssetError} for `AssetKind.Eth`.
 */
export function computeWrappedTokenAddress(parameters: ComputeWrappedTokenAddressParameters): Address {
  const { kind, l1Token, bridge = L2_BRIDGE_ADDRESS } = parameters;
  return getContractAddress({
    opcode: "CREATE2",
    from: bridge,
    salt: pad(l1Token, { size: 32 }),
    bytecode: wrappedTokenInitCode(kind, l1Token),
  });
}

/** The creation code the L2 bridge deploys for `l1Token`. */
export function wrappedTokenInitCode(kind: AssetKind, l1Token: Address): Hex {
  const args = encodeAbiParameters([{ type: "address" }], [l1Token]).slice(2);
  if (kind === AssetKind.Erc20) return `${wrappedERC20Bytecode}${args}`;
  if (kind === AssetKind.Erc721) return `${wrappedERC721Bytecode}${args}`;
  throw new NotAWrappedAssetError("ETH has no wrapped token on L2.", { details: `kind ${kind}` });
}
