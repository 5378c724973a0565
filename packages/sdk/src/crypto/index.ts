export {
  EPOCH_KEY_LENGTH,
  MASTER_SECRET_LENGTH,
  MAX_KEY_EPOCH,
  NETWORK_KEY_INFO,
  NETWORK_KEY_MAX_TRIES,
  PRIVATE_KEY_LENGTH,
  PUBLIC_KEY_LENGTH,
  ROLLUP_KEY_INFO,
} from "./constants.ts";
export type { BytesLike } from "./bytes.ts";
export {
  EciesDecryptionError,
  InvalidEpochKeyError,
  InvalidKeyEpochError,
  InvalidMasterSecretError,
  InvalidPrivateKeyError,
  InvalidPublicKeyError,
  KeyDerivationError,
  NetworkKeyMismatchError,
} from "./errors.ts";
export { computeEnclaveId } from "./computeEnclaveId.ts";
export { computeKeyCommitment } from "./computeKeyCommitment.ts";
export { decryptMasterSecret } from "./decryptMasterSecret.ts";
export type { DecryptMasterSecretParameters, DecryptMasterSecretReturnType } from "./decryptMasterSecret.ts";
export { deriveNetworkKey } from "./deriveNetworkKey.ts";
export type { DeriveNetworkKeyParameters, DeriveNetworkKeyReturnType } from "./deriveNetworkKey.ts";
export { deriveRollupEpochKey } from "./deriveRollupEpochKey.ts";
export type { DeriveRollupEpochKeyParameters, DeriveRollupEpochKeyReturnType } from "./deriveRollupEpochKey.ts";
export { ECIES_EPHEMERAL_KEY_LENGTH, ECIES_NONCE_LENGTH, ECIES_OVERHEAD, ECIES_TAG_LENGTH } from "./ecies.ts";
export { eciesDecrypt } from "./eciesDecrypt.ts";
export type { EciesDecryptParameters, EciesDecryptReturnType } from "./eciesDecrypt.ts";
export { eciesEncrypt } from "./eciesEncrypt.ts";
export type { EciesEncryptParameters, EciesEncryptReturnType } from "./eciesEncrypt.ts";
export { encryptMasterSecret } from "./encryptMasterSecret.ts";
export type { EncryptMasterSecretParameters, EncryptMasterSecretReturnType } from "./encryptMasterSecret.ts";
export { generateEnclaveKey } from "./generateEnclaveKey.ts";
export type { GenerateEnclaveKeyReturnType } from "./generateEnclaveKey.ts";
export { generateMasterSecret } from "./generateMasterSecret.ts";
export { getEnclavePublicKey } from "./getEnclavePublicKey.ts";
export { isValidEnclavePublicKey, parseEnclavePublicKey } from "./parseEnclavePublicKey.ts";
export { verifyKeyCommitment } from "./verifyKeyCommitment.ts";
export type { VerifyKeyCommitmentParameters } from "./verifyKeyCommitment.ts";
export { SECP256K1_ORDER, SECP256K1_P } from "./secp256k1.ts";
