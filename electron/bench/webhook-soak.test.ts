/** The soak run in its short form (npm test); `npm run soak` runs 5,000 alerts. */
import { describe, expect, it } from 'vitest';
import { runSoak } from './webhook-soak';

describe('soak under exchange faults (short form)', () => {
  it('every alert gets exactly one outcome, no order is doubled, the audit chain verifies', async () => {
    const report = await runSoak({ alerts: 400, ratePerSecond: 100 });
    expect(report).toMatchObject({ alerts_without_one_outcome: 0, doubled_orders: 0, orders_without_row: 0, audit_ok: true });
    // Faults were really injected, and most alerts still became orders.
    expect(report.outcomes['failed'] ?? 0).toBeGreaterThan(0);
    expect(report.orders_at_exchange).toBeGreaterThan(300);
    expect(report.answered).toEqual({ '200 accepted': 400 });
    expect(report.rss_growth_mb).toBeLessThan(50);
  }, 120_000);
});
