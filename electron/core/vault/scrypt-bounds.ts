/**
 * Hard limits for scrypt parameters read from a file (the vault's stored wrap, a backup header).
 * Such a file may have been crafted: without limits a few hundred bytes can ask for gigabytes of
 * memory and minutes of CPU before any passphrase is checked. scrypt's memory is 128·N·r bytes per
 * lane and its time grows with N·r·p, so bounding 128·N·r·p bounds both. Our own default
 * (N=2^17, r=8, p=1) uses half of the limit, so raising it once more still fits.
 */
import type { ScryptCost } from './passphrase-protector';

export const MAX_SCRYPT_WORK_BYTES = 256 * 1024 * 1024;
export const MIN_SCRYPT_LOG_N = 10;
export const MAX_SCRYPT_LOG_N = 20;
export const MAX_SCRYPT_R = 32;
export const MAX_SCRYPT_P = 16;

/** True when the parameters are sane and cost at most 256 MiB of scrypt work (128·N·r·p bytes). */
export function scryptCostWithinBounds(cost: ScryptCost): boolean {
  const { N, r, p } = cost;
  const logN = Math.log2(N);
  return (
    Number.isInteger(logN) && logN >= MIN_SCRYPT_LOG_N && logN <= MAX_SCRYPT_LOG_N &&
    Number.isInteger(r) && r >= 1 && r <= MAX_SCRYPT_R &&
    Number.isInteger(p) && p >= 1 && p <= MAX_SCRYPT_P &&
    128 * N * r * p <= MAX_SCRYPT_WORK_BYTES
  );
}
