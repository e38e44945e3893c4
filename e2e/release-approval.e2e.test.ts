/**
 * Issue 16: the desktop app asks before a program reads a key. A release requested as the CLI
 * (`keywarden run` through the agent) waits for the person's answer in a dialog over the page:
 * allowed for this session, the program gets the value; denied (Escape), it is refused; a program
 * that gives up takes its question away. The window
 * never receives a value (the fixture scans the DOM and every bridge answer and event).
 */
import { describe, expect, test } from 'vitest';
import { invokeChannel } from '../electron/api/handlers';
import type { Core } from '../electron/core/app';
import { useKeywardenApp, type KeywardenSession } from './harness/keywarden-app';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();

async function openWithAllowedKey(): Promise<{ session: KeywardenSession; secret: string }> {
  const session = await app.open({ before: createUnlockedVault });
  const key = session.makeBinanceKey('Binance');
  const { id } = await session.core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
  session.core.credentials.update({ ref: id, allowPrograms: true }, 'cli');
  // What the desktop app tells its core when it starts (start-keywarden.ts).
  session.core.releaseApprovals.askPeople(true);
  await session.waitForAppState('ready');
  return { session, secret: key.secret };
}

const releaseAsCli = (core: Core) =>
  invokeChannel(core, 'credentials.release', { references: [{ key: 'Binance main', field: 'secret' }], command: ['python', 'bot.py'], cwd: '/home/me/bots' }, { actor: 'cli' });

describe('the desktop app asks before a program reads a key', () => {
  test('allowed for this session: the program gets the value, the dialog closes, and it is not asked again', async () => {
    const { session, secret } = await openWithAllowedKey();
    const { page, core } = session;
    const released = releaseAsCli(core);

    const dialog = page.getByRole('dialog', { name: 'Allow python bot.py to read ‘Binance main’?' });
    await dialog.waitFor();
    await dialog.getByText('/home/me/bots').waitFor();
    await dialog.getByText('API secret').waitFor();
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Deny');
    await session.screenshot('release-approval-dialog');

    await dialog.getByRole('button', { name: 'Allow this session' }).click();
    expect(await released).toEqual({ ok: true, value: { released: [{ key: 'Binance main', field: 'secret', secret }] } });
    await dialog.waitFor({ state: 'detached' });
    expect(await releaseAsCli(core)).toMatchObject({ ok: true });
    expect(core.audit.list({ actionPrefix: 'credential.release', limit: 5 }).map((row) => row.details?.['approval'])).toEqual(['session-remembered', 'session']);
  });

  test('denied with Escape: the program is refused with RELEASE_DENIED', async () => {
    const { session } = await openWithAllowedKey();
    const { page, core } = session;
    const released = releaseAsCli(core);

    const dialog = page.getByRole('dialog', { name: 'Allow python bot.py to read ‘Binance main’?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    expect(await released).toEqual({ ok: false, error: { code: 'RELEASE_DENIED', message: "You denied `python bot.py` access to 'Binance main' in Keywarden.", details: { reason: 'deny' } } });
    await dialog.waitFor({ state: 'detached' });
    expect(core.credentials.get('Binance main').useCount).toBe(0);
  });

  test('the program gives up (Ctrl-C in its terminal): the dialog goes away by itself', async () => {
    const { session } = await openWithAllowedKey();
    const { page, core } = session;
    const program = new AbortController();
    const released = invokeChannel(core, 'credentials.release', { references: [{ key: 'Binance main', field: 'secret' }], command: ['python', 'bot.py'], cwd: '/home/me/bots' }, { actor: 'cli', signal: program.signal });

    const dialog = page.getByRole('dialog', { name: 'Allow python bot.py to read ‘Binance main’?' });
    await dialog.waitFor();
    program.abort();
    expect(await released).toMatchObject({ ok: false, error: { code: 'RELEASE_DENIED', details: { reason: 'withdrawn' } } });
    await dialog.waitFor({ state: 'detached' });
    expect(core.credentials.get('Binance main').useCount).toBe(0);
  });

  test('allowed always: the key page lists the program, and Forget has it asked again', async () => {
    const { session } = await openWithAllowedKey();
    const { page, core } = session;
    const released = releaseAsCli(core);
    await page.getByRole('dialog', { name: 'Allow python bot.py to read ‘Binance main’?' }).getByRole('button', { name: 'Always allow' }).click();
    expect(await released).toMatchObject({ ok: true });

    await page.getByRole('article', { name: 'Binance main' }).getByRole('button', { name: 'Details of Binance main' }).click();
    const programs = page.getByRole('region', { name: 'Programs' });
    await programs.getByText('python bot.py', { exact: true }).waitFor();
    await programs.getByRole('button', { name: 'Forget python bot.py' }).click();
    await page.getByText('python bot.py will be asked again before it reads “Binance main”.').waitFor();
    expect(core.releaseApprovals.alwaysAllowed('Binance main')).toEqual([]);
    const again = releaseAsCli(core);
    await page.getByRole('dialog', { name: 'Allow python bot.py to read ‘Binance main’?' }).getByRole('button', { name: 'Deny' }).click();
    expect(await again).toMatchObject({ ok: false, error: { code: 'RELEASE_DENIED' } });
  });
});
