export * from "./chain/index.ts";
export { L1_WINDOW } from "./l1/L1View.ts";
