/**
 * A change to limits changes only what it names (zod 4's partial() still filled the price band's
 * default, so a change naming only the per-order limit reset the band to 10%), through the contract.
 */
import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../../api/handlers';
import type { ChannelOutput, ContractResult } from '../../api/contract';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import { LimitsChange } from './limits-schema';

describe('limits.set changes only what it names', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });
  const set = async (input: unknown) => (await invokeChannel(fixture.core, 'limits.set', input, { actor: 'ui' })) as ContractResult<ChannelOutput<'limits.set'>>;

  it('parses a partial change with no defaults filled', () => {
    expect(LimitsChange.parse({ maxOrderNotionalUsd: 20 })).toEqual({ scope: 'global', maxOrderNotionalUsd: 20 });
    expect(LimitsChange.safeParse({ maxPriceDeviationPct: -1 }).success).toBe(false);
    expect(LimitsChange.safeParse({ maxPriceDeviationPct: 1e9 }).success).toBe(false);
    expect(LimitsChange.safeParse({ maxLeverage: 1.5 }).success).toBe(false);
    expect(LimitsChange.safeParse({ bogus: 1 }).success).toBe(false);
  });

  it('keeps the price band, leverage and position limits when another limit changes', async () => {
    expect((await set({ maxPriceDeviationPct: 3, maxLeverage: 7, maxPositionNotionalUsd: 3000 })).ok).toBe(true);
    const after = await set({ maxOrderNotionalUsd: 20 });
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    expect(after.value.global.limits).toMatchObject({ maxOrderNotionalUsd: 20, maxPriceDeviationPct: 3, maxLeverage: 7, maxPositionNotionalUsd: 3000 });
    const cleared = await set({ maxPriceDeviationPct: null });
    expect(cleared.ok && cleared.value.global.limits).toMatchObject({ maxPriceDeviationPct: null, maxOrderNotionalUsd: 20 });
  });
});
