/** The gateway's typed limits and lines: the shared number rule's readings and messages, empty as "no limit". */
import { describe, expect, it } from 'vitest';
import { limitText, oneKeyPerProviderProblem, readCallsPerMinute, readPricePerMTok, readMonthlyBudget, spendText, tokenMonthText } from './gateway-presentation';

describe('gateway presentation', () => {
  it('reads a monthly budget by the shared rule: empty is no budget, a decimal comma is a decimal mark', () => {
    expect(readMonthlyBudget('  ')).toEqual({ ok: true, value: null });
    expect(readMonthlyBudget('20,50')).toEqual({ ok: true, value: 20.5 });
    expect(readMonthlyBudget('1.000,5')).toEqual({ ok: true, value: 1000.5 });
    expect(readMonthlyBudget('-5')).toEqual({ ok: false, message: 'The monthly budget must be more than 0.' });
    expect(readMonthlyBudget('0')).toEqual({ ok: false, message: 'The monthly budget must be more than 0.' });
    const ambiguous = readMonthlyBudget('1,000');
    expect(ambiguous.ok).toBe(false);
    const junk = readMonthlyBudget('twenty');
    expect(junk.ok ? null : junk.message).toMatch(/^The monthly budget /);
  });

  it('reads a calls-per-minute cap as a whole number of at least 1, empty as no cap', () => {
    expect(readCallsPerMinute('')).toEqual({ ok: true, value: null });
    expect(readCallsPerMinute('60')).toEqual({ ok: true, value: 60 });
    expect(readCallsPerMinute('0')).toEqual({ ok: false, message: 'The calls-per-minute cap must be at least 1 (leave it empty for no cap).' });
    expect(readCallsPerMinute('2.5')).toEqual({ ok: false, message: 'The calls-per-minute cap must be a whole number, such as 10.' });
    expect(limitText(null)).toBe('');
    expect(limitText(20.5)).toBe('20.5');
  });

  it('reads a price per million tokens: 0 is a free model, negatives and empty are refused', () => {
    expect(readPricePerMTok('0', 'The input price')).toEqual({ ok: true, value: 0 });
    expect(readPricePerMTok('0,15', 'The input price')).toEqual({ ok: true, value: 0.15 });
    expect(readPricePerMTok('-1', 'The input price')).toEqual({ ok: false, message: 'The input price must be 0 or more.' });
    expect(readPricePerMTok(' ', 'The input price')).toEqual({ ok: false, message: 'The input price is needed: enter 0 for a free model.' });
  });

  it('says when two keys of one provider are chosen for a token', () => {
    const name = (id: string) => ({ openai: 'OpenAI', anthropic: 'Anthropic' })[id] ?? id;
    expect(oneKeyPerProviderProblem([{ provider: 'openai' }, { provider: 'anthropic' }], name)).toBeNull();
    expect(oneKeyPerProviderProblem([{ provider: 'openai' }, { provider: 'anthropic' }, { provider: 'openai' }], name)).toMatch(/Chosen twice: OpenAI\.$/);
  });

  it('writes the spend against the budget and a token’s month', () => {
    expect(spendText({ spentUsd: 0, monthlyUsd: null })).toBe('$0.00');
    expect(spendText({ spentUsd: 5, monthlyUsd: 20 })).toBe('$5.00 of $20.00 (25%)');
    expect(tokenMonthText({ calls: 0, failed: 0, tokensIn: 0, tokensOut: 0, costUsd: null })).toBe('No calls');
    expect(tokenMonthText({ calls: 12, failed: 1, tokensIn: 10, tokensOut: 5, costUsd: 0.42 })).toBe('12 calls (1 failed) · $0.42');
  });
});
