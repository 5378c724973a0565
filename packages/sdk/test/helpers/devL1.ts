export { startDevL1, type DevL1 } from "../../src/devtools/startDevL1.ts";
