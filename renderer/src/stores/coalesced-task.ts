/**
 * A task asked for by a burst of events (one credentials.changed per key during "Verify all"): it
 * runs at once, and when asked again while running, once more after that run, so a burst costs two
 * runs at most and the last state is always fetched.
 */
export interface CoalescedTask {
  request(): void;
  /** Forgets a pending rerun (the vault locked: there is nothing to fetch). */
  cancel(): void;
}

/** `wanted` is asked before a pending rerun starts: false drops it. */
export function coalescedTask(task: () => Promise<void>, wanted: () => boolean): CoalescedTask {
  let running: Promise<void> | null = null;
  let again = false;
  const request = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = task().finally(() => {
      running = null;
      if (again && wanted()) {
        again = false;
        request();
      }
    });
  };
  return {
    request,
    cancel: () => {
      again = false;
    },
  };
}
