/**
 * Child process for the kill-during-rotation test: opens the vault in argv[2], rotates the vault
 * key, and SIGKILLs itself at the progress point named by argv[3] (`<phase>:<done>`), or runs to
 * the end when argv[3] is `none`. SIGKILL leaves no chance to clean up, like a crash or power cut.
 */
import { createCore } from '../core/app';
import { migrationsFolder, testScryptCost, TEST_PASSPHRASE } from './test-core';

const [home, killAt = 'none'] = process.argv.slice(2);
if (!home) throw new Error('usage: rotation-child <home> <phase:done|none>');
const [killPhase, killDone] = killAt.split(':');

const core = createCore({ home, migrationsFolder, scryptCost: testScryptCost });
await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'system');
await core.vault.rotateKey({
  passphrase: TEST_PASSPHRASE,
  onProgress: ({ phase, done }) => {
    if (phase === killPhase && done >= Number(killDone)) process.kill(process.pid, 'SIGKILL');
  },
}, 'system');
if (killAt.startsWith('after-commit')) process.kill(process.pid, 'SIGKILL');
core.close();
process.stdout.write('rotated\n');
