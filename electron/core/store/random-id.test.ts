/** Row ids: random, of the unambiguous alphabet, and recognised when a backup brings one back. */
import { describe, expect, it } from 'vitest';
import { isRandomId, randomId } from './random-id';

describe('random ids', () => {
  it('are made of letters and digits that cannot be misread, and are recognised as such', () => {
    const ids = Array.from({ length: 2000 }, () => randomId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(isRandomId(id), id).toBe(true);
    expect(ids.join('')).not.toMatch(/[lo01]/);
    expect(randomId(11)).toHaveLength(11);
  });

  it('refuses anything else a file could carry', () => {
    for (const value of ['', 'abc', 'abcdefghij1', 'abcdefghil', 'ABCDEFGHIJ', 'abcdefgh j', '../../etc/x', 'abcdefghijk']) expect(isRandomId(value), value).toBe(false);
  });
});
