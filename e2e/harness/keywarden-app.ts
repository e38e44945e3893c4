/**
 * The e2e fixture: per test file, one Chromium and one static server for the built renderer; per
 * scenario, a fresh data folder, a real core over it, and a browser page whose window.keywarden is
 * wired to that core. After each scenario it saves a screenshot and fails the scenario on any page
 * problem (console error, exception, failed request) or any test secret found where it must not be.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { FileChooser } from '../../electron/api/handler-types';
import { FakeSafeStorage, TEST_PASSPHRASE, createTestCore } from '../../electron/testing/test-core';
import { makeBinanceHmacKey, makeBybitKey, type TestKey } from '../../electron/testing/fake-exchange/keys';
import { installKeywardenBridge, type KeywardenBridge } from './keywarden-bridge';
import { watchPageProblems } from './page-problems';
import { chromiumPath, rendererOutDir, screenshotDir } from './paths';
import { findLeakedSecrets, type NamedSecret } from './secret-scan';
import { ShiftableClock } from './shiftable-clock';
import { serveFolder, type StaticServer } from './static-server';

export type AppState = 'loading' | 'first-run' | 'locked' | 'ready';

export interface SessionOptions {
  /** Give the core a (fake) OS keychain, as the desktop app on a Linux desktop with a keyring has. */
  readonly osKeychain?: boolean;
  /** Runs against the core before the page opens (e.g. create the vault without the UI). */
  readonly before?: (core: Core) => Promise<void> | void;
  /** Exchange id → base URL of an offline fake exchange started by the test file (as KEYWARDEN_EXCHANGE_URLS). */
  readonly exchangeUrlOverrides?: Readonly<Record<string, string>>;
  /** Per-request timeout of exchange calls; short, so a scenario about an unreachable exchange stays short. */
  readonly exchangeTimeoutMs?: number;
  /**
   * Run the webhook listener as the desktop app does: it follows the `enabled` setting from then on.
   * It binds 127.0.0.1 on a free port, never the default 8787.
   */
  readonly webhookListener?: boolean;
  /**
   * Run the AI gateway as the desktop app does: it follows the `enabled` setting (off in a new
   * vault) from then on. It binds 127.0.0.1 on a free port (0), never the default 8788.
   */
  readonly aiGateway?: boolean;
  /** The desktop app's system file dialog, scripted by the test (without it, Choose… says it needs the app). */
  readonly chooseFile?: FileChooser;
}

export interface KeywardenSession {
  readonly page: Page;
  readonly core: Core;
  readonly clock: ShiftableClock;
  /** Secrets the scan looks for after the scenario; the test passphrase is always one. */
  rememberSecret(name: string, value: string): void;
  makeBinanceKey(name: string): TestKey;
  makeBybitKey(name: string): TestKey;
  waitForAppState(state: AppState): Promise<void>;
  /** test-results/e2e/<name>.png */
  screenshot(name: string): Promise<void>;
  /** <name>-light.png and <name>-dark.png */
  screenshotThemes(name: string): Promise<void>;
}

interface OpenSession {
  readonly session: KeywardenSession;
  readonly context: BrowserContext;
  readonly bridge: KeywardenBridge;
  readonly problems: readonly string[];
  readonly secrets: NamedSecret[];
  readonly core: Core;
  readonly home: string;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function useKeywardenApp(): { open(options?: SessionOptions): Promise<KeywardenSession> } {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let opened: OpenSession[] = [];

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    server = await serveFolder(rendererOutDir);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async ({ task }) => {
    const sessions = opened;
    opened = [];
    const failures: string[] = [];
    for (const [index, entry] of sessions.entries()) {
      try {
        if (!entry.session.page.isClosed()) await entry.session.screenshot(`${slug(task.name)}${index > 0 ? `-${index + 1}` : ''}`);
        const leaks = await findLeakedSecrets(entry.session.page, entry.secrets, entry.bridge.traffic);
        failures.push(...entry.problems, ...leaks.map((leak) => `secret leak: ${leak}`));
      } finally {
        entry.bridge.detach();
        await entry.context.close();
        entry.core.close();
        rmSync(entry.home, { recursive: true, force: true });
      }
    }
    if (failures.length > 0) throw new Error(`The page had problems:\n- ${failures.join('\n- ')}`);
  });

  async function open(options: SessionOptions = {}): Promise<KeywardenSession> {
    if (!browser || !server) throw new Error('useKeywardenApp: the browser is not running (open() called outside a test?)');
    const home = mkdtempSync(path.join(os.tmpdir(), 'keywarden-e2e-'));
    const clock = new ShiftableClock();
    const core = createTestCore(home, {
      clock,
      ...(options.osKeychain ? { osKeychain: { safeStorage: new FakeSafeStorage(), platform: 'linux' } } : {}),
      ...(options.exchangeUrlOverrides ? { exchangeUrlOverrides: options.exchangeUrlOverrides } : {}),
      ...(options.exchangeTimeoutMs ? { exchangeTimeoutMs: options.exchangeTimeoutMs } : {}),
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light', reducedMotion: 'reduce' });
    // An upper bound, not a wait: every step waits for what the page shows. On two busy cores a
    // first click can take longer than 10 s (scrypt unlocks, ccxt loading in the same process).
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    const bridge = await installKeywardenBridge(context, page, core, options.chooseFile);
    const secrets: NamedSecret[] = [{ name: 'the test passphrase', value: TEST_PASSPHRASE }];

    const rememberKey = (name: string, key: TestKey): TestKey => {
      secrets.push({ name: `${name} API key`, value: key.apiKey }, { name: `${name} API secret`, value: key.secret });
      return key;
    };
    const session: KeywardenSession = {
      page,
      core,
      clock,
      rememberSecret: (name, value) => void secrets.push({ name, value }),
      makeBinanceKey: (name) => rememberKey(name, makeBinanceHmacKey()),
      makeBybitKey: (name) => rememberKey(name, makeBybitKey()),
      waitForAppState: async (state) => {
        await page.locator(`html[data-app-state="${state}"]`).waitFor({ state: 'attached' });
      },
      screenshot: async (name) => {
        // The sidebar is sticky: from the top, a full-page capture shows it where a user sees it.
        await page.evaluate('window.scrollTo(0, 0)');
        // A modal dialog and its backdrop cover the viewport only: capture what the user sees then.
        const modalOpen = (await page.locator('dialog[open]').count()) > 0;
        await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: !modalOpen });
      },
      screenshotThemes: async (name) => {
        await session.screenshot(`${name}-light`);
        await page.emulateMedia({ colorScheme: 'dark' });
        await session.screenshot(`${name}-dark`);
        await page.emulateMedia({ colorScheme: 'light' });
      },
    };
    opened.push({ session, context, bridge, problems, secrets, core, home });

    await options.before?.(core);
    if (options.webhookListener) {
      await core.webhook.updateSettings({ host: '127.0.0.1', port: 0 }, 'cli');
      await core.webhook.startIfEnabled();
    }
    if (options.aiGateway) {
      await core.gateway.updateSettings({ host: '127.0.0.1', port: 0 }, 'cli');
      await core.gateway.startIfEnabled();
    }
    await page.goto(server.url);
    await page.locator('html:not([data-app-state="loading"])').waitFor({ state: 'attached' });
    return session;
  }

  return { open };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}
