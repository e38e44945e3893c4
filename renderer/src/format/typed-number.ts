/**
 * What Keywarden understood a typed number to be, said next to the field whenever it is not written
 * exactly as typed ("0,001" → "Read as 0.001", "1.000" → "Read as 1"), so a misreading shows before
 * anything is sent. The reading itself is the shared rule's (electron/shared/decimal-input.ts).
 */
import { readDecimal } from '../../../electron/shared/decimal-input';

/** "Read as 0.001" when the typed text reads as a number written differently, else null. */
export function readAsNote(typed: string): string | null {
  const read = readDecimal(typed);
  return read.ok && read.canonical !== typed.trim() ? `Read as ${read.canonical}` : null;
}
