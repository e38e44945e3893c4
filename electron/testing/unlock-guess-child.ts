/**
 * Child process for the parallel-guessing test: opens the data folder in argv[2], waits until the
 * wall-clock time in argv[3] (so that every child guesses at the same moment, like a script
 * starting many CLI processes), tries one wrong passphrase and prints the error code it got.
 */
import { createCore } from '../core/app';
import { isKeywardenError } from '../core/errors';
import { migrationsFolder, testScryptCost } from './test-core';

const [home, startAt] = process.argv.slice(2);
if (!home || !startAt) throw new Error('usage: unlock-guess-child <home> <start-at-ms>');

const core = createCore({ home, migrationsFolder, scryptCost: testScryptCost });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  await core.vault.unlock({ method: 'passphrase', passphrase: `wrong guess from process ${process.pid}` }, 'cli');
  process.stdout.write('UNLOCKED\n');
} catch (error) {
  process.stdout.write(`${isKeywardenError(error) ? error.code : 'INTERNAL'}\n`);
} finally {
  core.close();
}
