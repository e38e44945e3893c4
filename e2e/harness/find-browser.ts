/**
 * Finds a Chromium or Chrome for the e2e suite, so that `npm install && npm test` works on a fresh
 * machine: the one named by KEYWARDEN_E2E_CHROMIUM, Playwright's own download, or the system's. Where
 * there is none, globalSetup installs one the way the platform allows (Playwright's installer, or
 * the system package manager when running as root on Debian/Ubuntu), and otherwise stops the run
 * with one line saying exactly what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ENV = 'KEYWARDEN_E2E_CHROMIUM';

const SYSTEM_BROWSERS: Readonly<Partial<Record<NodeJS.Platform, readonly string[]>>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: [
    path.join(process.env['PROGRAMFILES'] ?? 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    path.join(process.env['LOCALAPPDATA'] ?? '', 'Google', 'Chrome', 'Application', 'chrome.exe'),
  ],
};

/** Playwright's own Chromium for this playwright-core version, where it has been downloaded. */
function playwrightBrowser(): string | undefined {
  try {
    const executable = chromium.executablePath();
    return executable && existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

/** The browser to drive, or undefined when this machine has none. A named one that is missing is an error. */
export function findBrowser(): string | undefined {
  const named = process.env[ENV];
  if (named) {
    if (!existsSync(named)) throw new Error(`${ENV} names ${named}, which does not exist. Point it at a Chromium or Chrome executable, or unset it.`);
    return named;
  }
  return playwrightBrowser() ?? (SYSTEM_BROWSERS[process.platform] ?? []).find((candidate) => existsSync(candidate));
}

function tryRun(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
    return true;
  } catch {
    return false;
  }
}

const isDebianRoot = () => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');

/**
 * The browser to drive, installing one if the machine has none: Playwright's installer first (it
 * downloads from Playwright's CDN, which some networks block), then Debian's chromium package as root.
 */
export function ensureBrowser(): string {
  const found = findBrowser();
  if (found) return found;
  const cli = createRequire(import.meta.url).resolve('playwright-core/cli.js');
  process.stderr.write('e2e: no Chromium or Chrome found; installing one…\n');
  if (tryRun(process.execPath, [cli, 'install', 'chromium'])) {
    const installed = findBrowser();
    if (installed) return installed;
  }
  if (isDebianRoot() && tryRun('apt-get', ['update', '-qq']) && tryRun('apt-get', ['install', '-y', '-qq', 'chromium'])) {
    const installed = findBrowser();
    if (installed) return installed;
  }
  throw new Error(`e2e: no Chromium or Chrome, and none could be installed here. Install one (Debian/Ubuntu: sudo apt-get install chromium; elsewhere: npx playwright install chromium), or set ${ENV} to its executable.`);
}
