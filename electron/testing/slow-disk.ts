/**
 * A disk whose syncs take as long as the test wants: `database.flushed()` resolves only after the
 * real sync and `release()`. For tests of what waits for the disk and what must not.
 */
export function slowDisk(database: { flushed(): Promise<void> }): { release(): void; restore(): void } {
  const flushed = database.flushed;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  database.flushed = async () => {
    await flushed();
    await released;
  };
  return {
    release: () => release(),
    restore: () => {
      database.flushed = flushed;
    },
  };
}
