import { describe, expect, it } from 'vitest';
import type { CredentialInfo } from '../../core/credentials/credential-schema';
import { trayIconFile, trayTooltip } from './tray-icon';
import { integrityNotice } from './integrity-notice';
import { MAX_ALARM_LINES, MAX_LINES, buildTrayMenu, type TrayMenuItem } from './tray-menu';
import { EXPIRY_WARNING_DAYS, deriveTrayState, type TrayFacts } from './tray-state';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;

function credential(overrides: Partial<CredentialInfo> = {}): CredentialInfo {
  return {
    id: 'abcdefghij', kind: 'exchange', provider: 'binance', label: 'Binance main', environment: 'live', isPrimary: true,
    status: 'active', fields: ['apiKey', 'secret'], signingKind: 'hmac', preview: '9dUV…VKMh', fingerprint: 'fp',
    permissions: null, lastVerifiedAt: NOW - DAY, lastUsedAt: null, useCount: 0, expiresAt: null, ownExpiresAt: null, createdAt: NOW - 10 * DAY,
    updatedAt: NOW - DAY, rotatedAt: null, tradingBlock: null, withdrawRiskAccepted: false, rotationDue: false, retiredKeyExpiresAt: null, allowPrograms: false,
    ...overrides,
  };
}

const withdrawPermissions = { read: true, trade: true, withdraw: true, internalTransfer: null, universalTransfer: null, futures: false, margin: false, ipRestricted: false, expiresAt: null, source: 'binance-api-restrictions' as const };

function facts(overrides: Partial<TrayFacts> = {}): TrayFacts {
  return {
    vault: 'unlocked',
    credentials: [credential()],
    integrityAlarms: [],
    verifyAvailable: true,
    verification: { status: 'idle' },
    trading: { available: false, paused: false },
    now: NOW,
    ...overrides,
  };
}

/** The menu as compact lines: actions as "[label]" or "[label] (disabled)", info as "· label". */
function render(items: readonly TrayMenuItem[]): string[] {
  return items.map((item) => {
    if (item.kind === 'separator') return '—';
    if (item.kind === 'info') return `· ${item.label}`;
    return `[${item.label}]${item.enabled ? '' : ' (disabled)'} → ${item.action}`;
  });
}

const menuOf = (overrides: Partial<TrayFacts>) => {
  const state = deriveTrayState(facts(overrides));
  return { state, lines: render(buildTrayMenu(state)) };
};

