import type { GasScenario } from "../types.ts";
import { attestationScenarios } from "./attestation.ts";
import { bridgeScenarios } from "./bridge.ts";
import { dcapScenarios } from "./dcap.ts";
import { networkScenarios } from "./network.ts";
import { rollupScenarios } from "./rollup.ts";
import { tokenScenarios } from "./token.ts";

/** Every snapshotted call, module by module. Add a module's scenarios here. */
export const scenarios: GasScenario[] = [
  ...tokenScenarios,
  ...attestationScenarios,
  ...networkScenarios,
  ...rollupScenarios,
  ...bridgeScenarios,
  ...dcapScenarios,
];
