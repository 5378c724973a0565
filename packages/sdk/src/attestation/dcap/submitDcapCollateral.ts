import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { dcapCertificateRegistryAbi, dcapCollateralRegistryAbi } from "../../generated/index.ts";
import { toHex } from "./bytes.ts";
import type { SignedCollateral } from "./collateral.ts";
import { DcapError } from "./errors.ts";

/** Collateral items to submit; any may be left out. Submitted in dependency order. */
export interface DcapCollateralItems {
  /** Intel SGX Root CA CRL (DER). */
  rootCaCrl?: Uint8Array;
  /** Intel SGX PCK Platform or Processor CA certificate (DER). */
  pckCaCertificate?: Uint8Array;
  /** Intel SGX TCB Signing certificate (DER). */
  tcbSigningCertificate?: Uint8Array;
  /** The PCK CA's CRL (DER). */
  pckCrl?: Uint8Array;
  tcbInfo?: SignedCollateral;
  qeIdentity?: SignedCollateral;
}

export type DcapCollateralItemName = keyof DcapCollateralItems;

export interface SubmitDcapCollateralParameters {
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  publicClient: PublicClient;
  /** `DcapCertificateRegistry` address. */
  certificates: Address;
  /** `DcapCollateralRegistry` address. */
  collateral: Address;
  items: DcapCollateralItems;
}

export interface SubmitDcapCollateralReturnType {
  submitted: { item: DcapCollateralItemName; transactionHash: Hex; gasUsed: bigint }[];
  /** Items the registry already held in this or a newer version (nothing to do). */
  current: DcapCollateralItemName[];
}

const ORDER: DcapCollateralItemName[] = [
  "rootCaCrl",
  "pckCaCertificate",
  "tcbSigningCertificate",
  "pckCrl",
  "tcbInfo",
  "qeIdentity",
];
const NOT_NEWER = new Set(["DcapCertificateRegistry_NotNewer", "DcapCollateralRegistry_NotNewer"]);

/**
 * Brings the on-chain DCAP registries up to date with Intel collateral: each item is simulated
 * first; one the registry already holds (or holds newer) is skipped, any other refusal throws
 * with the contract's error name; the rest are sent and awaited, in dependency order.
 * @throws {DcapError} `DCAP_COLLATERAL_REFUSED` with the refusing custom error in `details`.
 */
export async function submitDcapCollateral(
  parameters: SubmitDcapCollateralParameters,
): Promise<SubmitDcapCollateralReturnType> {
  const { walletClient, publicClient, items } = parameters;
  const result: SubmitDcapCollateralReturnType = { submitted: [], current: [] };
  for (const item of ORDER) {
    const value = items[item];
    if (value === undefined) continue;
    const request =
      item === "tcbInfo" || item === "qeIdentity"
        ? {
            address: parameters.collateral,
            abi: dcapCollateralRegistryAbi,
            functionName: item === "tcbInfo" ? ("submitTcbInfo" as const) : ("submitEnclaveIdentity" as const),
            args: [toHex((value as SignedCollateral).body), toHex((value as SignedCollateral).signature)] as const,
          }
        : {
            address: parameters.certificates,
            abi: dcapCertificateRegistryAbi,
            functionName:
              item === "rootCaCrl" || item === "pckCrl" ? ("submitCrl" as const) : ("submitCertificate" as const),
            args: [toHex(value as Uint8Array)] as const,
          };
    try {
      await publicClient.simulateContract({ ...request, account: walletClient.account } as never);
    } catch (error) {
      const reverted =
        error instanceof ViemBaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
      const name = reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
      if (name && NOT_NEWER.has(name)) {
        result.current.push(item);
        continue;
      }
      throw new DcapError("DCAP_COLLATERAL_REFUSED", `The registry refused the ${item}.`, {
        cause: error,
        details: name ?? (error as Error).message,
      });
    }
    const hash = await walletClient.writeContract({
      ...request,
      chain: walletClient.chain ?? null,
      account: walletClient.account,
    } as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") {
      throw new DcapError("DCAP_COLLATERAL_REFUSED", `The ${item} submission reverted.`, {
        details: `transaction ${hash}`,
      });
    }
    result.submitted.push({ item, transactionHash: hash, gasUsed: receipt.gasUsed });
  }
  return result;
}
