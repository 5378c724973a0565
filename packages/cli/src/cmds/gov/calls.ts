import {
  bridgeManagementAbi,
  dcapAttestationVerifierAbi,
  dcapCertificateRegistryAbi,
  dcapCollateralRegistryAbi,
  devAttestationVerifierAbi,
  enclavePolicyAbi,
  networkManagementAbi,
  obscuroGovernorAbi,
  obscuroTimelockAbi,
  obscuroTokenAbi,
  rollupManagementAbi,
  rollupSlashingAbi,
  type DeploymentManifest,
} from "@obscuro/sdk";
import {
  encodeFunctionData,
  getAddress,
  isAddress,
  isHex,
  parseAbiItem,
  toFunctionSelector,
  type Abi,
  type AbiFunction,
  type AbiParameter,
  type Address,
  type Hex,
} from "viem";
import { usageError } from "../../util/errors.ts";

/*
 * What a proposal calls: a module of the manifest by name (or any address) and a function by its
 * signature, with its arguments typed from that signature. Checked against the module's ABI when
 * the target is one of the protocol's contracts, so a misspelt setter never reaches a vote.
 */

/** A contract of the deployment, by the names a person types. */
interface Module {
  name: string;
  address: Address;
  abi: Abi | undefined;
}

const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Every contract a proposal can target by name, with the aliases a person may use. */
function modules(manifest: DeploymentManifest): Map<string, Module> {
  const { contracts, settings } = manifest;
  const verifierAbi = settings.attestation.kind === "dev" ? devAttestationVerifierAbi : dcapAttestationVerifierAbi;
  const entries: [string[], string, Address | undefined, Abi | undefined][] = [
    [["obscuroToken", "token"], "ObscuroToken", contracts.ObscuroToken, obscuroTokenAbi],
    [["enclavePolicy", "policy"], "EnclavePolicy", contracts.EnclavePolicy, enclavePolicyAbi],
    [["attestationVerifier", "verifier"], "AttestationVerifier", contracts.AttestationVerifier, verifierAbi],
    [["networkManagement", "network"], "NetworkManagement", contracts.NetworkManagement, networkManagementAbi],
    [["bridgeManagement", "bridge"], "BridgeManagement", contracts.BridgeManagement, bridgeManagementAbi],
    [["rollupManagement", "rollups", "rollup"], "RollupManagement", contracts.RollupManagement, rollupManagementAbi],
    [["rollupSlashing", "slashing"], "RollupSlashing", contracts.RollupSlashing, rollupSlashingAbi],
    [["governor", "obscuroGovernor"], "ObscuroGovernor", contracts.ObscuroGovernor, obscuroGovernorAbi],
    [["timelock", "obscuroTimelock"], "ObscuroTimelock", contracts.ObscuroTimelock, obscuroTimelockAbi],
    [
      ["dcapCertificateRegistry"],
      "DcapCertificateRegistry",
      contracts.DcapCertificateRegistry,
      dcapCertificateRegistryAbi,
    ],
    [["dcapCollateralRegistry"], "DcapCollateralRegistry", contracts.DcapCollateralRegistry, dcapCollateralRegistryAbi],
  ];
  const map = new Map<string, Module>();
  for (const [aliases, name, address, abi] of entries) {
    if (!address) continue;
    for (const alias of aliases) map.set(normalize(alias), { name, address, abi });
  }
  return map;
}

/**
 * A target by module name (`networkManagement`, `NetworkManagement`, `network-management`,
 * `bridge`, …) or address.
 * @throws {CliError} `TARGET` for a name the manifest does not have (exit 2).
 */
export function resolveTarget(target: string, manifest: DeploymentManifest): Module {
  if (isAddress(target, { strict: false })) {
    const address = getAddress(target);
    const known = [...modules(manifest).values()].find((m) => m.address === address);
    return known ?? { name: address, address, abi: undefined };
  }
  const found = modules(manifest).get(normalize(target));
  if (!found) {
    const names = [...new Set([...modules(manifest).values()].map((m) => m.name))];
    throw usageError("TARGET", `${target} is not a contract of this deployment.`, {
      details: `known: ${names.join(", ")}, or an address`,
    });
  }
  return found;
}

