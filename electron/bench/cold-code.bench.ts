/**
 * cold_code: how much slower this machine runs code that has not run for a while, the state every
 * alert's code is in at 50 alerts a second (20 ms apart). Three small steps an alert takes (parse a
 * short JSON body, hash a token with SHA-256, read a row from SQLite by its key) are timed back to
 * back, and again after the process waited 20 ms. Not a goal: it describes the machine, like the
 * load average on every line, and says how to read the webhook lines. On a shared VM the caches are
 * shared with other tenants, and a step that costs a microsecond in a loop can cost fifty after a
 * pause: the webhook bench's Keywarden, which runs far more code an alert than the floor bridge,
 * pays that many times over (docs/performance.md).
 */
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Bench } from './bench-types';
import { median, round } from './stats';

const ROUNDS = 150;
const GAP_MS = 20;
const BODY = '{"account":"main","symbol":"BTCUSDT","side":"buy","amount":"0.001","price":"65000","id":"alert-1"}';

export const coldCodeBench: Bench = () => {
  const sqlite = new BetterSqlite3(':memory:');
  try {
    sqlite.exec("CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT); INSERT INTO t VALUES ('a', 'x')");
    const read = sqlite.prepare('SELECT v FROM t WHERE id = ?').pluck();
    const steps: Record<string, () => unknown> = {
      json_parse: () => JSON.parse(BODY),
      sha256: () => createHash('sha256').update(BODY).digest(),
      sqlite_read: () => read.get('a'),
    };
    const line: Record<string, number> = {};
    const gap = new Int32Array(new SharedArrayBuffer(4));
    for (const [name, step] of Object.entries(steps)) {
      const hot: number[] = [];
      const afterGap: number[] = [];
      for (let i = 0; i < ROUNDS; i += 1) {
        step();
        hot.push(timed(step));
        // Asleep as between two alerts: the process waits, other processes run.
        Atomics.wait(gap, 0, 0, GAP_MS);
        afterGap.push(timed(step));
      }
      const hotUs = median(hot);
      const afterGapUs = median(afterGap);
      line[`${name}_hot_us`] = round(hotUs);
      line[`${name}_after_${GAP_MS}ms_us`] = round(afterGapUs);
      line[`${name}_slowdown`] = round(afterGapUs / hotUs);
    }
    return Promise.resolve({ bench: 'cold_code', gap_ms: GAP_MS, rounds: ROUNDS, ...line });
  } finally {
    sqlite.close();
  }
};

function timed(step: () => unknown): number {
  const started = process.hrtime.bigint();
  step();
  return Number(process.hrtime.bigint() - started) / 1000;
}
