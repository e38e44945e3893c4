/**
 * Reads a TradingView alert body. TradingView posts the alert's message as the body: with
 * `Content-Type: application/json` when the message is valid JSON, `text/plain` otherwise (so an
 * unquoted placeholder that rendered to a word turns the JSON into text). Either way the body must be
 * the JSON object Keywarden generated; the format is strict, and every problem names the field.
 *
 * Problems never echo a value that could be a secret: field names (cut short), placeholders and short
 * words only. The `secret` field is taken out before anything else looks at the alert.
 */
import { readDecimal, readPositiveJsonDecimal } from '../../shared/decimal-input';
import { explainUnfilledPlaceholder, firstPlaceholder } from './tradingview';

export const alertFields = ['account', 'accounts', 'symbol', 'outcome', 'side', 'type', 'amount', 'unit', 'price', 'id', 'time', 'position', 'market_position'] as const;

/** Fields an alert may never carry: leverage and margin mode are the person's choice, set in Keywarden (futures.md). */
const refusedFields = ['leverage', 'margin', 'margin_mode', 'marginmode', 'margintype', 'margin_type'] as const;
type AlertField = (typeof alertFields)[number];

/** An alert as Keywarden understands it. */
/** `"account": "*"`: every account the alert source may trade. */
export const EVERY_ACCOUNT = '*';
const MAX_ACCOUNTS = 20;

export interface TradingViewAlert {
  /** One account (id or label), or `*` for every account of the source; absent when `accounts` lists them. */
  readonly account?: string;
  /** Several accounts by id or label: one order each. */
  readonly accounts?: readonly string[];
  /** A market symbol; for a Polymarket account, an outcome's token id (or the market's slug with `outcome`). */
  readonly symbol: string;
  /** Polymarket: the outcome to trade ("Yes"), when `symbol` names the market rather than the outcome's token id. */
  readonly outcome?: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit';
  readonly amount: number;
  /** percent: that share of the free balance of what the order spends (0 < amount <= 100). */
  readonly unit: 'base' | 'quote' | 'percent';
  readonly price?: number;
  /** The alert's own id, for idempotency. */
  readonly id?: string;
  /** When TradingView fired it ({{timenow}}), ms since the epoch. */
  readonly time?: number;
  /**
   * The strategy's position after this order, in base units ({{strategy.position_size}}); negative is
   * short, which on a spot account means nothing held. Only compared, never traded on (position-drift.ts).
   */
  readonly position?: number;
  /**
   * Perpetual futures: the strategy's position after the order ({{strategy.market_position}}).
   * `flat` closes the whole position (reduce-only), whatever the side says.
   */
  readonly marketPosition?: 'long' | 'short' | 'flat';
}

export interface AlertProblem {
  /** The field at fault, or null when the whole body is. */
  readonly field: string | null;
  readonly message: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AlertProblem };

