/**
 * Contract channels of position drift (core/webhook/position-drift.ts): the differences found
 * between an alert's `position` and what the account holds, dismissing one, and bringing the
 * account in line (a manual market order through the risk gate, never automatic). Spread into `contract`.
 */
import { z } from 'zod';
import { DriftId, DriftInfo } from '../core/webhook/drift-schema';
import { OrderInfo, OrderPreview } from '../core/trading/trading-schema';
import { channel } from './channel';

const ById = z.strictObject({ id: DriftId });

export const driftChannels = {
  'webhook.drift.list': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ all: z.boolean().optional(), limit: z.number().int().min(1).max(500).optional() }),
    output: z.array(DriftInfo),
    summary: 'Position drift: where an account holds more or less than the strategy\'s position says (open ones; all with history).',
  }),
  'webhook.drift.preview': channel({ access: 'unlocked', activity: 'user', input: ById, output: OrderPreview, summary: 'The market order that would bring the account in line, and what the risk gate says about it now. Places nothing.' }),
  'webhook.drift.fix': channel({
    access: 'unlocked', activity: 'user', input: ById,
    output: z.object({ drift: DriftInfo, order: OrderInfo }),
    summary: 'Bring the account in line: place the market order for the difference, as a manual order through the risk gate.',
  }),
  'webhook.drift.dismiss': channel({ access: 'unlocked', activity: 'user', input: ById, output: DriftInfo, summary: 'Accept the holding as it is: the drift closes and later alerts compare from it.' }),
};
