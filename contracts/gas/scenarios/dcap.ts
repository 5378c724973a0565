import { readFileSync } from "node:fs";
import {
  dcapAttestationVerifierAbi,
  dcapCertificateRegistryAbi,
  dcapCollateralRegistryAbi,
  deployDcapVerifier,
  encodeDcapReport,
  splitPcsResponse,
  submitDcapCollateral,
  type DcapCollateralItems,
  type DeployDcapVerifierReturnType,
} from "@obscuro/sdk";
import { encodeFunctionData, type Hex } from "viem";
import type { GasContext, GasScenario } from "../types.ts";

/**
 * Gas of the DCAP attestation stack (issue 8) with real Intel quotes and collateral
 * (`test-fixtures/dcap/`, INDEX.md). The protocol deployment does not include the DCAP contracts
 * yet, so each scenario deploys them, sets anvil's clock into the fixture's validity window
 * (`evm_setTime`, which, unlike `evm_setNextBlockTimestamp`, may go back in time), submits the
 * collateral the measured call needs, and sends the measured call as a transaction
 * (`verify` is a view: a transaction to it measures what a caller such as NetworkManagement pays).
 */
const FIXTURES = new URL("../../../test-fixtures/dcap/", import.meta.url);
const file = (path: string) => new Uint8Array(readFileSync(new URL(path, FIXTURES)));

interface Fixture {
  quote: string;
  time: number;
  items: DcapCollateralItems;
}

const common = () => ({
  rootCaCrl: file("crl/intel-root-ca-crl-2025-03-20.der"),
  pckCaCertificate: file("certs/intel-sgx-pck-platform-ca.der"),
  tcbSigningCertificate: file("certs/intel-sgx-tcb-signing-2025.der"),
});

/** INDEX.md S1: SGX v3, SWHardeningNeeded. */
const SGX: () => Fixture = () => ({
  quote: "sgx-v3-quote-automata-00606a",
  time: 1_755_236_700,
  items: {
    ...common(),
    pckCrl: file("crl/pck-platform-crl-2025-08-15.der"),
    tcbInfo: splitPcsResponse(file("collateral/automata-2025-08/tcbinfo-v3-sgx-00606a000000.json")),
    qeIdentity: splitPcsResponse(file("collateral/automata-2025-08/qe-identity-sgx-qe.json")),
  },
});

/** INDEX.md S2: TDX v4 (8000 bytes with padding), OutOfDate. */
const TDX: () => Fixture = () => ({
  quote: "tdx-v4-quote-automata-00806f05",
  time: 1_749_095_100,
  items: {
    ...common(),
    pckCrl: file("crl/pck-platform-crl-2025-06-04.der"),
    tcbInfo: splitPcsResponse(file("collateral/automata-2025-06/tcbinfo-v3-tdx-00806f050000.json")),
    qeIdentity: splitPcsResponse(file("collateral/automata-2025-06/qe-identity-td-qe.json")),
  },
});

/** INDEX.md S5: TDX v5 (TD 1.5), UpToDate. */
const TDX_V5: () => Fixture = () => ({
  quote: "tdx-v5-quote-automata-alibaba-90c06f",
  time: 1_749_945_600,
  items: {
    ...common(),
    pckCrl: file("crl/pck-platform-crl-2025-06-04.der"),
    tcbInfo: splitPcsResponse(file("collateral/automata-2025-06/tcbinfo-v3-tdx-90c06f000000.json")),
    qeIdentity: splitPcsResponse(file("collateral/automata-2025-06/qe-identity-td-qe.json")),
  },
});

async function setTime(context: GasContext, time: number): Promise<void> {
  const request = context.testClient.request as unknown as (args: {
    method: string;
    params: unknown[];
  }) => Promise<unknown>;
  await request({ method: "evm_setTime", params: [time] });
  // Simulations (eth_call) run on the latest block: give it the new time.
  await context.testClient.mine({ blocks: 1 });
}

/** Deploys the DCAP contracts, sets the clock and submits every item of `fixture` but `omit`. */
async function install(
  context: GasContext,
  fixture: Fixture,
  omit: (keyof DcapCollateralItems)[] = [],
): Promise<DeployDcapVerifierReturnType> {
  const [wallet] = context.wallets;
  const addresses = await deployDcapVerifier(wallet!);
  await setTime(context, fixture.time);
  const items = Object.fromEntries(Object.entries(fixture.items).filter(([key]) => !omit.includes(key as never)));
  await submitDcapCollateral(wallet!, {
    dcapCertificateRegistryAddress: addresses.DcapCertificateRegistry,
    dcapCollateralRegistryAddress: addresses.DcapCollateralRegistry,
    items,
  });
  return addresses;
}

