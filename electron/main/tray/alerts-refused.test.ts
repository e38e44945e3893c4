/**
 * The tray says "alerts refused while locked" (issue 19) when the vault is locked while the listener
 * runs with an enabled source, and offers to open the window to unlock; the real core and listener.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CredentialInfo } from '../../core/credentials/credential-schema';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import { silentLogger } from '../logger';
import { FakeTrayUi } from '../testing/fake-electron';
import { buildTrayMenu, trayHeadline } from './tray-menu';
import { TrayController } from './tray-controller';
import { deriveTrayState, type TrayFacts } from './tray-state';

const lockedFacts = (overrides: Partial<TrayFacts>): TrayFacts => ({
  vault: 'locked', credentials: [] as CredentialInfo[], integrityAlarms: [], verifyAvailable: true, verification: { status: 'idle' }, trading: { available: true, paused: false }, now: 0, ...overrides,
});

describe('tray: alerts refused while locked', () => {
  it('is part of the locked headline and offers to unlock, only while locked', () => {
    const refusing = deriveTrayState(lockedFacts({ alertsRefusedWhileLocked: true }));
    expect(trayHeadline(refusing)).toBe('Vault locked · alerts refused while locked');
    expect(buildTrayMenu(refusing).slice(0, 2)).toEqual([
      { kind: 'info', label: 'Vault locked · alerts refused while locked' },
      { kind: 'action', action: 'open-window', label: 'Unlock to accept alerts…', enabled: true },
    ]);
    expect(trayHeadline(deriveTrayState(lockedFacts({ alertsRefusedWhileLocked: false })))).toBe('Vault locked');
    expect(deriveTrayState(lockedFacts({ vault: 'unlocked', alertsRefusedWhileLocked: true })).alertsRefusedWhileLocked).toBe(false);
  });

  it('shows an account that drifted from its strategy as a warning while unlocked, and nothing of it while locked', () => {
    const drifts = [{ accountLabel: 'Binance main', symbol: 'BTC/USDT', base: 'BTC', difference: -0.01 }];
    const unlocked = deriveTrayState(lockedFacts({ vault: 'unlocked', drifts }));
    expect(unlocked.health).toBe('warning');
    expect(unlocked.concerns).toEqual([{ label: 'Binance main', level: 'warning', reason: 'position drift on BTC/USDT: -0.01 BTC (Webhook page)' }]);
    expect(deriveTrayState(lockedFacts({ drifts })).concerns).toEqual([]);
  });

  describe('over the real core and listener', () => {
    const fixture = useVerifiedKeyFixture({ label: 'main' });
    let tray: TrayController | undefined;
    afterEach(async () => {
      tray?.stop();
      await fixture.core.webhook.stop();
    });

    it('shows it after a lock while the listener serves a source, and drops it when the listener stops', async () => {
      const { core, accountId } = fixture;
      core.webhook.createSource({ label: 'TradingView', scope: { accounts: [accountId], maxNotionalUsd: 100 } }, 'ui');
      await core.webhook.start({ host: '127.0.0.1', port: 0 });
      const ui = new FakeTrayUi();
      tray = new TrayController({ core, ui, openWindow: () => {}, quit: () => {}, logger: silentLogger });
      await tray.refresh();
      expect(ui.tooltip).not.toContain('alerts refused');
      core.vault.lock('user', 'ui');
      await tray.refresh();
      expect(ui.tooltip).toContain('Vault locked · alerts refused while locked');
      expect(ui.icon).toBe('locked');
      await core.webhook.stop();
      await tray.refresh();
      expect(ui.tooltip).not.toContain('alerts refused');
    });
  });
});
