import { size, zeroAddress, type Address, type Hex } from "viem";
import { ENCRYPTED_SECRET_LENGTH, MAX_HOST_ADDRESS_LENGTH } from "../constants/network.ts";
import { InvalidDepositError } from "../errors/bridge.ts";
import { InvalidEncryptedSecretError, InvalidHostAddressError, InvalidStakeAmountError } from "../errors/network.ts";

/*
 * Checks actions run before anything is sent, for inputs the contract would refuse anyway but
 * whose refusal is clearer here (and costs no round trip).
 */

/** Refuses a deposit the bridge would refuse: a zero recipient or amount, or (for tokens) a zero token. */
export function assertDeposit(to: Address, amount: bigint, token?: Address): void {
  if (to === zeroAddress) throw new InvalidDepositError("The L2 recipient is the zero address.");
  if (amount <= 0n) throw new InvalidDepositError("The amount must be positive.", { details: `got ${amount}` });
  if (token === zeroAddress)
    throw new InvalidDepositError("The token is the zero address; deposit ETH with depositEth.");
}

/** Checks a host address: 1 to 256 bytes of UTF-8. */
export function assertHostAddress(hostAddress: string): void {
  const length = new TextEncoder().encode(hostAddress).length;
  if (length === 0 || length > MAX_HOST_ADDRESS_LENGTH) {
    throw new InvalidHostAddressError(`A host address must be 1 to ${MAX_HOST_ADDRESS_LENGTH} bytes.`, {
      details: `got ${length} bytes`,
    });
  }
}

/** Checks an encrypted secret: exactly 129 bytes of hex. */
export function assertEncryptedSecret(encryptedSecret: Hex): void {
  let length: number;
  try {
    length = size(encryptedSecret);
  } catch {
    length = -1;
  }
  if (length !== ENCRYPTED_SECRET_LENGTH) {
    throw new InvalidEncryptedSecretError(`An encrypted secret must be ${ENCRYPTED_SECRET_LENGTH} bytes.`, {
      details: `got ${length < 0 ? "malformed hex" : `${length} bytes`}`,
    });
  }
}

/** Checks a stake amount is positive. */
export function assertStakeAmount(amount: bigint): void {
  if (amount <= 0n) {
    throw new InvalidStakeAmountError("A stake amount must be positive.", { details: `got ${amount}` });
  }
}
