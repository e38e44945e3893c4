import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreEventNames } from '../core/events-schema';
import { repoRoot } from '../testing/test-core';
import { auditKind, auditKinds } from './audit-kinds';
import { byteSize, groupedNumber } from './audit-fields';
import { auditSentence, auditSentences, hasSentence, type SentenceRow } from './audit-sentences';

/** Every file of the core that writes audit rows, and the dotted names in it. */
function actionsWritten(): Set<string> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(full);
    }
  };
  walk(path.join(repoRoot, 'electron', 'core'));
  // Literals in these files that are not actions: event names and a field path.
  const notActions = new Set<string>([...coreEventNames, 'scope.accounts']);
  const actions = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!/appendAudit\(|recordAudit\(|audited\(/.test(text)) continue;
    for (const [, name] of text.matchAll(/'([a-z]+(?:\.[a-zA-Z]+)+)'/g)) if (name && !notActions.has(name)) actions.add(name);
    // Actions built from a template: `webhook.tunnel.${…}`.
    for (const [, stem] of text.matchAll(/`([a-z]+(?:\.[a-zA-Z]+)+)\.\$\{/g)) if (stem) actions.add(`${stem}.anything`);
  }
  return actions;
}

const row = (action: string, details: SentenceRow['details'] = {}, extra: Partial<SentenceRow> = {}): SentenceRow => ({ action, subject: 'abcdefghij', outcome: 'ok', details, ...extra });

describe('audit sentences', () => {
  it('has a sentence for every action the core writes', () => {
    const written = actionsWritten();
    expect(written.size).toBeGreaterThan(50);
    expect([...written].filter((action) => !hasSentence(action))).toEqual([]);
  });

  it('never shows a raw action name, id or byte count', () => {
    for (const action of Object.keys(auditSentences)) {
      for (const outcome of ['ok', 'denied', 'error'] as const) {
        const sentence = auditSentence(row(action, { maxBodyBytes: 16384, credentialId: 'abcdefghij', reason: 'SOME_CODE', label: 'Old label' }, { outcome }), 'Binance main');
        expect(sentence).not.toContain(action);
        expect(sentence).not.toContain('abcdefghij');
        expect(sentence).not.toContain('16384');
        expect(sentence).not.toMatch(/[A-Z]{2,}_[A-Z]/);
        expect(sentence).toMatch(/\.$/);
      }
    }
    expect(auditSentence(row('webhook.settings', { maxBodyBytes: 16384, 'rateLimits.sourceBurst': 5, enabled: true }), null)).toBe('Webhook listener settings changed: Largest alert: 16 KB; Burst (one source): 5; Listener on: on.');
  });

  it('names the key by its label, the recorded one when the key is gone, else "a deleted key"', () => {
    expect(auditSentence(row('credential.verify', { result: 'ok', label: 'Old' }), 'Binance main')).toBe('Key “Binance main” checked: it works.');
    expect(auditSentence(row('credential.verify', { result: 'ok', label: 'Old' }), null)).toBe('Key “Old” checked: it works.');
    expect(auditSentence(row('credential.verify', { result: 'ok' }), null)).toBe('A deleted key checked: it works.');
    expect(auditSentence(row('order.place', { credentialId: 'abcdefghij', side: 'buy', type: 'market', symbol: 'BTC/USDT' }, { subject: 'order1' }), 'Binance main')).toBe('Buy (market) BTC/USDT order sent with “Binance main”.');
  });

  it('says what changed from what to what', () => {
    expect(auditSentence(row('limits.set', { cleared: false, changed: 'maxOrderNotionalUsd,tradingEnabled', 'maxOrderNotionalUsd.from': 500, 'maxOrderNotionalUsd.to': 1000, 'tradingEnabled.from': true, 'tradingEnabled.to': false }), 'Binance main'))
      .toBe('Risk limits of “Binance main” changed: Max order value: 500 → 1,000 USD; Trading: on → off.');
    expect(auditSentence(row('limits.set', { cleared: false, changed: 'symbolAllowList', 'symbolAllowList.from': null, 'symbolAllowList.to': 'BTC/USDT,ETH/USDT' }, { subject: 'global' }), null))
      .toBe('Risk limits of all keys changed: Allowed markets: none → BTC/USDT, ETH/USDT.');
    // Rows written before from/to were recorded still read.
    expect(auditSentence(row('limits.set', { cleared: false, changed: 'tradingEnabled,paperMode' }), 'K')).toBe('Risk limits of “K” changed: Trading, Paper trading.');
    expect(auditSentence(row('credential.verify', { result: 'ok', status: 'active', previousStatus: 'unverified', tradingBlock: 'withdraw-enabled' }), 'K'))
      .toBe('Key “K” checked: it works (now Trading blocked, was Not checked yet). Trading blocked: it can withdraw.');
  });

  it('reads a webhook alert the same whether it is one row or several', () => {
    expect(auditSentence(row('webhook.alert', { outcome: 'placed' }), null)).toBe('An alert was received and its order placed.');
    expect(auditSentence(row('webhook.alert', { outcome: 'refused' }, { outcome: 'denied' }), null)).toBe('An alert was refused.');
  });

  it('gives every action a kind', () => {
    expect(auditKind('credential.verify')).toBe('keys');
    expect(auditKind('webhook.settings')).toBe('settings');
    expect(auditKind('order.place')).toBe('trading');
    expect(auditKinds).toContain(auditKind('something.new'));
  });

  it('formats numbers and sizes', () => {
    expect(groupedNumber(1234567.5)).toBe('1,234,567.5');
    expect(groupedNumber(-1000)).toBe('-1,000');
    expect(groupedNumber(0.00000123)).toBe('0.00000123');
    expect(byteSize(16384)).toBe('16 KB');
    expect(byteSize(1_048_576)).toBe('1 MB');
    expect(byteSize(300)).toBe('300 bytes');
  });
});
