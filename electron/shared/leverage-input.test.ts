import { describe, expect, it } from 'vitest';
import { readLeverageInput } from './leverage-input';

describe('readLeverageInput', () => {
  it('reads whole numbers, with or without an x', () => {
    for (const [text, value] of [['5', 5], ['10x', 10], [' 20 X ', 20], ['1', 1], ['125', 125]] as const) {
      expect(readLeverageInput(text), text).toMatchObject({ ok: true, value });
    }
  });

  it('refuses what is not a leverage, saying why', () => {
    for (const [text, why] of [
      ['0', /at least 1/], ['126', /above 125/], ['1,5', /whole number/], ['1.5', /whole number/], ['-2', /0 or more|whole number/],
      ['ten', /./], ['', /./], ['1e3', /./], ['99999999999999999999', /./], ['5xx', /./], ['x5', /./],
    ] as const) {
      const read = readLeverageInput(text);
      expect(read.ok, text).toBe(false);
      if (!read.ok) expect(read.message, text).toMatch(why);
    }
  });

  it('never echoes a long pasted text back', () => {
    const read = readLeverageInput('sk-live-0123456789abcdefghijklmnop');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).not.toContain('0123456789abcdef');
  });
});
