/** The usage table's words: uses with failures, tokens, cost, and which lines it shows. */
import { describe, expect, it } from 'vitest';
import type { KeyUsageLine, UsageReport } from '../../api/contract-types';
import { formatCount, formatUsd } from '../../format/numbers';
import { NOW } from '../../testing/contract-fixtures';
import { aiUsageLines, costText, tokensText, totalUses, unusedAmong, useSourcesOf, usesText } from './usage-presentation';

const none = { ok: 0, failed: 0 };

function line(change: Partial<KeyUsageLine>): KeyUsageLine {
  return {
    id: 'abcdefghij', label: 'OpenAI main', kind: 'ai', provider: 'openai', status: 'active',
    verification: none, release: none, order: none, gateway: none,
    tokensIn: 0, tokensOut: 0, costUsd: null, lastUsedAt: null,
    ...change,
  };
}

describe('usage words', () => {
  it('counts uses with their failures, and a dash for none', () => {
    expect(usesText(none)).toBe('—');
    expect(usesText({ ok: 12, failed: 0 })).toBe(formatCount(12));
    expect(usesText({ ok: 1200, failed: 2 })).toBe(`${formatCount(1202)} (${formatCount(2)} failed)`);
  });

  it('writes tokens in and out, and a dash when the gateway reported none', () => {
    expect(tokensText({ tokensIn: 0, tokensOut: 0 })).toBe('—');
    expect(tokensText({ tokensIn: 15_000, tokensOut: 300 })).toBe(`${formatCount(15_000)} in · ${formatCount(300)} out`);
  });

  it('writes a cost only when a call had a price, and a tiny one as under a cent', () => {
    expect(costText(null)).toBe('—');
    expect(costText(0)).toBe(formatUsd(0));
    expect(costText(0.0004)).toBe(`under ${formatUsd(0.01)}`);
    expect(costText(1.25)).toBe(formatUsd(1.25));
  });
});

describe('which sources', () => {
  it('never offers orders for an AI key, nor the AI gateway for an exchange key', () => {
    expect(useSourcesOf('ai').map((entry) => entry.source)).toEqual(['gateway', 'release', 'verification']);
    expect(useSourcesOf('exchange').map((entry) => entry.source)).toEqual(['order', 'release', 'verification']);
  });
});

describe('which lines', () => {
  const report: UsageReport = {
    since: NOW - 30 * 86_400_000, days: 30, unusedDays: 30,
    keys: [
      line({ id: 'aaaaaaaaaa', label: 'Binance main', kind: 'exchange', provider: 'binance', order: { ok: 9, failed: 0 } }),
      line({ id: 'bbbbbbbbbb', label: 'Claude', provider: 'anthropic' }),
      line({ id: 'cccccccccc', label: 'OpenAI bots', gateway: { ok: 3, failed: 1 } }),
      line({ id: 'dddddddddd', label: 'Azure', provider: 'azure-openai' }),
    ],
    unused: [
      { id: 'aaaaaaaaaa', label: 'Binance main', provider: 'binance', lastUsedAt: null, createdAt: NOW - 40 * 86_400_000 },
      { id: 'bbbbbbbbbb', label: 'Claude', provider: 'anthropic', lastUsedAt: null, createdAt: NOW - 40 * 86_400_000 },
    ],
  };

  it('shows the AI keys only, the most used first, then by label', () => {
    expect(aiUsageLines(report).map((entry) => entry.label)).toEqual(['OpenAI bots', 'Azure', 'Claude']);
    expect(totalUses(report.keys[2]!)).toBe(4);
  });

  it('lists the unused keys among those asked for', () => {
    expect(unusedAmong(report, new Set(['bbbbbbbbbb', 'cccccccccc'])).map((key) => key.label)).toEqual(['Claude']);
  });
});
