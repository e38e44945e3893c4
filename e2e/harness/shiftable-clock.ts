/**
 * The real time plus an offset the test can move forward: records get believable timestamps, and
 * idle auto-lock or unlock throttling can be reached without waiting.
 */
import type { Clock } from '../../electron/core/clock';

export class ShiftableClock implements Clock {
  #offset = 0;

  now(): number {
    return Date.now() + this.#offset;
  }

  advance(ms: number): void {
    this.#offset += ms;
  }
}
