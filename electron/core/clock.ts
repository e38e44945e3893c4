/** Time as the core sees it; injected so tests can move it (auto-lock, throttling, expiry). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
