/**
 * An opt-in stage timer for the webhook path (issue 22): where an alert's time goes between the
 * listener reading its request and its order being handed to ccxt to sign and send, and when the
 * answer went out. Off unless the environment variable KEYWARDEN_STAGE_TIMES is set to the number of
 * alerts to leave out first (a warm-up; `0` keeps them all); when off, `stageTimes` is undefined
 * and each mark costs one optional call. `KEYWARDEN_STAGE_TIMES=100 npm run bench -- webhook`.
 *
 * Marks are keyed by the alert's event id and carry only a stage name and a monotonic time, never
 * anything from the alert, so the summary (printed to stderr when the process exits) cannot hold a
 * token, a key or an amount. Each stage's line is the time since the mark before it in that alert.
 */
/** The stages in the order an accepted alert passes them (a stage missing from an alert is skipped). */
export const STAGES = [
  'request', // the listener's handler runs: headers parsed
  'body', // the body is read
  'accepted', // the event is recorded (one commit), not yet synced
  'dispatched', // handed to trading
  'place', // its turn in the account's and market's queue
  'assessed', // the exchange's price and free balance are in, the order sized
  'recorded', // the order and its decision are committed
  'sent', // the key's client is at hand and ccxt's createOrder is called (it signs, then writes the request)
  'ack', // the 200 is written (after the event's record is on disk)
] as const;
export type Stage = (typeof STAGES)[number];

export class StageTimes {
  readonly #marks = new Map<number, Partial<Record<Stage, number>>>();
  readonly #skip: number;
  /** The warm-up's alerts (the first `skip` seen), left out of the summary. */
  readonly #skipped = new Set<number>();

  constructor(skip: number) {
    this.#skip = skip;
  }

  /** Now, in milliseconds on the monotonic clock. */
  now(): number {
    return Number(process.hrtime.bigint()) / 1e6;
  }

  mark(id: number | null | undefined, stage: Stage, at: number = this.now()): void {
    if (id === null || id === undefined) return;
    let marks = this.#marks.get(id);
    if (!marks) {
      if (this.#skipped.has(id)) return;
      if (this.#skipped.size < this.#skip) {
        this.#skipped.add(id);
        return;
      }
      marks = {};
      this.#marks.set(id, marks);
    }
    marks[stage] ??= at;
  }

  /** Per stage: how long it took since the stage before it (p50, p99, mean), over every alert that reached it; then the totals. */
  summary(): string {
    const lines: string[] = [`stage times over ${this.#marks.size} alerts, ms (p50 / p99 / mean):`];
    const line = (label: string, deltas: number[]) => {
      if (deltas.length === 0) return;
      deltas.sort((a, b) => a - b);
      const rank = (p: number) => deltas[Math.min(deltas.length - 1, Math.floor((p / 100) * deltas.length))] ?? 0;
      const mean = deltas.reduce((sum, value) => sum + value, 0) / deltas.length;
      lines.push(`  ${label.padEnd(24)} ${fixed(rank(50))} / ${fixed(rank(99))} / ${fixed(mean)}  n=${deltas.length}`);
    };
    const between = (from: (marks: Partial<Record<Stage, number>>) => number | undefined, to: Stage) => [...this.#marks.values()].flatMap((marks) => {
      const start = from(marks);
      const end = marks[to];
      return start === undefined || end === undefined ? [] : [end - start];
    });
    for (const [index, stage] of STAGES.entries()) {
      if (index === 0) continue;
      // The ack runs beside the order's stages: it is timed from the event's record.
      const before = stage === 'ack' ? (['accepted'] as const) : STAGES.slice(0, index).reverse().filter((earlier) => earlier !== 'ack');
      line(`${stage} (since ${stage === 'ack' ? 'accepted' : 'previous'})`, between((marks) => before.map((earlier) => marks[earlier]).find((at) => at !== undefined), stage));
    }
    line('request -> sent', between((marks) => marks.request, 'sent'));
    line('request -> ack', between((marks) => marks.request, 'ack'));
    return lines.join('\n');
  }
}

function fixed(value: number): string {
  return value.toFixed(3).padStart(8);
}

function fromEnvironment(): StageTimes | undefined {
  const setting = process.env['KEYWARDEN_STAGE_TIMES'];
  if (setting === undefined || setting === '') return undefined;
  const skip = Number(setting);
  const timer = new StageTimes(Number.isInteger(skip) && skip >= 0 ? skip : 0);
  process.once('exit', () => process.stderr.write(`${timer.summary()}\n`));
  return timer;
}

/** The process's stage timer, or undefined (the default): see the module comment. */
export const stageTimes: StageTimes | undefined = fromEnvironment();
