export {
  authorizeViewingKey,
  createViewingKey,
  decryptPrivateResponse,
  encryptPrivateRequest,
  encryptPrivateResponse,
  encryptTransaction,
  isNetworkPublicKey,
  openPrivateRequest,
  PrivateRequestError,
  viewingKeyDomain,
  viewingKeyTypes,
} from "./viewingKeys.ts";
export type { PrivateRequest, PrivateResponse, ViewingKey, ViewingKeyAuthorization } from "./viewingKeys.ts";
