/**
 * Whether a call may go to the provider, decided before it does: the key's calls-per-minute cap
 * and its monthly budget in US dollars (gateway-config.ts). The month's spend is the sum of the
 * costs the gateway recorded for the key (key_uses.cost_micro_usd), read again every few seconds
 * and kept up to date in between by the calls this gateway makes.
 *
 * Under a budget, a call is let through only when its cost can be counted: a GET (lists and
 * retrievals cost nothing) or a call whose model has a price. Calls already in flight when the
 * budget is reached still finish, so the spend can end up above it by what they cost.
 */
import type { Clock } from '../clock';
import type { KeyUsage } from '../credentials/key-usage';
import { monthStartUtc, nextMonthStartUtc } from './billing-month';
import type { GatewayConfig } from './gateway-config';
import type { ModelPrice } from './gateway-schema';
import type { Refusal } from './gateway-refusals';
import { priceOf } from './price-table';

/** How long a read of the month's spend is trusted before it is read again (another process may spend too). */
const SPEND_FRESH_MS = 5_000;
const MINUTE_MS = 60_000;

export interface CallToAdmit {
  readonly keyId: string;
  readonly keyLabel: string;
  readonly provider: string;
  readonly method: string;
  readonly model: string | null;
}

export type Admission = { readonly ok: true; readonly price: ModelPrice | undefined } | { readonly ok: false; readonly refusal: Refusal };

export class SpendGuard {
  readonly #config: GatewayConfig;
  readonly #keyUsage: KeyUsage;
  readonly #clock: Clock;
  readonly #spent = new Map<string, { month: number; micro: number; readAt: number }>();
  /** Each capped key's calls of the last minute (their start times), oldest first. */
  readonly #recentCalls = new Map<string, number[]>();

  constructor(options: { config: GatewayConfig; keyUsage: KeyUsage; clock: Clock }) {
    this.#config = options.config;
    this.#keyUsage = options.keyUsage;
    this.#clock = options.clock;
  }

  admit(call: CallToAdmit): Admission {
    const now = this.#clock.now();
    const budget = this.#config.budgetOf(call.keyId);
    const price = call.model === null ? undefined : priceOf(this.#config.prices(), call.provider, call.model);
    if (budget?.monthlyUsd != null) {
      const spent = this.spentMicroUsd(call.keyId);
      if (spent >= budget.monthlyUsd * 1e6) {
        const next = nextMonthStartUtc(now);
        return refuse('over-budget', `Keywarden: "${call.keyLabel}" has spent ${usd(spent / 1e6)} of its ${usd(budget.monthlyUsd)} monthly budget in Keywarden's AI gateway; calls are refused until ${new Date(next).toISOString().slice(0, 10)} (UTC). Raise it with: keywarden proxy budget "${call.keyLabel}" --monthly-usd <usd>`, (next - now) / 1000);
      }
      const free = call.method === 'GET' || call.method === 'HEAD';
      if (!free && price === undefined) {
        const model = call.model === null ? 'the model of this call (the request names none Keywarden can read)' : `the model ${JSON.stringify(call.model.slice(0, 100))}`;
        return refuse('price-unknown', `Keywarden: "${call.keyLabel}" has a monthly budget, and Keywarden's price table has no price for ${model}, so the call could not be counted against it and was not sent. Add the price: keywarden proxy prices set <model> --input-usd-per-mtok <usd> --output-usd-per-mtok <usd>`);
      }
    }
    if (budget?.requestsPerMinute != null) {
      const calls = this.#recentCalls.get(call.keyId) ?? [];
      while (calls.length > 0 && calls[0]! <= now - MINUTE_MS) calls.shift();
      if (calls.length >= budget.requestsPerMinute) {
        this.#recentCalls.set(call.keyId, calls);
        return refuse('rate-limited', `Keywarden: "${call.keyLabel}" is capped at ${budget.requestsPerMinute} calls a minute in Keywarden's AI gateway; try again shortly.`, (calls[0]! + MINUTE_MS - now) / 1000);
      }
      calls.push(now);
      this.#recentCalls.set(call.keyId, calls);
    }
    return { ok: true, price };
  }

  /** Millionths of a dollar the key spent through the gateway this calendar month (UTC). */
  spentMicroUsd(keyId: string): number {
    const now = this.#clock.now();
    const month = monthStartUtc(now);
    const cached = this.#spent.get(keyId);
    if (cached && cached.month === month && now - cached.readAt < SPEND_FRESH_MS && now >= cached.readAt) return cached.micro;
    const micro = this.#keyUsage.gatewaySpendMicroUsd(keyId, month);
    this.#spent.set(keyId, { month, micro, readAt: now });
    return micro;
  }

  /** A call's cost was recorded: counted at once, before the next read from the database. */
  spend(keyId: string, micro: number): void {
    const cached = this.#spent.get(keyId);
    if (cached && cached.month === monthStartUtc(this.#clock.now())) cached.micro += micro;
  }
}

function refuse(kind: Refusal['kind'], message: string, retryAfterSeconds?: number): Admission {
  return { ok: false, refusal: retryAfterSeconds === undefined ? { kind, message } : { kind, message, retryAfterSeconds } };
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}
