export { BridgeLedger, DepositOutOfOrderError, InsufficientL2BalanceError } from "./BridgeLedger.ts";
