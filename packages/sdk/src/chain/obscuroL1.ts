import { defineChain, type Address, type Chain, type ChainContract } from "viem";
import type { DeploymentManifest } from "../deploy/manifest.ts";

/** The protocol contracts an Obscuro L1 chain carries, by the name actions look them up with. */
export interface ObscuroL1Contracts {
  obscuroToken: ChainContract;
  enclavePolicy: ChainContract;
  /** The dev or the DCAP verifier (the manifest's `settings.attestation.kind`). */
  attestationVerifier: ChainContract;
  networkManagement: ChainContract;
  bridgeManagement: ChainContract;
  rollupManagement: ChainContract;
  rollupSlashing: ChainContract;
  /** Governance (the Timelock in a deployment with its own DAO). */
  governance: ChainContract;
  /** The security council (a Safe in a real deployment). */
  council: ChainContract;
  /** Present when the deployment created its own token-holder governance. */
  governor?: ChainContract | undefined;
  timelock?: ChainContract | undefined;
  /** Present with the DCAP verifier: its certificate and collateral registries (`submitDcapCollateral`). */
  dcapCertificateRegistry?: ChainContract | undefined;
  dcapCollateralRegistry?: ChainContract | undefined;
}

/** The name of a protocol contract on an {@link ObscuroL1Chain}. */
export type ObscuroL1ContractName = keyof ObscuroL1Contracts;

/** An L1 chain (viem `Chain`) that knows where the Obscuro protocol is deployed on it. */
export type ObscuroL1Chain = Chain & { contracts: ObscuroL1Contracts };

export interface DefineObscuroL1ChainParameters {
  /** The deployment (`deployments/<chainId>.json`, `readDeploymentManifest`). */
  manifest: DeploymentManifest;
  /**
   * The L1 chain it is deployed on (e.g. viem's `mainnet`, `sepolia`, `foundry`). Default: a chain
   * named after the manifest's chain id, reached at `rpcUrl`.
   */
  chain?: Chain | undefined;
  /** JSON-RPC URL; default: the base chain's. */
  rpcUrl?: string | undefined;
}

/**
 * The L1 chain of a deployment: the base chain with every protocol contract (and the block it was
 * deployed at, where log queries start) under `contracts`, so that actions find the addresses
 * themselves:
 *
 * ```ts
 * const chain = defineObscuroL1Chain({ manifest, chain: foundry });
 * const client = createPublicClient({ chain, transport: http() }).extend(publicActionsObscuroL1());
 * const head = await client.getCanonicalHead();
 * ```
 */
export function defineObscuroL1Chain({ manifest, chain, rpcUrl }: DefineObscuroL1ChainParameters): ObscuroL1Chain {
  const at = (address: Address): ChainContract => ({ address, blockCreated: Number(manifest.deployBlock) });
  const { contracts, settings } = manifest;
  const base: Chain =
    chain ??
    defineChain({
      id: manifest.chainId,
      name: `Obscuro L1 (chain ${manifest.chainId})`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: rpcUrl ? [rpcUrl] : [] } },
    });
  return {
    ...base,
    ...(rpcUrl ? { rpcUrls: { ...base.rpcUrls, default: { http: [rpcUrl] } } } : {}),
    contracts: {
      ...base.contracts,
      obscuroToken: at(contracts.ObscuroToken),
      enclavePolicy: at(contracts.EnclavePolicy),
      attestationVerifier: at(contracts.AttestationVerifier),
      networkManagement: at(contracts.NetworkManagement),
      bridgeManagement: at(contracts.BridgeManagement),
      rollupManagement: at(contracts.RollupManagement),
      rollupSlashing: at(contracts.RollupSlashing),
      governance: at(settings.governance),
      council: at(settings.council),
      ...(contracts.ObscuroGovernor ? { governor: at(contracts.ObscuroGovernor) } : {}),
      ...(contracts.ObscuroTimelock ? { timelock: at(contracts.ObscuroTimelock) } : {}),
      ...(contracts.DcapCertificateRegistry ? { dcapCertificateRegistry: at(contracts.DcapCertificateRegistry) } : {}),
      ...(contracts.DcapCollateralRegistry ? { dcapCollateralRegistry: at(contracts.DcapCollateralRegistry) } : {}),
    },
  };
}
