/**
 * The shared attestation test vectors: dev reports (valid and malformed), report-data bindings
 * and auditor EIP-712 signatures, built by the TypeScript SDK from fixed keys. The Solidity tests
 * read the committed JSON (`test/attestation/vectors/dev-reports.json`) and check the contracts
 * agree byte for byte; the TypeScript tests rebuild it and check the file is current.
 */
import {
  buildDevReport,
  encodeDevReportBody,
  resolveDevReportFields,
  type EncodeDevReportBodyParameters,
} from "@obscuro/sdk/devtools";
import {
  computeReportData,
  ENCLAVE_POLICY_DOMAIN,
  getDevReportDigest,
  computeEnclaveId,
  getMeasurementTypedData,
  SECP256K1_N,
  SgxAttributeFlags,
  TcbStatus,
  type DevReportFields,
  type MeasurementStatement,
} from "@obscuro/sdk";
import {
  concat,
  hashDomain,
  hashStruct,
  hashTypedData,
  keccak256,
  numberToHex,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount, privateKeyToAddress, sign } from "viem/accounts";

/** Fixed, public test keys: `keccak256("obscuro/test-vectors/<what>")`. Never use them elsewhere. */
const key = (what: string): Hex => keccak256(toHex(`obscuro/test-vectors/${what}`));
const VENDOR_KEY = key("vendor");
const OTHER_VENDOR_KEY = key("other-vendor");
const enclaveKey = (i: number) => key(`enclave/${i}`);
const auditorKey = (i: number) => key(`auditor/${i}`);
const enclavePublicKey = (i: number) => privateKeyToAccount(enclaveKey(i)).publicKey;

export interface ValidReportVector {
  name: string;
  fields: Omit<DevReportFields, "attributes"> & { attributes: { flags: string; xfrm: string } };
  body: Hex;
  digest: Hex;
  signature: Hex;
  report: Hex;
  result: {
    teeType: number;
    measurement: Hex;
    signerMeasurement: Hex;
    productId: number;
    securityVersion: number;
    debug: boolean;
    tcbStatus: number;
    enclavePublicKey: Hex;
    reportData: Hex;
  };
}

export interface InvalidReportVector {
  name: string;
  report: Hex;
  /** The Solidity error signature `DevAttestationVerifier.verify` reverts with. */
  error: string;
  /** The SDK error code `decodeDevReport` (given the vendor) throws. */
  code: string;
}

export interface BindingVector {
  enclavePublicKey: Hex;
  operator: Address;
  l1BlockNumber: string;
  l1BlockHash: Hex;
  commitment: Hex;
  reportData: Hex;
  enclaveId: Address;
}

export interface AuditorSignatureVector {
  statement: MeasurementStatement;
  chainId: number;
  verifyingContract: Address;
  measurement: Hex;
  policyVersion: string;
  deadline: string;
  domainSeparator: Hex;
  structHash: Hex;
  digest: Hex;
  signer: Address;
  signature: Hex;
}

export interface AttestationVectors {
  description: string;
  vendor: { privateKey: Hex; address: Address };
  reportDomain: Hex;
  valid: ValidReportVector[];
  invalid: InvalidReportVector[];
  bindings: BindingVector[];
  auditorSignatures: AuditorSignatureVector[];
}

const MEASUREMENT = keccak256(toHex("obscuro enclave v1.0.0"));
const SIGNER = keccak256(toHex("obscuro enclave signing key"));

async function signBody(body: Hex, privateKey: Hex): Promise<Hex> {
  return concat([body, await sign({ hash: getDevReportDigest(body), privateKey, to: "hex" })]);
}

function patch(hex: Hex, offset: number, bytes: Hex): Hex {
  const h = hex.slice(2);
  return `0x${h.slice(0, 2 * offset)}${bytes.slice(2)}${h.slice(2 * offset + bytes.length - 2)}`;
}

