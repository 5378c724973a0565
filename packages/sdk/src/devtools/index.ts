export { anvilBinaryPath, AnvilStartError, startAnvil } from "./anvil.ts";
export type { AnvilAccount, AnvilInstance, StartAnvilParameters } from "./anvil.ts";