describe('tray state and menu, for each state', () => {
  it('no vault yet', () => {
    const { state, lines } = menuOf({ vault: 'none', credentials: [] });
    expect(state.health).toBe('locked');
    expect(lines).toEqual([
      '· No vault yet: open Keywarden to create one', '—',
      '[Verify all keys (unlock first)] (disabled) → verify-all', '—',
      '[Lock vault] (disabled) → lock-vault', '[Open Keywarden] → open-window', '—', '[Quit Keywarden] → quit',
    ]);
  });

  it('locked: nothing about the accounts, and no results left over from before the lock', () => {
    const { state, lines } = menuOf({ vault: 'locked', credentials: [], verification: { status: 'done', results: [{ label: 'Binance main', outcome: 'ok', message: 'The key works.' }] } });
    expect(state.health).toBe('locked');
    expect(lines).toEqual([
      '· Vault locked', '—',
      '[Verify all keys (unlock first)] (disabled) → verify-all', '—',
      '[Lock vault] (disabled) → lock-vault', '[Open Keywarden] → open-window', '—', '[Quit Keywarden] → quit',
    ]);
  });

  it('all ok', () => {
    const { state, lines } = menuOf({ credentials: [credential(), credential({ id: 'bcdefghijk', label: 'Bybit', provider: 'bybit' })] });
    expect(state.health).toBe('ok');
    expect(lines).toEqual([
      '· All 2 keys OK', '—',
      '[Verify all keys] → verify-all', '—',
      '[Lock vault] → lock-vault', '[Open Keywarden] → open-window', '—', '[Quit Keywarden] → quit',
    ]);
  });

  it('unlocked with no keys: nothing to verify', () => {
    const { state, lines } = menuOf({ credentials: [] });
    expect(state.health).toBe('ok');
    expect(lines.slice(0, 3)).toEqual(['· No keys yet', '—', '[Verify all keys] (disabled) → verify-all']);
  });

  it('warnings: a key that can withdraw, one about to expire, one due for rotation', () => {
    const { state, lines } = menuOf({
      credentials: [
        credential({ permissions: withdrawPermissions }),
        credential({ id: 'bcdefghijk', label: 'Bybit', expiresAt: NOW + 3 * DAY - 1000 }),
        credential({ id: 'cdefghijkl', label: 'OKX', rotationDue: true }),
        credential({ id: 'defghijklm', label: 'Later', expiresAt: NOW + (EXPIRY_WARNING_DAYS + 1) * DAY }),
      ],
    });
    expect(state.health).toBe('warning');
    expect(lines.slice(0, 5)).toEqual([
      '· 3 warnings about your keys',
      '· ⚠ Binance main: can withdraw funds',
      '· ⚠ Bybit: expires in 3 days',
      '· ⚠ OKX: rotation due',
      '—',
    ]);
  });

  it('errors: an invalid key and an expired one outrank warnings', () => {
    const { state, lines } = menuOf({
      credentials: [
        credential({ status: 'invalid', permissions: withdrawPermissions }),
        credential({ id: 'bcdefghijk', label: 'Bybit', expiresAt: NOW - 1 }),
        credential({ id: 'cdefghijkl', label: 'Old', status: 'revoked' }),
      ],
    });
    expect(state.health).toBe('error');
    expect(lines.slice(0, 5)).toEqual([
      '· 2 problems with your keys',
      '· ✖ Binance main: rejected by the exchange',
      '· ⚠ Binance main: can withdraw funds',
      '· ✖ Bybit: expired',
      '—',
    ]);
  });

  it('trading paused: the icon says so, and the item offers to resume', () => {
    const { state, lines } = menuOf({ trading: { available: true, paused: true } });
    expect(state.health).toBe('paused');
    expect(lines).toEqual([
      '· Trading paused', '—',
      '[Verify all keys] → verify-all', '—',
      '[Resume trading] → resume-trading', '—',
      '[Lock vault] → lock-vault', '[Open Keywarden] → open-window', '—', '[Quit Keywarden] → quit',
    ]);
    expect(menuOf({ trading: { available: true, paused: false } }).lines).toContain('[Pause trading] → pause-trading');
    // Locked: the icon says locked; pausing still works, resuming waits for the unlock.
    expect(menuOf({ vault: 'locked', credentials: [], trading: { available: true, paused: false } }).lines).toContain('[Pause trading] → pause-trading');
    expect(menuOf({ vault: 'locked', credentials: [], trading: { available: true, paused: true } }).lines).toContain('[Resume trading (unlock first)] (disabled) → resume-trading');
    // An error still wins over paused.
    expect(menuOf({ trading: { available: true, paused: true }, credentials: [credential({ status: 'expired' })] }).state.health).toBe('error');
  });

  it('no pause / resume item while the contract has no trading channels', () => {
    expect(menuOf({}).lines.join('\n')).not.toMatch(/trading/i);
  });

  it('verification running, then one line per account, then a plain note when it could not run', () => {
    expect(menuOf({ credentials: [credential(), credential()], verification: { status: 'running', total: 2, done: 0 } }).lines[2]).toBe('[Verifying 2 keys…] (disabled) → verify-all');
    expect(menuOf({ credentials: [credential(), credential()], verification: { status: 'running', total: 2, done: 1 } }).lines[2]).toBe('[Verifying 2 keys… 1 of 2 done] (disabled) → verify-all');
    const done = menuOf({ verification: { status: 'done', results: [
      { label: 'Binance main', outcome: 'ok', message: 'The key works.' },
      { label: 'Bybit', outcome: 'bad-secret', message: 'The API secret does not match the key.' },
    ] } });
    expect(done.lines.slice(2, 5)).toEqual(['[Verify all keys] → verify-all', '· ✔ Binance main: The key works.', '· ✖ Bybit: The API secret does not match the key.']);
    const failed = menuOf({ verification: { status: 'failed', note: 'Verification is not available in this version.' } });
    expect(failed.lines.slice(2, 4)).toEqual(['[Verify all keys] → verify-all', '· Verification is not available in this version.']);
  });

  it('verification missing from the contract: the item is disabled with a note, never faked', () => {
    expect(menuOf({ verifyAvailable: false }).lines[2]).toBe('[Verify all keys (not available in this version)] (disabled) → verify-all');
  });

  it('keeps long lists to a few lines', () => {
    const many = Array.from({ length: 20 }, (_, i) => credential({ id: `key${String(i).padStart(7, '0')}`, label: `Key ${i}`, status: 'invalid' }));
    const { lines } = menuOf({ credentials: many });
    const concernLines = lines.filter((line) => line.startsWith('· ✖') || line.startsWith('· …'));
    expect(concernLines).toHaveLength(MAX_LINES);
    expect(concernLines.at(-1)).toBe('· …and 13 more (open Keywarden)');
  });
});

