import type { Enclave } from "../enclave/Enclave.ts";
import type { Handlers } from "./server.ts";
import type { EnclaveProtocol } from "./protocol.ts";

/** Each RPC method, handled by the enclave. */
export function enclaveHandlers(enclave: Enclave): Handlers<EnclaveProtocol> {
  return {
    getStatus: async () => enclave.status(),
    attest: (params) => enclave.attest(params),
    createNetwork: () => enclave.createNetwork(),
    installSecret: (params) => enclave.installSecret(params),
    respondToSecretRequest: (params) => enclave.respondToSecretRequest(params),
    feedL1Block: (params) => enclave.feedL1Block(params as never),
    replayPending: () => enclave.replayPending(),
    drawTicket: (params) => enclave.drawTicket(params),
    submitTransaction: (params) => enclave.submitTransaction(params),
    pendingTransactions: (params) => enclave.pendingTransactions(params),
    produceBatch: (params) => enclave.produceBatch(params),
    applyBatch: (params) => enclave.applyBatch(params),
    buildRollup: (params) => enclave.buildRollup(params),
    getRollup: (params) => enclave.getRollup(params) as never,
    publicRequest: (params) => enclave.publicRequest(params) as never,
    privateRequest: (params) => enclave.privateRequest(params),
  };
}
