/**
 * Issue 21: axe-core scans every page of the window, in the light and the dark theme, with realistic data
 * on it, and no violation of serious or critical impact may remain. label-content-name-mismatch is one of
 * axe's experimental rules (off by default); it is switched on because a button whose spoken name differs
 * from its visible words cannot be reached by voice control.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { useKeywardenApp } from './harness/keywarden-app';
import { openFilledVault, unlockedPages, welcomeScreens } from './harness/page-tour';
import { dismissToasts } from './harness/ui-actions';

const app = useKeywardenApp();
let binance: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
});
afterAll(() => binance.stop());

/** "rule (impact): target — summary" for each serious or critical violation on the page as it is now. */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${where}: ${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`));
}

async function scanBothThemes(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found.push(...(await seriousViolations(page, `${where} (${scheme})`)));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

describe('accessibility (axe-core, light and dark)', () => {
  for (const screen of welcomeScreens) {
    test(`${screen.name}: no serious or critical violation`, async () => {
      const session = await app.open(screen.before ? { before: screen.before } : {});
      await session.waitForAppState(screen.state);
      expect(await scanBothThemes(session.page, screen.name)).toEqual([]);
    });
  }

  for (const stop of unlockedPages) {
    test(`${stop.name}, filled with data: no serious or critical violation`, async () => {
      const session = await openFilledVault(app, binance);
      await stop.open(session.page);
      await dismissToasts(session.page);
      expect(await scanBothThemes(session.page, stop.name)).toEqual([]);
    });
  }
});
