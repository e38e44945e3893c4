/**
 * Issue 21: every page holds from the window's minimum (720×520) to a large screen. At each of four sizes
 * the page may not scroll sideways, no text may be cut off by a box that hides its overflow (unless it ends
 * in an ellipsis and the full text is in its title), and no title or cell may be squeezed to a word a line.
 * Screenshots at the smallest and a common size, in both themes, land in test-results/e2e/layout-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { useKeywardenApp, type KeywardenSession } from './harness/keywarden-app';
import { openFilledVault, unlockedPages, welcomeScreens } from './harness/page-tour';
import { dismissToasts } from './harness/ui-actions';

const app = useKeywardenApp();
let binance: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
});
afterAll(() => binance.stop());

const SIZES = [
  { width: 720, height: 520, screenshots: true },
  { width: 900, height: 600, screenshots: false },
  { width: 1280, height: 800, screenshots: true },
  { width: 1920, height: 1080, screenshots: false },
] as const;

/**
 * Runs in the page (plain JavaScript: the e2e code is type-checked without the DOM's types): what
 * overflows sideways, what text is cut off, what is squeezed to a word a line.
 */
const LAYOUT_PROBLEMS_IN_PAGE = `(() => {
  const problems = [];
  const root = document.documentElement;
  const describe = (element) => {
    const text = (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
    const classes = element.getAttribute('class') || '';
    return '<' + element.tagName.toLowerCase() + (classes ? ' class="' + classes + '"' : '') + '> "' + text + '"';
  };
  if (root.scrollWidth > window.innerWidth) {
    // Name the culprits: the innermost elements that reach past the window's right edge.
    const beyond = (element) => element.getBoundingClientRect().right > window.innerWidth + 1;
    const culprits = Array.from(document.body.querySelectorAll('*')).filter((element) => beyond(element) && !Array.from(element.children).some(beyond));
    problems.push('the page scrolls sideways (' + root.scrollWidth + ' px wide in ' + window.innerWidth + '): ' + culprits.slice(0, 3).map(describe).join(', '));
  }
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    const hasOwnText = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent || '').trim() !== '');
    if (!hasOwnText || element.getClientRects().length === 0) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || element.closest('[aria-hidden="true"], .visually-hidden')) continue;
    const hides = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const ellipsisWithTitle = style.textOverflow === 'ellipsis' && (element.title !== '' || element.getAttribute('aria-label') !== null);
    if (hides && element.scrollWidth > element.clientWidth + 1 && !ellipsisWithTitle) problems.push('text cut off: ' + describe(element) + ' (' + element.scrollWidth + ' px in ' + element.clientWidth + ')');
    // A word a line: a title, label, button or table cell narrower than 5 characters while it holds a sentence.
    const squeezable = /^(H[1-6]|TH|TD|LABEL|BUTTON)$/.test(element.tagName);
    const text = (element.textContent || '').trim();
    if (squeezable && text.length > 12 && element.clientWidth > 0 && element.clientWidth < 5 * parseFloat(style.fontSize)) problems.push('squeezed: ' + describe(element) + ' (' + element.clientWidth + ' px wide)');
  }
  return problems;
})()`;

async function layoutProblems(page: Page, where: string): Promise<string[]> {
  return (await page.evaluate<string[]>(LAYOUT_PROBLEMS_IN_PAGE)).map((problem) => `${where}: ${problem}`);
}

async function check(session: KeywardenSession, name: string, size: (typeof SIZES)[number]): Promise<string[]> {
  const where = `${name} at ${size.width}×${size.height}`;
  const found = await layoutProblems(session.page, where);
  if (size.screenshots) await session.screenshotThemes(`layout-${name}-${size.width}x${size.height}`);
  return found;
}

describe('layouts at four window sizes', () => {
  for (const screen of welcomeScreens) {
    test(`${screen.name}: nothing overflows or is cut off`, async () => {
      const session = await app.open(screen.before ? { before: screen.before } : {});
      await session.waitForAppState(screen.state);
      const found: string[] = [];
      for (const size of SIZES) {
        await session.page.setViewportSize({ width: size.width, height: size.height });
        found.push(...(await check(session, screen.name, size)));
      }
      expect(found).toEqual([]);
    });
  }

  test('every page of the unlocked window, filled with data: nothing overflows or is cut off', async () => {
    const session = await openFilledVault(app, binance);
    const found: string[] = [];
    for (const size of SIZES) {
      await session.page.setViewportSize({ width: size.width, height: size.height });
      for (const stop of unlockedPages) {
        await stop.open(session.page);
        await dismissToasts(session.page);
        found.push(...(await check(session, stop.name, size)));
      }
    }
    expect(found).toEqual([]);
    // Eleven pages at four sizes, on two busy cores: an upper bound, not a wait.
  }, 180_000);

  test('at the window minimum the menu does not fill the first screen', async () => {
    const session = await openFilledVault(app, binance);
    await session.page.setViewportSize({ width: 720, height: 520 });
    const heading = session.page.getByRole('heading', { level: 1, name: 'Accounts' });
    const box = await heading.boundingBox();
    // The page's title is in the first screen, in its upper half: the menu above it is a compact bar.
    expect(box?.y ?? Infinity).toBeLessThan(520 / 2);
  });
});