async function validVector(name: string, input: EncodeDevReportBodyParameters): Promise<ValidReportVector> {
  const fields = resolveDevReportFields(input);
  const body = encodeDevReportBody(fields);
  const report = await buildDevReport({ ...fields, vendorPrivateKey: VENDOR_KEY });
  return {
    name,
    fields: {
      ...fields,
      attributes: { flags: numberToHex(fields.attributes.flags), xfrm: numberToHex(fields.attributes.xfrm) },
    },
    body,
    digest: getDevReportDigest(body),
    signature: `0x${report.slice(2 + 2 * 235)}`,
    report,
    result: {
      teeType: 0,
      measurement: fields.mrEnclave,
      signerMeasurement: fields.mrSigner,
      productId: fields.isvProdId,
      securityVersion: fields.isvSvn,
      debug: (fields.attributes.flags & SgxAttributeFlags.Debug) !== 0n,
      tcbStatus: fields.tcbStatus,
      enclavePublicKey: fields.enclavePublicKey,
      reportData: fields.reportData,
    },
  };
}

export async function buildAttestationVectors(): Promise<AttestationVectors> {
  const binding = (i: number, operator: Address, n: bigint): BindingVector => {
    const l1BlockHash = keccak256(toHex(`obscuro/test-vectors/block/${n}`));
    const { commitment, reportData } = computeReportData({
      enclavePublicKey: enclavePublicKey(i),
      operator,
      l1BlockNumber: n,
      l1BlockHash,
    });
    return {
      enclavePublicKey: `0x${enclavePublicKey(i).slice(4)}`,
      operator,
      l1BlockNumber: n.toString(),
      l1BlockHash,
      commitment,
      reportData,
      enclaveId: computeEnclaveId(enclavePublicKey(i)),
    };
  };
  const bindings = [
    binding(0, privateKeyToAddress(key("operator/0")), 19_000_000n),
    binding(1, privateKeyToAddress(key("operator/1")), 1n),
    binding(2, privateKeyToAddress(key("operator/2")), 2n ** 64n + 7n),
  ];

  const base = { mrEnclave: MEASUREMENT, mrSigner: SIGNER };
  const valid = [
    await validVector("defaults", {
      ...base,
      reportData: bindings[0]!.reportData,
      enclavePublicKey: enclavePublicKey(0),
    }),
    await validVector("all-fields", {
      ...base,
      cpuSvn: "0x0102030405060708090a0b0c0d0e0f10",
      miscSelect: 0x11223344,
      attributes: { flags: SgxAttributeFlags.Init | SgxAttributeFlags.Mode64Bit | 0x100n, xfrm: 0xe7n },
      isvProdId: 0x1234,
      isvSvn: 0xbeef,
      reportData: bindings[1]!.reportData,
      enclavePublicKey: enclavePublicKey(1),
      tcbStatus: TcbStatus.SWHardeningNeeded,
    }),
    await validVector("debug", {
      ...base,
      attributes: { flags: SgxAttributeFlags.Init | SgxAttributeFlags.Debug | SgxAttributeFlags.Mode64Bit, xfrm: 3n },
      isvSvn: 1,
      reportData: bindings[2]!.reportData,
      enclavePublicKey: enclavePublicKey(2),
      tcbStatus: TcbStatus.OutOfDate,
    }),
    await validVector("max-values", {
      mrEnclave: `0x${"ff".repeat(32)}`,
      mrSigner: `0x${"ee".repeat(32)}`,
      cpuSvn: `0x${"ff".repeat(16)}`,
      miscSelect: 0xffffffff,
      attributes: { flags: 2n ** 64n - 1n, xfrm: 2n ** 64n - 1n },
      isvProdId: 0xffff,
      isvSvn: 0xffff,
      reportData: `0x${"ab".repeat(64)}`,
      enclavePublicKey: enclavePublicKey(3),
      tcbStatus: TcbStatus.Unrecognized,
    }),
  ];

  const good = valid[0]!.report;
  const goodBody = valid[0]!.body;
  const r = good.slice(2 + 2 * 235, 2 + 2 * 267);
  const s = BigInt(`0x${good.slice(2 + 2 * 267, 2 + 2 * 299)}`);
  const v = Number.parseInt(good.slice(-2), 16);
  const invalidLength = "DevAttestationVerifier_InvalidLength(uint256)";
  const invalidSignature = "DevAttestationVerifier_InvalidSignature()";
  const invalid: InvalidReportVector[] = [
    { name: "empty", report: "0x", error: invalidLength, code: "INVALID_REPORT_LENGTH" },
    { name: "truncated", report: good.slice(0, -2) as Hex, error: invalidLength, code: "INVALID_REPORT_LENGTH" },
    { name: "extended", report: `${good}00`, error: invalidLength, code: "INVALID_REPORT_LENGTH" },
    {
      name: "format-2",
      report: await signBody(patch(goodBody, 0, "0x0002"), VENDOR_KEY),
      error: "DevAttestationVerifier_UnsupportedFormat(uint16)",
      code: "UNSUPPORTED_REPORT_FORMAT",
    },
    {
      name: "wrong-signer",
      report: await signBody(goodBody, OTHER_VENDOR_KEY),
      error: "DevAttestationVerifier_WrongSigner(address)",
      code: "WRONG_REPORT_SIGNER",
    },
    {
      name: "tampered-measurement",
      report: patch(good, 38, "0x00"),
      error: "DevAttestationVerifier_WrongSigner(address)",
      code: "WRONG_REPORT_SIGNER",
    },
    {
      name: "high-s",
      report: concat([goodBody, `0x${r}`, numberToHex(SECP256K1_N - s, { size: 32 }), numberToHex(v ^ 7, { size: 1 })]),
      error: invalidSignature,
      code: "INVALID_REPORT_SIGNATURE",
    },
    { name: "v-29", report: patch(good, 299, "0x1d"), error: invalidSignature, code: "INVALID_REPORT_SIGNATURE" },
    {
      name: "zero-signature",
      report: concat([goodBody, `0x${"00".repeat(64)}1b`]),
      error: invalidSignature,
      code: "INVALID_REPORT_SIGNATURE",
    },
    {
      name: "tcb-status-8",
      report: await signBody(patch(goodBody, 234, "0x08"), VENDOR_KEY),
      error: "DevAttestationVerifier_UnknownTcbStatus(uint8)",
      code: "UNKNOWN_TCB_STATUS",
    },
    {
      name: "key-off-curve",
      report: await signBody(patch(goodBody, 170, `0x${"00".repeat(31)}01${"00".repeat(31)}01`), VENDOR_KEY),
      error: "DevAttestationVerifier_InvalidEnclavePublicKey()",
      code: "INVALID_PUBLIC_KEY",
    },
  ];

  const auditorSignatures: AuditorSignatureVector[] = [];
  const verifyingContract: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  for (const [i, statement] of (["ApproveMeasurement", "RevokeMeasurement"] as const).entries()) {
    for (const auditor of [0, 1]) {
      const typedData = getMeasurementTypedData({
        statement,
        chainId: 31337,
        policy: verifyingContract,
        measurement: MEASUREMENT,
        policyVersion: BigInt(i + 1),
        deadline: 1_900_000_000n,
      });
      const account = privateKeyToAccount(auditorKey(auditor));
      auditorSignatures.push({
        statement,
        chainId: 31337,
        verifyingContract,
        measurement: MEASUREMENT,
        policyVersion: String(i + 1),
        deadline: "1900000000",
        domainSeparator: hashDomain({
          domain: { ...ENCLAVE_POLICY_DOMAIN, chainId: 31337n, verifyingContract },
          types: { EIP712Domain: eip712DomainType },
        }),
        structHash: hashStruct({ data: typedData.message, primaryType: statement, types: typedData.types }),
        digest: hashTypedData(typedData),
        signer: account.address,
        signature: await account.signTypedData(typedData),
      });
    }
  }

  return {
    description:
      "Attestation test vectors, generated by contracts/scripts/generate-attestation-vectors.ts from fixed public keys. Do not edit.",
    vendor: { privateKey: VENDOR_KEY, address: privateKeyToAddress(VENDOR_KEY) },
    reportDomain: keccak256(toHex("Obscuro.DevAttestationReport.v1")),
    valid,
    invalid,
    bindings,
    auditorSignatures,
  };
}

const eip712DomainType = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
] as const;

/** The vectors as the committed file holds them. */
export async function serializeAttestationVectors(): Promise<string> {
  return `${JSON.stringify(await buildAttestationVectors(), null, 2)}\n`;
}
