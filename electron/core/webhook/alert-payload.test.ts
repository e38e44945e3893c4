/** Reading TradingView alert bodies: the documented format, and a plain message for every mistake. */
import { describe, expect, it } from 'vitest';
import { parseAlertBody, readAlertJson, takeSecret } from './alert-payload';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
const base = { account: 'Binance main', symbol: 'BTCUSDT', side: 'buy', amount: '0.001' };

function problem(value: unknown): { field: string | null; message: string } {
  const parsed = parseAlertBody(body(value));
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
}

describe('alert payload', () => {
  it('reads the generated format, with numbers as strings or numbers and the documented defaults', () => {
    const parsed = parseAlertBody(body({ ...base, price: 65000.5, id: 'abc-Long-2026-11-22T12:00:00Z', time: '2026-11-22T12:00:00Z' }));
    expect(parsed).toEqual({
      ok: true,
      value: {
        secret: undefined,
        alert: { account: 'Binance main', symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: 0.001, unit: 'base', price: 65000.5, id: 'abc-Long-2026-11-22T12:00:00Z', time: Date.UTC(2026, 10, 22, 12, 0, 0) },
      },
    });
    for (const symbol of ['BINANCE:BTCUSDT', 'BTC/USDT']) expect(parseAlertBody(body({ ...base, symbol }))).toMatchObject({ ok: true, value: { alert: { symbol } } });
    expect(parseAlertBody(body({ ...base, side: 'SELL', type: 'Limit', price: '1e3', unit: 'quote', amount: 50 }))).toMatchObject({ ok: true, value: { alert: { side: 'sell', type: 'limit', price: 1000, unit: 'quote', amount: 50 } } });
    // TradingView may add a byte-order mark or trailing whitespace; text/plain carrying JSON is the same alert.
    expect(parseAlertBody(Buffer.from(`\uFEFF ${JSON.stringify(base)}\n`))).toMatchObject({ ok: true });
  });

  it('takes the secret out before anything else reads the alert', () => {
    expect(parseAlertBody(body({ ...base, secret: ' tok ' }))).toMatchObject({ ok: true, value: { secret: 'tok' } });
    const json = readAlertJson(body({ secret: { nested: 'x' }, ...base }));
    if (!json.ok) throw new Error('expected JSON');
    const taken = takeSecret(json.value);
    expect(taken).toMatchObject({ secret: undefined, hasSecretField: true });
    expect(taken.rest).not.toHaveProperty('secret');
  });

  it('names the field and says what to do for each mistake, never echoing a value that could be secret', () => {
    const cases: [unknown, string | null, string][] = [
      ['', null, 'The alert message is empty'],
      ['BUY BTCUSDT 0.001', null, 'TradingView sent plain text'],
      ['{"account": "a", "side": buy}', null, 'Check for a missing quote'],
      ['{"side": {{strategy.order.action}}}', null, 'A placeholder outside quotes'],
      ['[1,2]', null, 'not a list'],
      ['42', null, 'not a number'],
      [{ ...base, qty: 1 }, 'qty', 'unknown field(s) "qty". Did you mean "amount"?'],
      [{ ...base, token: 'abc' }, 'token', 'The webhook token goes in the URL'],
      [{ ...base, side: '{{strategy.order.action}}' }, 'side', 'side is still the placeholder {{strategy.order.action}}: TradingView fills strategy placeholders only in alerts created from a strategy'],
      [{ ...base, amount: '{{strategy.order.contracts}}' }, 'amount', 'amount is still the placeholder {{strategy.order.contracts}}'],
      [{ ...base, price: '{{clsoe}}' }, 'price', 'TradingView does not know this placeholder'],
      [{ ...base, symbol: '{{ticker}}' }, 'symbol', 'TradingView did not fill it in'],
      [{ ...base, id: '{{ unfinished' }, 'id', 'without a complete placeholder'],
      [{ ...base, account: undefined }, 'account', 'The alert has no account'],
      [{ ...base, account: 7 }, 'account', 'account must be text'],
      [{ ...base, account: 'a\u200bb' }, 'account', 'control or invisible'],
      [{ ...base, symbol: '' }, 'symbol', 'symbol must not be empty'],
      [{ ...base, side: 'long' }, 'side', 'side must be "buy" or "sell" (got "long"). Positions (long/short/flat) are not orders'],
      [{ ...base, side: 'x'.repeat(40) }, 'side', 'side must be "buy" or "sell".'],
      [{ ...base, amount: '1,000' }, 'amount', 'amount "1,000" could mean 1000 or 1. Write 1000, or 1.0 / 1,0 if you meant 1.'],
      [{ ...base, price: '1,00,000' }, 'price', 'price "1,00,000" has group separators in the wrong places'],
      [{ ...base, amount: 'abc' }, 'amount', 'amount must be a number'],
      [{ ...base, amount: '1e400' }, 'amount', 'amount is too large'],
      [{ ...base, amount: -1 }, 'amount', 'amount must be more than 0'],
      [{ ...base, amount: undefined }, 'amount', 'The alert has no amount'],
      [{ ...base, type: 'stop' }, 'type', 'type must be "market" or "limit"'],
      [{ ...base, unit: 'usd' }, 'unit', 'unit must be "base" or "quote"'],
      [{ ...base, type: 'limit' }, 'price', 'A limit order needs a price'],
      [{ ...base, id: '' }, 'id', 'id must not be empty'],
      [{ ...base, id: 'x'.repeat(101) }, 'id', 'id is too long'],
      [{ ...base, time: '2026-11-22 12:00:00' }, 'time', 'time must be "{{timenow}}"'],
      [{ ...base, time: '2026-13-22T12:00:00Z' }, 'time', 'time must be "{{timenow}}"'],
    ];
    for (const [value, field, says] of cases) {
      const found = problem(value);
      expect(found.field, JSON.stringify(value)).toBe(field);
      expect(found.message, JSON.stringify(value)).toContain(says);
    }
    expect(parseAlertBody(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toMatchObject({ ok: false, problem: { field: null, message: expect.stringContaining('not UTF-8') } });
  });

  it('treats prototype keys as plain unknown fields and pollutes nothing', () => {
    const found = problem('{"__proto__": {"polluted": 1}, "account": "a", "symbol": "BTCUSDT", "side": "buy", "amount": 1}');
    expect(found).toMatchObject({ field: '__proto__', message: expect.stringContaining('unknown field(s) "__proto__"') });
    expect(problem('{"constructor": {"prototype": {"polluted": 1}}}').field).toBe('constructor');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads numbers the way TradingView renders them, and a decimal comma by the app\'s one rule', () => {
    const amountOf = (amount: unknown) => {
      const parsed = parseAlertBody(body({ ...base, amount }));
      return parsed.ok ? parsed.value.alert.amount : parsed.problem.message;
    };
    expect(['65000', '65000.50', '.5', '1e-5', '+2', ' 3 ', 0.25].map(amountOf)).toEqual([65000, 65000.5, 0.5, 0.00001, 2, 3, 0.25]);
    expect(['0,001', '1,5', '1.000,5', '1 000,5', '1,000.5'].map(amountOf)).toEqual([0.001, 1.5, 1000.5, 1000.5, 1000.5]);
    const refusals: [unknown, string][] = [
      ['1,000', 'amount "1,000" could mean 1000 or 1'],
      ['0x10', 'amount must be a number'],
      ['NaN', 'amount must be a number'],
      ['Infinity', 'amount must be a number'],
      ['1_000', 'amount must be a number'],
      ['', 'amount is empty'],
      [true, 'amount must be a number'],
      [null, 'amount must be a number'],
      ['1e400', 'amount is too large'],
      ['-0,5', 'amount must be more than 0'],
    ];
    for (const [amount, says] of refusals) expect(amountOf(amount), JSON.stringify(amount)).toEqual(expect.stringContaining(says));
  });
});
