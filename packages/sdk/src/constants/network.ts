/** The length of the ECIES ciphertext of the 32-byte master secret that L1 stores per node. */
export const ENCRYPTED_SECRET_LENGTH = 129;

/** The longest host address `NetworkManagement` accepts, in bytes (UTF-8). */
export const MAX_HOST_ADDRESS_LENGTH = 256;
