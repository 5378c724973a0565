import type { GasScenario } from "../types.ts";
import { dcapScenarios } from "./dcap.ts";
import { tokenScenarios } from "./token.ts";

/** Every snapshotted call, module by module. Add a module's scenarios here. */
export const scenarios: GasScenario[] = [...tokenScenarios, ...dcapScenarios];
