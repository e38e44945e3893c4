/**
 * `npm run soak`: the long soak (default 5,000 alerts at 50 per second, about two minutes). Prints
 * one JSON report on stdout (progress on stderr) and exits non-zero when a guarantee was broken.
 * Arguments: [alerts] [rate per second].
 */
import { runSoak } from './webhook-soak';

const [alerts = '5000', rate = '50'] = process.argv.slice(2);
const report = await runSoak({ alerts: Number(alerts), ratePerSecond: Number(rate), log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify({ bench: 'soak', ...report })}\n`);
process.exitCode = report.ok ? 0 : 1;
