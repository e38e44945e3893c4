/**
 * Channels of perpetual futures (issue 20). Spread into `contract` (contract.ts). Orders go through
 * trading.place / trading.preview like any other (a BTCUSDT.P or BTC/USDT:USDT symbol, `reduceOnly`
 * for a reduce-only order); these read positions, set leverage, close, and panic's positions.
 */
import { z } from 'zod';
import { CredentialRef } from '../core/credentials/credential-schema';
import { CloseRequest, FuturesAccount, LeverageChange, PanicPositionsPreview } from '../core/trading/futures/futures-schema';
import { PlaceResult } from '../core/trading/trading-schema';
import { channel, NoInput } from './channel';

export const futuresChannels = {
  'futures.account': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ account: CredentialRef }),
    output: FuturesAccount,
    summary: "An account's perpetual positions (size, entry, mark, leverage, margin mode, liquidation price), its position mode, paper positions and the leverage set per market.",
  }),
  'futures.setLeverage': channel({
    access: 'unlocked', activity: 'user',
    input: LeverageChange,
    output: z.object({ symbol: z.string(), leverage: z.number().int(), marginMode: z.enum(['cross', 'isolated']) }),
    summary: 'Set leverage (and margin mode) on one perpetual, on the exchange and as the stored choice; refused above the max leverage limit.',
  }),
  'futures.close': channel({
    access: 'unlocked', activity: 'user',
    input: CloseRequest,
    output: z.array(PlaceResult),
    summary: 'Close the whole position on one perpetual with reduce-only market orders; nothing is sent when there is none.',
  }),
  'futures.panicPreview': channel({
    access: 'unlocked', activity: 'user',
    input: NoInput,
    output: PanicPositionsPreview,
    summary: 'Which perpetual positions panic would close (those Keywarden opened) and which it leaves alone.',
  }),
  'futures.panicClose': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ confirmation: z.string().trim().regex(/^[0-9a-f]{16}$/, 'must be the confirmation the preview gave') }),
    output: z.array(PlaceResult),
    summary: 'Close the positions the preview listed, if they are still what it showed.',
  }),
};
