/**
 * The desktop app itself, launched with Playwright's Electron support: the real main process, preload,
 * renderer and core, a data folder of its own, and the offline fake exchanges. Runs where the Electron
 * binary is installed; elsewhere the suite is skipped with one printed line saying why.
 * Run with: npx vitest run --config vitest.electron.config.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { buildApp } from '../../electron/scripts/build-electron.js';
import { findElectronBinary } from '../../electron/scripts/electron-binary.js';
import { ensureElectronSqlite } from '../../electron/scripts/electron-native-sqlite.js';
import type { KeywardenApi } from '../../electron/api/keywarden-api';
import type { TrayState } from '../../electron/main/tray/tray-state';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../../electron/testing/fake-exchange';
import { TEST_PASSPHRASE, filesContaining, makeTempHome, repoRoot } from '../../electron/testing/test-core';
import { addKey, createVaultWithPassphrase, unlockWithPassphrase } from '../harness/ui-actions';

const electronBinary = findElectronBinary();
if (!electronBinary.found) {
  // eslint-disable-next-line no-console -- the one line that says why this suite did not run
  console.log(`Electron e2e suite skipped: ${electronBinary.message}`);
}

/** window.keywarden as code evaluated in the page sees it (inlined there: page functions are serialised). */
type PageGlobals = { keywarden: KeywardenApi };

describe.skipIf(!electronBinary.found)('Keywarden desktop app (Electron)', () => {
  const temp = makeTempHome('keywarden-electron-e2e-');
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let app: ElectronApplication;
  let page: Page;

  const appState = (state: string) => page.locator(`html[data-app-state="${state}"]`).waitFor({ state: 'attached' });
  const trayState = () => app.evaluate(() => (globalThis as unknown as { keywardenE2e: { trayState(): TrayState } }).keywardenE2e.trayState());

  beforeAll(async () => {
    if (!electronBinary.found) return;
    await buildApp();
    ensureElectronSqlite({ electronVersion: electronBinary.version });
    binance = await startFakeExchange({ exchange: 'binance', keys: [{ ...key, permissions: { withdraw: true } }] });
    app = await _electron.launch({
      executablePath: electronBinary.path,
      args: [repoRoot],
      cwd: repoRoot,
      env: { ...process.env, KEYWARDEN_HOME: temp.home, KEYWARDEN_E2E: '1', KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: binance.url }) } as Record<string, string>,
    });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
    await binance?.stop();
    temp.cleanup();
  });

  it('loads the renderer from app:// in a sandboxed, isolated page with only window.keywarden', async () => {
    expect(page.url()).toBe('app://keywarden/index.html');
    await page.locator('html:not([data-app-state="loading"])').waitFor({ state: 'attached' });
    const exposed = await page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown>;
      return { require: typeof scope['require'], process: typeof scope['process'], api: Object.keys(scope['keywarden'] as object).sort() };
    });
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.api).toContain('subscribe');
    expect(exposed.api).not.toContain('invoke');
  });

  it('creates the vault, adds a key, locks and unlocks, verifies the key against the fake exchange; the tray follows', async () => {
    await appState('first-run');
    await createVaultWithPassphrase(page, TEST_PASSPHRASE);
    await appState('ready');
    await addKey(page, { exchange: 'Binance', label: 'Binance main', key });

    await page.evaluate(() => (globalThis as unknown as PageGlobals).keywarden['vault.lock']({}));
    await appState('locked');
    expect((await trayState()).health).toBe('locked');
    await unlockWithPassphrase(page, TEST_PASSPHRASE);
    await appState('ready');

    const verified = await page.evaluate(() => (globalThis as unknown as PageGlobals).keywarden['credentials.verifyAll']({}));
    expect(verified).toMatchObject({ ok: true, value: [{ label: 'Binance main', outcome: 'ok' }] });
    await expect.poll(async () => (await trayState()).concerns).toContainEqual({ label: 'Binance main', level: 'warning', reason: 'can withdraw funds' });
    expect((await trayState()).health).toBe('warning');
  });

  it('never wrote the key to disk in the clear', async () => {
    await app.close();
    expect(filesContaining(temp.home, key.secret)).toEqual([]);
    expect(filesContaining(temp.home, key.apiKey)).toEqual([]);
  });
});
