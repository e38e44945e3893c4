/** How a foreground command (`serve`, `proxy`) waits: until Ctrl-C or a service manager's stop. */

/** Resolves with the signal that asked to stop (SIGINT or SIGTERM). */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