const MAX_ID_LENGTH = 100;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Body bytes → a JSON object. */
export function readAlertJson(body: Buffer): Parsed<Record<string, unknown>> {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return fail(null, 'The alert message is not UTF-8 text. Paste the JSON message Keywarden generated (Webhook page, or keywarden webhook message) into the alert\'s Message box.');
  }
  text = text.replace(/^\uFEFF/, '').trim();
  if (text === '') return fail(null, 'The alert message is empty. Paste the JSON message Keywarden generated (Webhook page, or keywarden webhook message) into the alert\'s Message box.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const hint = text.startsWith('{')
      ? firstPlaceholder(text) !== undefined
        ? ' A placeholder outside quotes (such as {{close}} or {{strategy.order.action}}) can break it: keep every placeholder inside "quotes", as in the generated message.'
        : ' Check for a missing quote, comma or brace, or a placeholder outside quotes (it renders to a bare word, such as buy).'
      : ' TradingView sent plain text, which it does when the message is not JSON.';
    return fail(null, `The alert message is not valid JSON; it must be the JSON message Keywarden generated (Webhook page, or keywarden webhook message).${hint}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return fail(null, `The alert message must be a JSON object such as {"account": "…", "symbol": "…", …}, not ${Array.isArray(json) ? 'a list' : json === null ? 'null' : `a ${typeof json}`}.`);
  }
  return { ok: true, value: json as Record<string, unknown> };
}

/**
 * Takes the `secret` field out. `secret` is the token when it is a string; anything else there is
 * no token (and is dropped, never echoed).
 */
export function takeSecret(json: Record<string, unknown>): { secret: string | undefined; hasSecretField: boolean; rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = {};
  let secret: string | undefined;
  let hasSecretField = false;
  for (const [key, value] of Object.entries(json)) {
    if (key === 'secret') {
      hasSecretField = true;
      if (typeof value === 'string') secret = value.trim();
      continue;
    }
    // defineProperty, not assignment: a key named "__proto__" stays a plain key.
    Object.defineProperty(rest, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return { secret, hasSecretField, rest };
}

/** The alert fields (secret already taken out) → a TradingViewAlert, or the first problem. */
export function parseAlert(json: Record<string, unknown>): Parsed<TradingViewAlert> {
  const leverage = Object.keys(json).find((key) => (refusedFields as readonly string[]).includes(key.toLowerCase()));
  if (leverage !== undefined) {
    return fail(printable(leverage), 'An alert may not set leverage or margin mode: you set them per account and market in Keywarden (keywarden leverage <account> <symbol> <n>, or the Trade page). Remove the field; the alert was not traded.');
  }
  const unknown = Object.keys(json).filter((key) => !(alertFields as readonly string[]).includes(key));
  if (unknown.length) {
    const names = unknown.slice(0, 3).map((key) => `"${printable(key)}"`).join(', ');
    const hint = unknown.map(suggestField).find(Boolean);
    return fail(printable(unknown[0] ?? ''), `The alert has unknown field(s) ${names}${unknown.length > 3 ? ' and more' : ''}.${hint ? ` ${hint}` : ''} Allowed: ${alertFields.join(', ')} (and secret).`);
  }
  for (const field of alertFields) {
    const value = json[field];
    if (typeof value === 'string' && value.includes('{{')) return fail(field, unfilledMessage(field, value));
  }

  const target = parseAccounts(json);
  if (!target.ok) return target;
  // Polymarket token ids have up to 78 digits; market slugs are longer than exchange symbols.
  const symbol = requiredText(json, 'symbol', 200);
  if (!symbol.ok) return symbol;
  const outcome = json['outcome'] === undefined ? { ok: true as const, value: undefined } : requiredText(json, 'outcome', 128);
  if (!outcome.ok) return outcome;
  const side = parseSide(json['side']);
  if (!side.ok) return side;
  const type = parseChoice(json, 'type', ['market', 'limit'], 'market');
  if (!type.ok) return type;
  const amount = parsePositiveNumber(json, 'amount');
  if (!amount.ok) return amount;
  if (amount.value === undefined) return fail('amount', 'The alert has no amount. Add "amount": "{{strategy.order.contracts}}" (strategy) or a fixed number such as "0.01".');
  const unit = parseChoice(json, 'unit', ['base', 'quote', 'percent'], 'base');
  if (!unit.ok) return unit;
  if (unit.value === 'percent' && amount.value > 100) return fail('amount', 'A percentage of the free balance must be at most 100 (with "unit": "percent", "amount": "25" is a quarter of it).');
  const price = parsePositiveNumber(json, 'price');
  if (!price.ok) return price;
  if (type.value === 'limit' && price.value === undefined) return fail('price', 'A limit order needs a price: add "price": "{{close}}" (or a fixed number), or use "type": "market".');
  const id = parseId(json['id']);
  if (!id.ok) return id;
  const time = parseTime(json['time']);
  if (!time.ok) return time;
  const position = parsePosition(json['position']);
  if (!position.ok) return position;
  const marketPosition = json['market_position'] === undefined ? { ok: true as const, value: undefined } : parseChoice(json, 'market_position', ['long', 'short', 'flat'], 'flat');
  if (!marketPosition.ok) return marketPosition;

  return {
    ok: true,
    value: {
      ...target.value,
      symbol: symbol.value,
      ...(outcome.value !== undefined ? { outcome: outcome.value } : {}),
      side: side.value,
      type: type.value as TradingViewAlert['type'],
      amount: amount.value,
      unit: unit.value as TradingViewAlert['unit'],
      ...(price.value !== undefined ? { price: price.value } : {}),
      ...(id.value !== undefined ? { id: id.value } : {}),
      ...(time.value !== undefined ? { time: time.value } : {}),
      ...(position.value !== undefined ? { position: position.value } : {}),
      ...(marketPosition.value !== undefined ? { marketPosition: marketPosition.value as NonNullable<TradingViewAlert['marketPosition']> } : {}),
    },
  };
}

/** The whole body → alert, as the listener and the simulator read it. */
export function parseAlertBody(body: Buffer): Parsed<{ alert: TradingViewAlert; secret: string | undefined }> {
  const json = readAlertJson(body);
  if (!json.ok) return json;
  const { secret, rest } = takeSecret(json.value);
  const alert = parseAlert(rest);
  return alert.ok ? { ok: true, value: { alert: alert.value, secret } } : alert;
}

/**
 * A number above 0, or a string holding one ("{{close}}" renders to "65000.5"), read by the one
 * number rule of the app and the CLI (electron/shared/decimal-input.ts): "0,001" is 0.001, and an
 * ambiguous "1,000" is refused with both readings rather than guessed.
 */
function parsePositiveNumber(json: Record<string, unknown>, field: 'amount' | 'price'): Parsed<number | undefined> {
  const raw = json[field];
  if (raw === undefined) return { ok: true, value: undefined };
  const read = readPositiveJsonDecimal(raw, field);
  return read.ok ? { ok: true, value: read.value } : fail(field, read.message);
}

/** `account` (one, or `*`) or `accounts` (a list), not both. */
function parseAccounts(json: Record<string, unknown>): Parsed<{ account: string } | { accounts: readonly string[] }> {
  const list = json['accounts'];
  if (list === undefined) {
    const account = requiredText(json, 'account', 64);
    return account.ok ? { ok: true, value: { account: account.value } } : account;
  }
  if (json['account'] !== undefined) return fail('accounts', 'The alert names both "account" and "accounts": keep one ("accounts" for a list).');
  if (!Array.isArray(list) || list.length === 0) return fail('accounts', 'accounts must be a list of account ids or labels, such as ["Binance main", "Bybit"].');
  if (list.length > MAX_ACCOUNTS) return fail('accounts', `accounts names more than ${MAX_ACCOUNTS} accounts.`);
  const names: string[] = [];
  for (const item of list) {
    const one = requiredText({ account: item }, 'account', 64);
    if (!one.ok) return fail('accounts', `Each entry of accounts ${one.problem.message.replace(/^account /, '').replace(/^The alert has no account.*/, 'must be text')}`);
    if (one.value === EVERY_ACCOUNT) return fail('accounts', 'For every account the source may trade, use "account": "*" instead of a list.');
    if (!names.includes(one.value)) names.push(one.value);
  }
  return { ok: true, value: { accounts: names } };
}

/** The accounts an alert names as written: a list, or `*`. */
export function alertAccountRefs(alert: TradingViewAlert): readonly string[] | typeof EVERY_ACCOUNT {
  if (alert.accounts) return alert.accounts;
  return alert.account === EVERY_ACCOUNT ? EVERY_ACCOUNT : [alert.account ?? ''];
}

/** One order per account rather than one for the alert: the alert names a list or `*`. */
export function isFanOut(alert: TradingViewAlert): boolean {
  return alert.accounts !== undefined || alert.account === EVERY_ACCOUNT;
}

function requiredText(json: Record<string, unknown>, field: 'account' | 'symbol' | 'outcome', max: number): Parsed<string> {
  const raw = json[field];
  if (raw === undefined) {
    return fail(field, field === 'account' ? 'The alert has no account. Add "account": "<id or label of the key in Keywarden>".' : field === 'outcome' ? 'The alert has no outcome.' : 'The alert has no symbol. Add "symbol": "{{ticker}}" (or a symbol such as BTCUSDT).');
  }
  if (typeof raw !== 'string') return fail(field, `${field} must be text in quotes.`);
  const text = raw.trim();
  if (text === '') return fail(field, `${field} must not be empty.`);
  if (text.length > max) return fail(field, `${field} is too long (at most ${max} characters).`);
  if (/[\p{Cc}\p{Cf}]/u.test(text)) return fail(field, `${field} must not contain control or invisible characters.`);
  return { ok: true, value: text };
}

function parseSide(raw: unknown): Parsed<'buy' | 'sell'> {
  if (raw === undefined) return fail('side', 'The alert has no side. Add "side": "{{strategy.order.action}}" (strategy) or "buy" / "sell".');
  const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (word === 'buy' || word === 'sell') return { ok: true, value: word };
  const shown = typeof raw === 'string' && /^[A-Za-z _-]{1,16}$/.test(raw.trim()) ? ` (got "${raw.trim()}")` : '';
  const hint = ['long', 'short', 'flat', 'exit', 'close', 'entry'].includes(word)
    ? ' Positions (long/short/flat) are not orders: use {{strategy.order.action}}, which renders buy or sell.'
    : '';
  return fail('side', `side must be "buy" or "sell"${shown}.${hint}`);
}

function parseChoice(json: Record<string, unknown>, field: 'type' | 'unit' | 'market_position', choices: readonly string[], fallback: string): Parsed<string> {
  const raw = json[field];
  if (raw === undefined) return { ok: true, value: fallback };
  const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (choices.includes(word)) return { ok: true, value: word };
  return fail(field, `${field} must be ${choices.map((c) => `"${c}"`).join(' or ')}${field === 'unit' ? ' (base: amount of the coin; quote: amount to spend, e.g. USDT; percent: share of the free balance)' : field === 'market_position' ? ' ({{strategy.market_position}})' : ''}.`);
}

function parseId(raw: unknown): Parsed<string | undefined> {
  if (raw === undefined) return { ok: true, value: undefined };
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : undefined;
  if (text === undefined) return fail('id', 'id must be text, such as "{{strategy.order.id}}-{{timenow}}".');
  if (text === '') return fail('id', 'id must not be empty (leave the field out instead).');
  if (text.length > MAX_ID_LENGTH) return fail('id', `id is too long (at most ${MAX_ID_LENGTH} characters).`);
  if (/[\p{Cc}\p{Cf}]/u.test(text)) return fail('id', 'id must not contain control or invisible characters.');
  return { ok: true, value: text };
}

/** The strategy's position: any number (0 is flat, below 0 short), read by the one number rule. */
function parsePosition(raw: unknown): Parsed<number | undefined> {
  if (raw === undefined) return { ok: true, value: undefined };
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw : undefined;
  const read = text === undefined ? undefined : readDecimal(text, 'position');
  if (!read?.ok) return fail('position', read ? read.message : 'position must be a number such as "{{strategy.position_size}}" (the strategy\'s position after the order, in coins).');
  return { ok: true, value: read.value };
}

function parseTime(raw: unknown): Parsed<number | undefined> {
  if (raw === undefined) return { ok: true, value: undefined };
  const text = typeof raw === 'string' ? raw.trim() : '';
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) return fail('time', 'time must be "{{timenow}}", which TradingView renders as UTC time like 2026-11-22T12:00:00Z.');
  return { ok: true, value: ms };
}

function unfilledMessage(field: AlertField, value: string): string {
  const name = firstPlaceholder(value)?.trim();
  if (name === undefined) return `${field} contains "{{" without a complete placeholder; TradingView placeholders look like {{close}}.`;
  return `${field} is still the placeholder {{${printable(name)}}}: ${explainUnfilledPlaceholder(name)}.`;
}

/** Common names people use for the fields, to point at the right one. */
const fieldHints: Readonly<Record<string, string>> = {
  quantity: 'amount', qty: 'amount', size: 'amount', contracts: 'amount', volume: 'amount',
  ticker: 'symbol', pair: 'symbol', market: 'symbol', instrument: 'symbol',
  action: 'side', direction: 'side', order: 'side',
  ordertype: 'type', order_type: 'type',
  accountid: 'account', account_id: 'account', key: 'account', exchange: 'account', account_ids: 'accounts', accountids: 'accounts',
  timestamp: 'time', timenow: 'time',
  alertid: 'id', alert_id: 'id', orderid: 'id', order_id: 'id',
  limit: 'price', limit_price: 'price', limitprice: 'price',
  position_size: 'position', positionsize: 'position',
  marketposition: 'market_position', 'strategy.market_position': 'market_position',
};

function suggestField(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (['token', 'passphrase', 'password', 'apikey', 'api_key'].includes(lower)) return 'The webhook token goes in the URL (…/webhook/<token>) or in the "secret" field.';
  const hint = fieldHints[lower];
  return hint ? `Did you mean "${hint}"?` : undefined;
}

/** A name safe to quote: printable ASCII, cut short. */
function printable(text: string): string {
  const cleaned = text.replace(/[^\x20-\x7e]/g, '?');
  return cleaned.length > 32 ? `${cleaned.slice(0, 32)}…` : cleaned;
}

function fail(field: string | null, message: string): { ok: false; problem: AlertProblem } {
  return { ok: false, problem: { field, message } };
}
