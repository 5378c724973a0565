import { createRequire } from "node:module";
import { parseAbi, type Hex } from "viem";

/**
 * Safe 1.4.1 (github.com/safe-global/safe-smart-account), the official compiled artifacts shipped
 * in `@safe-global/safe-contracts`: the audited bytecode, unmodified.
 */
const require = createRequire(import.meta.url);
function artifact(path: string): { bytecode: Hex } {
  return require(`@safe-global/safe-contracts/build/artifacts/contracts/${path}`) as { bytecode: Hex };
}

export const SAFE_SINGLETON_BYTECODE = artifact("Safe.sol/Safe.json").bytecode;
export const SAFE_PROXY_FACTORY_BYTECODE = artifact("proxies/SafeProxyFactory.sol/SafeProxyFactory.json").bytecode;
/** The creation code of a Safe proxy: what the factory deploys with CREATE2 (the singleton appended). */
export const SAFE_PROXY_BYTECODE = artifact("proxies/SafeProxy.sol/SafeProxy.json").bytecode;
export const SAFE_FALLBACK_HANDLER_BYTECODE = artifact(
  "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json",
).bytecode;

/** The parts of the Safe ABI the SDK uses. */
export const safeAbi = parseAbi([
  "function setup(address[] _owners, uint256 _threshold, address to, bytes data, address fallbackHandler, address paymentToken, uint256 payment, address paymentReceiver)",
  "function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool success)",
  "function getOwners() view returns (address[])",
  "function getThreshold() view returns (uint256)",
  "function nonce() view returns (uint256)",
  "function VERSION() view returns (string)",
  "event ExecutionSuccess(bytes32 indexed txHash, uint256 payment)",
  "event ExecutionFailure(bytes32 indexed txHash, uint256 payment)",
]);

export const safeProxyFactoryAbi = parseAbi([
  "function createProxyWithNonce(address _singleton, bytes initializer, uint256 saltNonce) returns (address proxy)",
  "event ProxyCreation(address indexed proxy, address singleton)",
]);

/** The EIP-712 type of a Safe transaction (Safe 1.3+). */
export const safeTxTypes = {
  SafeTx: [
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "operation", type: "uint8" },
    { name: "safeTxGas", type: "uint256" },
    { name: "baseGas", type: "uint256" },
    { name: "gasPrice", type: "uint256" },
    { name: "gasToken", type: "address" },
    { name: "refundReceiver", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;