function verifyScenario(name: string, fixture: () => Fixture): GasScenario {
  return {
    name,
    // Issue 8: a full on-chain verification within 3M gas with the P-256 precompile (osaka).
    budget: 3_000_000n,
    run: async (context) => {
      const f = fixture();
      const addresses = await install(context, f);
      const report = encodeDcapReport({
        quote: file(`quotes/${f.quote}.bin`),
        enclavePublicKey: `0x${"11".repeat(64)}`,
      });
      return context.wallets[0]!.sendTransaction({
        to: addresses.DcapAttestationVerifier,
        data: encodeFunctionData({ abi: dcapAttestationVerifierAbi, functionName: "verify", args: [report] }),
        gas: 5_000_000n,
      });
    },
  };
}

function submitScenario(
  name: string,
  fixture: () => Fixture,
  item: keyof DcapCollateralItems,
  send: (context: GasContext, addresses: DeployDcapVerifierReturnType, f: Fixture) => Promise<Hex>,
): GasScenario {
  return {
    name,
    run: async (context) => {
      const f = fixture();
      // Everything the item depends on, but not the item and what comes after it.
      const order: (keyof DcapCollateralItems)[] = [
        "rootCaCrl",
        "pckCaCertificate",
        "tcbSigningCertificate",
        "pckCrl",
        "tcbInfo",
        "qeIdentity",
      ];
      const addresses = await install(context, f, order.slice(order.indexOf(item)));
      return send(context, addresses, f);
    },
  };
}

const sendCertificates =
  (functionName: "submitCrl" | "submitCertificate", der: (f: Fixture) => Uint8Array) =>
  (context: GasContext, addresses: DeployDcapVerifierReturnType, f: Fixture) =>
    context.wallets[0]!.writeContract({
      address: addresses.DcapCertificateRegistry,
      abi: dcapCertificateRegistryAbi,
      functionName,
      args: [`0x${Buffer.from(der(f)).toString("hex")}`],
    });

const sendCollateral =
  (functionName: "submitTcbInfo" | "submitEnclaveIdentity") =>
  (context: GasContext, addresses: DeployDcapVerifierReturnType, f: Fixture) => {
    const item = functionName === "submitTcbInfo" ? f.items.tcbInfo! : f.items.qeIdentity!;
    return context.wallets[0]!.writeContract({
      address: addresses.DcapCollateralRegistry,
      abi: dcapCollateralRegistryAbi,
      functionName,
      args: [`0x${Buffer.from(item.body).toString("hex")}`, `0x${Buffer.from(item.signature).toString("hex")}`],
    });
  };

export const dcapScenarios: GasScenario[] = [
  verifyScenario("DcapAttestationVerifier.verify_sgxV3", SGX),
  verifyScenario("DcapAttestationVerifier.verify_tdxV4", TDX),
  verifyScenario("DcapAttestationVerifier.verify_tdxV5", TDX_V5),
  submitScenario(
    "DcapCertificateRegistry.submitCrl_rootCa",
    SGX,
    "rootCaCrl",
    sendCertificates("submitCrl", (f) => f.items.rootCaCrl!),
  ),
  submitScenario(
    "DcapCertificateRegistry.submitCertificate_pckPlatformCa",
    SGX,
    "pckCaCertificate",
    sendCertificates("submitCertificate", (f) => f.items.pckCaCertificate!),
  ),
  submitScenario(
    "DcapCertificateRegistry.submitCertificate_tcbSigning",
    SGX,
    "tcbSigningCertificate",
    sendCertificates("submitCertificate", (f) => f.items.tcbSigningCertificate!),
  ),
  submitScenario(
    "DcapCertificateRegistry.submitCrl_pckPlatform44",
    SGX,
    "pckCrl",
    sendCertificates("submitCrl", (f) => f.items.pckCrl!),
  ),
  submitScenario("DcapCollateralRegistry.submitTcbInfo_sgx11Levels", SGX, "tcbInfo", sendCollateral("submitTcbInfo")),
  submitScenario("DcapCollateralRegistry.submitTcbInfo_tdx4Levels", TDX, "tcbInfo", sendCollateral("submitTcbInfo")),
  submitScenario(
    "DcapCollateralRegistry.submitEnclaveIdentity_qe",
    SGX,
    "qeIdentity",
    sendCollateral("submitEnclaveIdentity"),
  ),
];
