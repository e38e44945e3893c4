/**
 * Child process for the exactly-once crash tests: opens the vault in argv[2] with Binance pointed at
 * argv[3], reconciles what an earlier (killed) run left behind, then places `count` orders, each with
 * the idempotency key alert-<n>, as a bot re-sending its alerts after a restart would. With
 * argv[4] = `after-record:<n>` it SIGKILLs itself once the n-th order of this run is recorded and
 * before it is sent.
 */
import { createCore } from '../core/app';
import { migrationsFolder, testScryptCost, TEST_PASSPHRASE } from './test-core';

const [home, binanceUrl, killAt = 'none', count = '5'] = process.argv.slice(2);
if (!home || !binanceUrl) throw new Error('usage: placement-child <home> <binance url> [after-record:<n>|none] [count]');

const core = createCore({ home, migrationsFolder, scryptCost: testScryptCost, exchangeUrlOverrides: { binance: binanceUrl } });
await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'system');
const reconciled = await core.trading.reconcile('system');

if (killAt.startsWith('after-record:')) {
  const target = Number(killAt.split(':')[1]);
  let sending = 0;
  core.events.on('order.updated', ({ status }) => {
    if (status === 'sending' && ++sending === target) process.kill(process.pid, 'SIGKILL');
  });
}
for (let n = 1; n <= Number(count); n += 1) {
  await core.trading.place({ account: 'main', symbol: 'BTC/USDT', side: 'buy', amount: 0.001, price: 65000, idempotencyKey: `alert-${n}` }, { source: 'webhook', actor: 'webhook' });
}
core.close();
process.stdout.write(`${JSON.stringify({ reconciled })}\n`);
