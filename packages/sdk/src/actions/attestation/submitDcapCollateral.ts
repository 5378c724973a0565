import type { Account, Address, Chain, Client, Hex, Transport, WaitForTransactionReceiptErrorType } from "viem";
import { toHex } from "../../attestation/dcap/bytes.ts";
import type { SignedCollateral } from "../../attestation/dcap/collateral.ts";
import { ContractCallRevertedError, type TransactionRevertedError } from "../../errors/BaseError.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { dcapCertificateRegistryAbi, dcapCollateralRegistryAbi } from "../../generated/index.ts";
import { getProtocolAddress } from "../../utils/getProtocolAddress.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";
import { waitForSuccess } from "../../utils/waitForSuccess.ts";

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

export interface SubmitDcapCollateralParameters extends Omit<TransactionOverrides, "gas" | "nonce"> {
  items: DcapCollateralItems;
  /** Default: the chain's `dcapCertificateRegistry` (a deployment with the DCAP verifier). */
  dcapCertificateRegistryAddress?: Address | undefined;
  /** Default: the chain's `dcapCollateralRegistry`. */
  dcapCollateralRegistryAddress?: Address | undefined;
}

export interface SubmitDcapCollateralReturnType {
  submitted: { item: DcapCollateralItemName; transactionHash: Hex; gasUsed: bigint }[];
  /** Items the registry already held in this or a newer version (nothing to do). */
  current: DcapCollateralItemName[];
}

export type SubmitDcapCollateralErrorType =
  | ProtocolContractNotFoundError
  | SendProtocolTransactionErrorType
  | TransactionRevertedError
  | WaitForTransactionReceiptErrorType;

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
 * Brings the on-chain DCAP registries up to date with Intel collateral, from any account: each
 * item goes through the one send path (simulated first) and is awaited, in dependency order; one
 * the registry already holds (or holds newer) is skipped.
 * @throws {ContractCallRevertedError} when a registry refuses an item for any other reason
 *   (`DcapCertificateRegistry_UnknownIssuer`, `DcapCollateralRegistry_InvalidSignature`, …).
 * @throws {TransactionRevertedError} when a submission reverted after all.
 * @example
 * await submitDcapCollateral(walletClient, { items: { rootCaCrl, tcbSigningCertificate, tcbInfo, qeIdentity } });
 */
export async function submitDcapCollateral(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SubmitDcapCollateralParameters,
): Promise<SubmitDcapCollateralReturnType> {
  const { items, dcapCertificateRegistryAddress, dcapCollateralRegistryAddress, ...overrides } = parameters;
  const result: SubmitDcapCollateralReturnType = { submitted: [], current: [] };
  for (const item of ORDER) {
    const value = items[item];
    if (value === undefined) continue;
    let hash: Hex;
    try {
      hash =
        item === "tcbInfo" || item === "qeIdentity"
          ? await sendProtocolTransaction(client, {
              ...overrides,
              contractName: "DcapCollateralRegistry",
              address: getProtocolAddress(client, "dcapCollateralRegistry", dcapCollateralRegistryAddress),
              abi: dcapCollateralRegistryAbi,
              functionName: item === "tcbInfo" ? "submitTcbInfo" : "submitEnclaveIdentity",
              args: [toHex((value as SignedCollateral).body), toHex((value as SignedCollateral).signature)],
            })
          : await sendProtocolTransaction(client, {
              ...overrides,
              contractName: "DcapCertificateRegistry",
              address: getProtocolAddress(client, "dcapCertificateRegistry", dcapCertificateRegistryAddress),
              abi: dcapCertificateRegistryAbi,
              functionName: item === "rootCaCrl" || item === "pckCrl" ? "submitCrl" : "submitCertificate",
              args: [toHex(value as Uint8Array)],
            });
    } catch (error) {
      if (error instanceof ContractCallRevertedError && NOT_NEWER.has(error.errorName ?? "")) {
        result.current.push(item);
        continue;
      }
      throw error;
    }
    const receipt = await waitForSuccess(client, hash, `The ${item} submission`);
    result.submitted.push({ item, transactionHash: hash, gasUsed: receipt.gasUsed });
  }
  return result;
}
