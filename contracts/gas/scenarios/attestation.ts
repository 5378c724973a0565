import { computeReportData, devAttestationVerifierAbi, enclavePolicyAbi } from "@obscuro/sdk";
import { buildDevReport, DEV_AUDITOR_PRIVATE_KEYS } from "@obscuro/sdk/devtools";
import { encodeFunctionData, getAddress, keccak256, toHex, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { GasContext, GasScenario } from "../types.ts";
import { protocolWallet } from "./protocol.ts";

// Every input is fixed (deadline, block, keys) so that calldata, and thus gas, is the same on every run.
const MEASUREMENT = keccak256(toHex("gas enclave v1"));
const DEADLINE = 4_000_000_000n;
const ENCLAVE_KEY = keccak256(toHex("obscuro/gas/enclave"));
/** Five auditors for the 3-of-5 case: the three dev auditors and two more. */
const FIVE_AUDITOR_KEYS: Hex[] = [
  ...DEV_AUDITOR_PRIVATE_KEYS,
  ...[0, 1].map((i) => keccak256(toHex(`obscuro/gas/auditor/${i}`))),
];

/** The first `count` of `keys` as auditor accounts: they sign over the policy's current version. */
function auditors(keys: readonly Hex[], count: number) {
  return keys.slice(0, count).map((key) => privateKeyToAccount(key));
}

async function approve(context: GasContext): Promise<void> {
  const hash = await protocolWallet(context, 1).approveMeasurement({
    measurement: MEASUREMENT,
    auditors: auditors(DEV_AUDITOR_PRIVATE_KEYS, 2),
    deadline: DEADLINE,
  });
  await context.waitForReceipt(hash);
}

/**
 * A dev report for MEASUREMENT signed by the dev vendor. Its report data binds wallets[1] and a
 * fixed block (neither the verifier nor the policy checks the binding; NetworkManagement does).
 */
async function devReport({ wallets }: GasContext): Promise<Hex> {
  const enclave = privateKeyToAccount(ENCLAVE_KEY);
  const block = { number: 1n, hash: keccak256(toHex("obscuro/gas/block")) };
  return buildDevReport({
    mrEnclave: MEASUREMENT,
    mrSigner: keccak256(toHex("gas signer")),
    isvProdId: 1,
    isvSvn: 1,
    enclavePublicKey: enclave.publicKey,
    reportData: computeReportData({
      enclavePublicKey: enclave.publicKey,
      operator: wallets[1]!.account.address,
      l1BlockNumber: block.number,
      l1BlockHash: block.hash,
    }).reportData,
  });
}

export const attestationScenarios: GasScenario[] = [
  {
    // A view, measured as a transaction that calls it (what a contract pays to verify a report).
    name: "DevAttestationVerifier.verify",
    run: async (context) =>
      context.wallets[1]!.sendTransaction({
        to: context.manifest.contracts.AttestationVerifier,
        data: encodeFunctionData({
          abi: devAttestationVerifierAbi,
          functionName: "verify",
          args: [await devReport(context)],
        }),
      }),
  },
  {
    name: "EnclavePolicy.approveMeasurement_2of3",
    run: async (context) =>
      protocolWallet(context, 1).approveMeasurement({
        measurement: MEASUREMENT,
        auditors: auditors(DEV_AUDITOR_PRIVATE_KEYS, 2),
        deadline: DEADLINE,
      }),
  },
  {
    name: "EnclavePolicy.approveMeasurement_3of5",
    run: async (context) => {
      // The deployer is governance on the devnet deployment.
      const auditorSet = FIVE_AUDITOR_KEYS.map((k) => getAddress(privateKeyToAccount(k).address)).sort((a, b) =>
        BigInt(a) < BigInt(b) ? -1 : 1,
      );
      const setHash = await context.wallets[0]!.writeContract({
        address: context.manifest.contracts.EnclavePolicy,
        abi: enclavePolicyAbi,
        functionName: "setAuditors",
        args: [auditorSet, 3n],
      });
      await context.waitForReceipt(setHash);
      return protocolWallet(context, 1).approveMeasurement({
        measurement: MEASUREMENT,
        auditors: auditors(FIVE_AUDITOR_KEYS, 3),
        deadline: DEADLINE,
      });
    },
  },
  {
    name: "EnclavePolicy.revokeMeasurement_2of3",
    run: async (context) => {
      await approve(context);
      return protocolWallet(context, 1).revokeMeasurement({
        measurement: MEASUREMENT,
        auditors: auditors(DEV_AUDITOR_PRIVATE_KEYS, 2),
        deadline: DEADLINE,
      });
    },
  },
  {
    name: "EnclavePolicy.revokeMeasurementByCouncil",
    run: async (context) => {
      await approve(context);
      // The deployer is the council on the gas deployment.
      return protocolWallet(context, 0).revokeMeasurementByCouncil({ measurement: MEASUREMENT });
    },
  },
  {
    // What NetworkManagement pays at registration: verify + every policy rule (a view, sent as a transaction).
    name: "EnclavePolicy.verifyReport",
    run: async (context) => {
      await approve(context);
      return context.wallets[1]!.sendTransaction({
        to: context.manifest.contracts.EnclavePolicy,
        data: encodeFunctionData({
          abi: enclavePolicyAbi,
          functionName: "verifyReport",
          args: [await devReport(context)],
        }),
      });
    },
  },
  {
    // What every use of an attested enclave pays to re-check it (a view, sent as a transaction).
    name: "EnclavePolicy.isAcceptable",
    run: async (context) => {
      await approve(context);
      const result = await context.publicClient.readContract({
        address: context.manifest.contracts.EnclavePolicy,
        abi: enclavePolicyAbi,
        functionName: "verifyReport",
        args: [await devReport(context)],
      });
      return context.wallets[1]!.sendTransaction({
        to: context.manifest.contracts.EnclavePolicy,
        data: encodeFunctionData({ abi: enclavePolicyAbi, functionName: "isAcceptable", args: [result] }),
      });
    },
  },
];
