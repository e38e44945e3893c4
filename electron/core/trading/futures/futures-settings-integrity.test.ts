/**
 * Leverage rows carry a MAC: a leverage or margin mode edited in the data folder (SQL while locked)
 * is never used (paper margin, a new leverage's margin mode), raises the integrity alarm (trading
 * paused, audit line) and clears when the person acknowledges it. A row Keywarden wrote is the control.
 */
import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../../../api/handlers';
import type { ChannelOutput, ContractResult } from '../../../api/contract';
import { databaseOf } from '../../../testing/test-core';
import { tamperWhileLocked } from '../../../testing/tamper-while-locked';
import { useVerifiedKeyFixture } from '../../../testing/verified-key-fixture';
import { findTamperedRows } from '../../integrity/integrity-check';
import { rowMac, settingMacFields } from '../../integrity/row-integrity';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../risk-limits-store';
import { readFuturesSetting } from './futures-settings';

describe('integrity of leverage rows', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });
  const call = async <K extends 'futures.setLeverage' | 'futures.account' | 'integrity.acknowledge'>(name: K, input: unknown) => (await invokeChannel(fixture.core, name, input, { actor: 'ui' })) as ContractResult<ChannelOutput<K>>;
  const rowKey = () => `${fixture.accountId}|BTC/USDT:USDT`;
  const label = () => `leverage on BTC/USDT:USDT of account ${fixture.accountId}`;

  it('a row Keywarden wrote passes; the same row edited in SQL is not used, raises the alarm, and clears when acknowledged', async () => {
    writeLimits(databaseOf(fixture.core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxLeverage: 10 }, fixture.clock.now(), fixture.core.integrity);
    expect((await call('futures.setLeverage', { account: 'main', symbol: 'BTCUSDT.P', leverage: 3, marginMode: 'isolated' })).ok).toBe(true);
    const db = databaseOf(fixture.core).db;
    expect(readFuturesSetting(db, fixture.accountId, 'BTC/USDT:USDT', fixture.core.integrity)).toMatchObject({ leverage: 3, marginMode: 'isolated' });
    expect(findTamperedRows(db, fixture.core.integrity.rowsKey())).toEqual([]);

    await tamperWhileLocked(fixture.core, fixture.home, [["UPDATE futures_settings SET leverage = 125, margin_mode = 'cross' WHERE credential_id = ?", fixture.accountId]]);
    expect(fixture.core.integrity.alarms()).toContainEqual({ table: 'futures_settings', key: rowKey(), label: label() });
    expect(fixture.core.trading.pauseState()).toMatchObject({ paused: true, reason: expect.stringContaining(`changed outside Keywarden: ${label()}`) });
    expect(readFuturesSetting(databaseOf(fixture.core).db, fixture.accountId, 'BTC/USDT:USDT', fixture.core.integrity)).toBeNull();
    const shown = await call('futures.account', { account: 'main' });
    expect(shown.ok && shown.value.settings).toEqual([]);
    expect(fixture.core.audit.list({ actionPrefix: 'integrity.alarm', limit: 5 }).map((r) => r.subject)).toContain(rowKey());

    const acknowledged = await call('integrity.acknowledge', { table: 'futures_settings', key: rowKey() });
    expect(acknowledged.ok).toBe(true);
    expect(fixture.core.integrity.alarms()).toEqual([]);
    expect(readFuturesSetting(databaseOf(fixture.core).db, fixture.accountId, 'BTC/USDT:USDT', fixture.core.integrity)).toMatchObject({ leverage: 125, marginMode: 'cross' });
  });

  it('a row planted without a MAC is an alarm', async () => {
    await tamperWhileLocked(fixture.core, fixture.home, [['INSERT INTO futures_settings (credential_id, symbol, leverage, margin_mode, updated_at) VALUES (?, ?, 50, ?, ?)', fixture.accountId, 'BTC/USDT:USDT', 'cross', fixture.clock.now()]]);
    expect(fixture.core.integrity.alarms()).toContainEqual({ table: 'futures_settings', key: rowKey(), label: label() });
  });

  it('an older vault (adopted at version 2, before leverage rows had MACs) adopts its rows once, as they are', async () => {
    const rowsKey = Buffer.from(fixture.core.integrity.rowsKey());
    const marker = { at: fixture.clock.now(), version: 2 };
    const markerMac = rowMac(rowsKey, 'settings', 'integrity.adopted', settingMacFields(marker));
    await tamperWhileLocked(fixture.core, fixture.home, [
      ['INSERT INTO futures_settings (credential_id, symbol, leverage, margin_mode, updated_at) VALUES (?, ?, 4, ?, ?)', fixture.accountId, 'BTC/USDT:USDT', 'isolated', fixture.clock.now()],
      ["UPDATE settings SET value = ?, integrity_mac = ? WHERE key = 'integrity.adopted'", JSON.stringify(marker), markerMac],
    ]);
    expect(fixture.core.integrity.alarms()).toEqual([]);
    expect(readFuturesSetting(databaseOf(fixture.core).db, fixture.accountId, 'BTC/USDT:USDT', fixture.core.integrity)).toMatchObject({ leverage: 4, marginMode: 'isolated' });
  });
});
