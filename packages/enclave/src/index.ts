export * from "./chain/index.ts";
