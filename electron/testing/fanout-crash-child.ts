/**
 * Child process for the fan-out crash test: opens the vault in argv[2] with Binance pointed at
 * argv[3], starts the webhook listener on a free loopback port and prints `{"url": …}`, then waits for
 * an alert. With argv[4] = `sending:<n>` it SIGKILLs itself when the n-th order of the alert is recorded
 * and about to be sent; with `placed:<n>`, once the n-th order is placed (before the others).
 */
import { createCore } from '../core/app';
import { migrationsFolder, testScryptCost, TEST_PASSPHRASE } from './test-core';

const [home, binanceUrl, killAt = 'none'] = process.argv.slice(2);
if (!home || !binanceUrl) throw new Error('usage: fanout-crash-child <home> <binance url> [sending:<n>|placed:<n>|none]');

const core = createCore({ home, migrationsFolder, scryptCost: testScryptCost, exchangeUrlOverrides: { binance: binanceUrl } });
await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'system');
const [status, nth] = killAt.split(':');
let seen = 0;
core.events.on('order.updated', (update) => {
  if (update.status === status && ++seen === Number(nth)) process.kill(process.pid, 'SIGKILL');
});
const { localUrl } = await core.webhook.start({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url: localUrl })}\n`);
// Bounded: the parent sends one alert at once; a child that is never killed stops by itself.
setTimeout(() => {
  void core.webhook.stop().then(() => {
    core.close();
    process.exit(0);
  });
}, 30_000).unref();
await new Promise((resolve) => setTimeout(resolve, 30_000));
