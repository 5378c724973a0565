/*
 * @obscuro/gateway/client: what a wallet-side program needs to use a gateway, without the server.
 */
export { GatewayRegistrationError, registerAccount } from "./registerAccount.ts";
export type { RegisterAccountParameters, RegisterAccountReturnType } from "./registerAccount.ts";
