import type { GasScenario } from "../types.ts";
import { attestationScenarios } from "./attestation.ts";
import { dcapScenarios } from "./dcap.ts";
import { networkScenarios } from "./network.ts";
import { tokenScenarios } from "./token.ts";

/** Every snapshotted call, module by module. Add a module's scenarios here. */
export const scenarios: GasScenario[] = [
  ...tokenScenarios,
  ...attestationScenarios,
  ...networkScenarios,
  ...dcapScenarios,
];
