import { Config } from "eciesjs/config";

/**
 * Obscuro's ECIES format is the default format of eciesjs ≥ 0.4, which the ECIES libraries of
 * the same family implement byte for byte in Go (`github.com/ecies/go/v2`), Rust (`ecies`)
 * and Python (`eciespy`), so an enclave written in any of them reads what the SDK writes:
 *
 * ```
 * ciphertext = ephemeralPublicKey (65: 0x04 || x || y) || nonce (16) || tag (16) || aesCiphertext (n)
 * sharedPoint = ephemeralPrivateKey · recipientPublicKey, uncompressed (65: 0x04 || x || y)
 * aesKey     = HKDF-SHA256(ikm = ephemeralPublicKey || sharedPoint, salt = none, info = none, L = 32)
 * aesCiphertext || tag = AES-256-GCM(aesKey, nonce, plaintext, aad = none)
 * ```
 *
 * The configuration is pinned here rather than read from eciesjs's mutable global
 * `ECIES_CONFIG`, so no other code in the process can change the format.
 * @internal
 */
export const ECIES_FORMAT: Config = Object.freeze(
  Object.assign(new Config(), {
    ellipticCurve: "secp256k1",
    isEphemeralKeyCompressed: false,
    isHkdfKeyCompressed: false,
    symmetricAlgorithm: "aes-256-gcm",
    symmetricNonceLength: 16,
  } satisfies Partial<Config>),
);

/** Length of the ephemeral public key at the start of an ECIES ciphertext (uncompressed SEC1). */
export const ECIES_EPHEMERAL_KEY_LENGTH = 65;
/** Length of the AES-256-GCM nonce in an ECIES ciphertext. */
export const ECIES_NONCE_LENGTH = 16;
/** Length of the AES-256-GCM tag in an ECIES ciphertext. */
export const ECIES_TAG_LENGTH = 16;
/** Bytes an ECIES ciphertext adds to its plaintext: 65 + 16 + 16 = 97. */
export const ECIES_OVERHEAD = ECIES_EPHEMERAL_KEY_LENGTH + ECIES_NONCE_LENGTH + ECIES_TAG_LENGTH;
