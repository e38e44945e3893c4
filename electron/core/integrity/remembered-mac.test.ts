import { describe, expect, it } from 'vitest';
import { rememberedMacMatches } from './remembered-mac';
import { rowMac } from './row-integrity';

describe('remembered MACs', () => {
  it('answers a verified row from memory only under the key it was verified with, and never a mismatch', () => {
    const first = Buffer.alloc(32, 1);
    const second = Buffer.alloc(32, 2);
    const fields = { value: { paused: false } };
    const mac = rowMac(first, 'settings', 'pause', fields);
    expect(rememberedMacMatches(first, 'settings', 'pause', fields, mac)).toBe(true);
    expect(rememberedMacMatches(first, 'settings', 'pause', fields, mac)).toBe(true);
    expect(rememberedMacMatches(second, 'settings', 'pause', fields, mac)).toBe(false);
    expect(rememberedMacMatches(first, 'settings', 'pause', { value: { paused: true } }, mac)).toBe(false);
    expect(rememberedMacMatches(first, 'settings', 'other', fields, mac)).toBe(false);
    expect(rememberedMacMatches(first, 'credentials', 'pause', fields, mac)).toBe(false);
    expect(rememberedMacMatches(first, 'settings', 'pause', fields, `${mac.slice(0, -1)}0`)).toBe(mac.endsWith('0'));
    expect(rememberedMacMatches(first, 'settings', 'pause', fields, null)).toBe(false);
  });
});