/**
 * Encodes a call from its signature (`setMinStake(uint256)`) and its arguments as typed on the
 * command line (integers in decimal or hex, addresses, true/false, hex bytes, strings; arrays
 * and tuples as JSON).
 * @throws {CliError} `CALL` when the signature, the function or an argument is wrong (exit 2).
 */
export function encodeCall(module: Module, signature: string, args: readonly string[]): { data: Hex; fn: AbiFunction } {
  let fn: AbiFunction;
  try {
    const item = parseAbiItem(signature.trim().startsWith("function ") ? signature : `function ${signature}`);
    if (item.type !== "function") throw new Error("not a function");
    fn = item;
  } catch (cause) {
    throw usageError("CALL", `${signature} is not a function signature like setMinStake(uint256).`, { cause });
  }
  const selector = toFunctionSelector(fn);
  if (module.abi) {
    const functions = module.abi.filter(
      (item): item is AbiFunction =>
        item.type === "function" && item.stateMutability !== "view" && item.stateMutability !== "pure",
    );
    if (!functions.some((f) => toFunctionSelector(f) === selector)) {
      const similar = functions.filter((f) => f.name === fn.name).map(format);
      throw usageError("CALL", `${module.name} has no function ${format(fn)}.`, {
        details: similar.length
          ? `did you mean ${similar.join(" or ")}?`
          : `its functions: ${functions.map(format).join(", ")}`,
      });
    }
  }
  if (args.length !== fn.inputs.length) {
    throw usageError(
      "CALL",
      `${format(fn)} takes ${fn.inputs.length} argument${fn.inputs.length === 1 ? "" : "s"}, and ${args.length} ${args.length === 1 ? "was" : "were"} given.`,
    );
  }
  const values = fn.inputs.map((input, i) => {
    const raw = args[i]!;
    let value: unknown = raw;
    if (input.type.endsWith("]") || input.type === "tuple") {
      try {
        value = JSON.parse(raw);
      } catch (cause) {
        throw usageError("CALL", `Argument ${i + 1} (${input.type}) must be JSON, and ${raw} is not.`, { cause });
      }
    }
    return coerce(input, value, `argument ${i + 1}`);
  });
  return { data: encodeFunctionData({ abi: [fn], functionName: fn.name, args: values }), fn };
}

function format(fn: AbiFunction): string {
  return `${fn.name}(${fn.inputs.map((i) => i.type).join(",")})`;
}

function coerce(parameter: AbiParameter, value: unknown, what: string): unknown {
  const fail = (): never => {
    throw usageError("CALL", `${what} must be a ${parameter.type}, and ${JSON.stringify(value)} is not.`);
  };
  const { type } = parameter;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) fail();
    const inner = { ...parameter, type: array[1]! } as AbiParameter;
    return (value as unknown[]).map((v, i) => coerce(inner, v, `${what}[${i}]`));
  }
  if (type === "tuple") {
    const components = (parameter as { components: readonly AbiParameter[] }).components;
    if (Array.isArray(value)) return components.map((c, i) => coerce(c, value[i], `${what}.${c.name ?? i}`));
    if (typeof value !== "object" || value === null) fail();
    return Object.fromEntries(
      components.map((c) => [c.name, coerce(c, (value as Record<string, unknown>)[c.name!], `${what}.${c.name}`)]),
    );
  }
  if (/^u?int\d*$/.test(type)) {
    const text = String(value);
    if (!/^-?(\d+|0x[0-9a-fA-F]+)$/.test(text)) fail();
    if (type.startsWith("uint") && text.startsWith("-")) fail();
    return BigInt(text);
  }
  if (type === "address") {
    if (typeof value !== "string" || !isAddress(value, { strict: false })) fail();
    return getAddress(value as string);
  }
  if (type === "bool") {
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    return fail();
  }
  if (type.startsWith("bytes")) {
    if (!isHex(value)) fail();
    const size = Number(type.slice(5));
    if (size > 0 && (value as string).length !== 2 + 2 * size) fail();
    return value;
  }
  if (type === "string") return String(value);
  return fail();
}
