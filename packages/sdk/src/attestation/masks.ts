import type { TcbStatus, TeeType } from "../types/attestation.ts";

/** The `EnclavePolicy` mask of a set of TEE types (bit i = `TeeType` i). */
export function teeTypeMask(teeTypes: readonly TeeType[]): number {
  return teeTypes.reduce<number>((mask, t) => mask | (1 << t), 0);
}

/** The `EnclavePolicy` mask of a set of TCB statuses (bit i = `TcbStatus` i). */
export function tcbStatusMask(statuses: readonly TcbStatus[]): number {
  return statuses.reduce<number>((mask, s) => mask | (1 << s), 0);
}
