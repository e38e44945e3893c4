/**
 * Channels of Polymarket accounts (issue 18). Spread into `contract` (contract.ts). Orders go
 * through trading.place / trading.preview like any other, with the outcome named; these read the
 * markets and what an account holds.
 */
import { z } from 'zod';
import { CredentialRef } from '../core/credentials/credential-schema';
import { MarketReferenceText, PolymarketMarket, PolymarketPositions } from '../core/polymarket/polymarket-schema';
import { channel } from './channel';

export const polymarketChannels = {
  'polymarket.market': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ market: MarketReferenceText }),
    output: PolymarketMarket,
    summary: 'A Polymarket market by its slug, link or token id: its outcomes with their token ids and best prices, tick size and minimum size.',
  }),
  'polymarket.positions': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ account: CredentialRef }),
    output: PolymarketPositions,
    summary: "A Polymarket account's pUSD and the outcome shares it holds.",
  }),
};
