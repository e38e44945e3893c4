/**
 * Contract channels of the local AI gateway (issue 17, docs/ai-gateway.md): its status and
 * settings, local tokens, each AI key's budget and cap, and the price table. Spread into `contract`
 * (contract.ts). The only output that holds a secret is `localToken`, returned by
 * gateway.tokens.create exactly once: the person gives it to their program, and Keywarden keeps
 * only its hash.
 */
import { z } from 'zod';
import {
  CreateLocalTokenInput,
  GatewaySettings,
  GatewaySettingsPatch,
  GatewayStatus,
  IssuedLocalToken,
  KeyBudgetLine,
  LocalTokenInfo,
  LocalTokenRef,
  PriceTable,
  RemoveModelPriceInput,
  SetKeyBudgetInput,
  SetModelPriceInput,
} from '../core/ai-gateway/gateway-schema';
import { channel, NoInput } from './channel';

export const gatewayChannels = {
  'gateway.status': channel({ access: 'any', activity: 'none', input: NoInput, output: GatewayStatus, summary: 'Is the AI gateway running, where, the base URL to give each SDK, and the calls it refused since it started.' }),
  'gateway.settings.get': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: GatewaySettings, summary: 'The AI gateway\'s settings: on with the app or not, port, body size, calls at once.' }),
  'gateway.settings.set': channel({
    access: 'unlocked', activity: 'user',
    input: GatewaySettingsPatch,
    output: GatewaySettings,
    summary: 'Change some AI gateway settings (loopback addresses only); a running gateway moves to a new port, and in the app starts or stops with `enabled`.',
  }),
  'gateway.tokens.create': channel({
    // A person makes a token, at the window or in a terminal; never the tray or the app by itself.
    access: 'unlocked', activity: 'user', callers: ['ui', 'cli'],
    input: CreateLocalTokenInput,
    output: IssuedLocalToken,
    summary: 'Make a local token for programs to call the AI gateway with, allowed the given AI keys (one per provider). The token is returned this once (only a hash is kept).',
  }),
  'gateway.tokens.list': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: z.array(LocalTokenInfo), summary: 'Local tokens with their keys, dates and this month\'s calls, tokens and cost (never a token itself).' }),
  'gateway.tokens.revoke': channel({ access: 'unlocked', activity: 'user', input: z.strictObject({ ref: LocalTokenRef }), output: LocalTokenInfo, summary: 'Revoke a local token: it stops working at once (audited).' }),
  'gateway.budgets.get': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: z.array(KeyBudgetLine), summary: 'Each AI key\'s monthly budget (USD) and calls-per-minute cap in the gateway, with this month\'s spend.' }),
  'gateway.budgets.set': channel({
    access: 'unlocked', activity: 'user',
    input: SetKeyBudgetInput,
    output: KeyBudgetLine,
    summary: 'Set or clear an AI key\'s monthly budget (USD, counted from the price table) and calls-per-minute cap; null clears one (MAC\'d, audited).',
  }),
  'gateway.prices.get': channel({ access: 'unlocked', activity: 'none', input: NoInput, output: PriceTable, summary: 'The price table (USD per million input and output tokens per model) budgets are counted in; examples are marked.' }),
  'gateway.prices.set': channel({ access: 'unlocked', activity: 'user', input: SetModelPriceInput, output: PriceTable, summary: 'Set a model\'s price (USD per million input and output tokens), for one provider or any (MAC\'d, audited).' }),
  'gateway.prices.remove': channel({ access: 'unlocked', activity: 'user', input: RemoveModelPriceInput, output: PriceTable, summary: 'Remove a model\'s price: its calls then have no known cost (refused under a budget).' }),
} as const;
