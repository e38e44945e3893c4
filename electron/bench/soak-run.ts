/**
 * `npm run soak`: the long soak (default 5,000 alerts at 50 per second, about two minutes). Prints
 * one JSON report on stdout (progress on stderr) and exits non-zero when a guarantee was broken.
 * Arguments: `--alerts N` and `--rate R` (per second), or the older positional [alerts] [rate].
 * `npm run soak -- --alerts 100000` is issue 22's long run: RSS at start, 10,000 and the end.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runSoak } from './webhook-soak';

const { values, positionals } = parseArgs({ options: { alerts: { type: 'string' }, rate: { type: 'string' } }, allowPositionals: true });
const alerts = Number(values.alerts ?? positionals[0] ?? '5000');
const rate = Number(values.rate ?? positionals[1] ?? '50');
if (!Number.isInteger(alerts) || alerts < 1 || !(rate > 0)) {
  process.stderr.write('Usage: npm run soak -- --alerts <whole number> --rate <alerts per second>\n');
  process.exit(2);
}
// The fake exchange runs in a process of its own (bundled next to this file): its memory is not Keywarden's.
const exchangeProcess = path.join(path.dirname(fileURLToPath(import.meta.url)), 'webhook-load.child.js');
const report = await runSoak({ alerts, ratePerSecond: rate, exchangeProcess, log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify({ bench: 'soak', ...report })}\n`);
process.exitCode = report.ok ? 0 : 1;
