/**
 * Fixed parameters of Obscuro's key material. They are part of the protocol: changing any of
 * them changes every derived key and breaks every existing ciphertext. See docs/crypto.md.
 */

/** Length of the network's master secret, in bytes. */
export const MASTER_SECRET_LENGTH = 32;

/** Length of a secp256k1 private key, in bytes. */
export const PRIVATE_KEY_LENGTH = 32;

/** Length of an enclave public key as the protocol carries it: `x || y`, without the `0x04` prefix. */
export const PUBLIC_KEY_LENGTH = 64;

/** Length of a rollup epoch key (AES-256), in bytes. */
export const EPOCH_KEY_LENGTH = 32;

/** HKDF-SHA256 `info` of the network key (first try; see {@link NETWORK_KEY_MAX_TRIES}). */
export const NETWORK_KEY_INFO = "obscuro/network-key";

/** HKDF-SHA256 `info` prefix of a rollup epoch key; the epoch follows as 8 big-endian bytes. */
export const ROLLUP_KEY_INFO = "obscuro/rollup-key";

/**
 * How many HKDF outputs the network-key derivation tries before giving up. Try 0 uses
 * `info = "obscuro/network-key"`, try `c ≥ 1` appends the single byte `c`. An output is accepted
 * when, read as a 256-bit big-endian integer, it lies in `[1, n - 1]`.
 */
export const NETWORK_KEY_MAX_TRIES = 256;

/** The largest key epoch: epochs are encoded as unsigned 64-bit integers. */
export const MAX_KEY_EPOCH = 2n ** 64n - 1n;
