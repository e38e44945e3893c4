/** A counting semaphore: at most `limit` holders at once, the rest wait in arrival order. */
export class Semaphore {
  #available: number;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#available = limit;
  }

  async acquire(): Promise<() => void> {
    if (this.#available > 0) this.#available -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#available += 1;
    };
  }
}

/**
 * Runs `task` for every item with at most `total` running at once and at most `perGroup` per group
 * (exchange), so one slow group never takes all the slots. Results keep the items' order.
 */
export async function mapBounded<T, R>(items: readonly T[], groupOf: (item: T) => string, limits: { total: number; perGroup: number }, task: (item: T) => Promise<R>): Promise<R[]> {
  const total = new Semaphore(limits.total);
  const groups = new Map<string, Semaphore>();
  return Promise.all(items.map(async (item) => {
    const key = groupOf(item);
    let group = groups.get(key);
    if (!group) {
      group = new Semaphore(limits.perGroup);
      groups.set(key, group);
    }
    // Group first: a task waiting for its exchange holds no global slot.
    const releaseGroup = await group.acquire();
    const releaseTotal = await total.acquire();
    try {
      return await task(item);
    } finally {
      releaseTotal();
      releaseGroup();
    }
  }));
}