describe('the integrity alarm in the tray', () => {
  const keyAlarm = { table: 'credentials', key: 'abcdefghij', label: 'key "Binance main"' } as const;
  const limitsAlarm = { table: 'risk_limits', key: 'global', label: 'global risk limits' } as const;

  it('names each row changed outside Keywarden, offers to review it, and outranks everything but the lock', () => {
    const { state, lines } = menuOf({
      integrityAlarms: [keyAlarm, limitsAlarm],
      credentials: [credential({ permissions: withdrawPermissions })],
      trading: { available: true, paused: true },
    });
    expect(state.health).toBe('error');
    expect(lines).toEqual([
      '· Changed outside Keywarden — trading is paused',
      '· Changed outside Keywarden: key "Binance main"',
      '· Changed outside Keywarden: global risk limits',
      '[Open Keywarden to review] → open-window',
      '—',
      '· ⚠ Binance main: can withdraw funds',
      '—',
      '[Verify all keys] → verify-all', '—',
      '[Resume trading] → resume-trading', '—',
      '[Lock vault] → lock-vault', '[Open Keywarden] → open-window', '—', '[Quit Keywarden] → quit',
    ]);
    expect(trayTooltip(state, 'OS keychain: test')).toBe('Keywarden — Changed outside Keywarden — trading is paused — OS keychain: test');
  });

  it('without an alarm there is no alarm line and no review item (the control)', () => {
    const { lines } = menuOf({ trading: { available: true, paused: true } });
    expect(lines.join('\n')).not.toMatch(/outside Keywarden|to review/);
  });

  it('at most a few rows, then how many more', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ table: 'webhook_sources', key: `src${i}`, label: `alert source "TV ${i}"` } as const));
    const { lines } = menuOf({ integrityAlarms: many });
    const alarmLines = lines.slice(1, lines.indexOf('[Open Keywarden to review] → open-window'));
    expect(alarmLines).toHaveLength(MAX_ALARM_LINES);
    expect(alarmLines).toEqual([
      '· Changed outside Keywarden: alert source "TV 0"',
      '· Changed outside Keywarden: alert source "TV 1"',
      '· …and 5 more (open Keywarden)',
    ]);
  });

  it('locked: the icon is the lock and no row is named (alarms name accounts)', () => {
    const { state, lines } = menuOf({ vault: 'locked', credentials: [], integrityAlarms: [keyAlarm] });
    expect(state.health).toBe('locked');
    expect(state.integrityAlarms).toEqual([]);
    expect(lines.join('\n')).not.toContain('Binance main');
  });

  it('one notification for the rows raised together, in the banner\'s words', () => {
    expect(integrityNotice([keyAlarm])).toEqual({
      title: 'Keywarden: Changed outside Keywarden — trading is paused',
      body: 'key "Binance main"\nOpen Keywarden to review.',
    });
    const many = Array.from({ length: 6 }, (_, i) => ({ label: `alert source "TV ${i}"` }));
    expect(integrityNotice(many).body.split('\n')).toEqual(['alert source "TV 0"', 'alert source "TV 1"', 'alert source "TV 2"', '…and 3 more', 'Open Keywarden to review.']);
  });
});

describe('tray icon and tooltip', () => {
  it('has one icon per health and a tooltip with the headline and what protects the key', () => {
    expect(trayIconFile('warning')).toBe('tray-warning.png');
    const state = deriveTrayState(facts());
    expect(trayTooltip(state, 'OS keychain: GNOME Keyring (libsecret)')).toBe('Keywarden — Your key is OK — OS keychain: GNOME Keyring (libsecret)');
    expect(trayTooltip(deriveTrayState(facts({ vault: 'locked', credentials: [] })))).toBe('Keywarden — Vault locked');
  });
});
