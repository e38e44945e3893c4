/**
 * Writes the exact TradingView alert message (JSON text) for one account and symbol, and the URL to
 * paste with it. Every placeholder sits inside quotes, so the rendered message stays valid JSON
 * whatever TradingView puts in (and arrives as application/json). The id makes each firing unique:
 * a random prefix per generated message (two alerts never share ids), the strategy's order id,
 * action and position (so two fills in the same second still differ) and {{timenow}}.
 */
import { randomBytes } from 'node:crypto';
import { isPerpetualAlert, perpetualNotes } from './alert-message-futures';
import { firstPlaceholder } from './tradingview';
import { AlertMessageRequest, type AlertMessage, type WebhookSettings } from './webhook-schema';

export const TOKEN_PLACEHOLDER = '<token>';

export interface AlertMessageContext {
  /** The account: the message names it by label (what the person recognises), the notes add the id. */
  readonly account: { readonly id: string; readonly label: string; readonly kind?: string };
  /** One alert for several accounts (the request's `accounts`, looked up): written as `"accounts"`. */
  readonly accounts?: readonly { readonly id: string; readonly label: string }[];
  readonly settings: WebhookSettings;
  /** `http://host:port` of the running listener, if any. */
  readonly localUrl: string | null;
}

export function generateAlertMessage(rawRequest: AlertMessageRequest, context: AlertMessageContext): AlertMessage {
  const request = AlertMessageRequest.parse(rawRequest);
  const strategy = request.mode === 'strategy';
  const symbol = /^\{\{\s*ticker\s*\}\}$|^ticker$/i.test(request.symbol) ? '{{ticker}}' : request.symbol;
  const slug = randomBytes(3).toString('hex');
  const token = request.token ?? TOKEN_PLACEHOLDER;
  const perpetual = isPerpetualAlert(symbol, request.market, context.account.kind);

  const message: Record<string, string | string[]> = {};
  if (request.tokenIn === 'body') message['secret'] = token;
  if (context.accounts) message['accounts'] = context.accounts.map(accountName);
  else message['account'] = accountName(context.account);
  message['symbol'] = symbol;
  if (request.outcome !== undefined) message['outcome'] = request.outcome;
  message['side'] = strategy ? '{{strategy.order.action}}' : (request.side ?? 'buy');
  message['type'] = request.type;
  message['amount'] = strategy ? '{{strategy.order.contracts}}' : String(request.amount);
  message['unit'] = request.unit;
  if (request.type === 'limit') message['price'] = request.price !== undefined ? String(request.price) : strategy ? '{{strategy.order.price}}' : '{{close}}';
  message['id'] = strategy ? `${slug}-{{strategy.order.id}}-{{strategy.order.action}}-{{strategy.position_size}}-{{timenow}}` : `${slug}-{{ticker}}-{{interval}}-{{timenow}}`;
  message['time'] = '{{timenow}}';
  // The strategy's position after the order: Keywarden compares it with the account (position-drift.ts).
  if (strategy && context.account.kind !== 'polymarket') message['position'] = '{{strategy.position_size}}';
  // Perpetuals: a strategy that is flat after the order closes the whole position (futures.md, Close).
  if (strategy && perpetual) message['market_position'] = '{{strategy.market_position}}';

  const base = context.settings.publicBaseUrl ?? context.localUrl ?? `http://${hostForUrl(context.settings.host)}:${context.settings.port}`;
  const url = request.tokenIn === 'body' ? `${base}/webhook` : `${base}/webhook/${token}`;

  const notes: string[] = [];
  notes.push(strategy
    ? 'Create the alert from your strategy ("Alert on: <strategy>", "Order fills only"): strategy placeholders are filled only there.'
    : request.unit === 'percent'
      ? `Fixed order: every time the alert fires, ${request.side} ${request.amount}% of the free balance of what it spends (the quote coin for a buy, the coin for a sell) of ${symbol === '{{ticker}}' ? 'the chart\'s symbol' : symbol}.`
      : `Fixed order: every time the alert fires, ${request.side} ${request.amount}${request.unit === 'quote' ? ' (quote currency)' : ''} of ${symbol === '{{ticker}}' ? 'the chart\'s symbol' : symbol}.`);
  if (strategy && request.unit === 'quote') notes.push('With "unit": "quote", the strategy\'s contracts are read as an amount of the quote currency (e.g. USDT), not of the coin.');
  if (strategy && request.unit === 'percent') notes.push('With "unit": "percent", the strategy\'s contracts are read as a percentage (at most 100) of the free balance.');
  const tradesOn = context.accounts ? `each of ${context.accounts.map((account) => `"${account.label}"`).join(', ')}, with its own order and limits` : `"${context.account.label}"`;
  notes.push(`Paste the message as it is into the alert's Message box and tick "Webhook URL" in the alert's Notifications. It trades on ${tradesOn}.`);
  const byId = (context.accounts ?? [context.account]).filter((account) => accountName(account) === account.id);
  notes.push(byId.length > 0
    ? `${byId.map((account) => `"${account.label}"`).join(', ')} ${byId.length === 1 ? 'is' : 'are'} named by id (${byId.map((account) => account.id).join(', ')}): TradingView would read the label's {{…}} as a placeholder.`
    : 'Accounts are named by label: if you rename one, generate the message again and update the alert (Keywarden warns you when you rename an account an alert source trades).');
  if (request.tokenIn === 'body') notes.push('The token is in the message\'s "secret" field; anyone who can read the alert can read it.');
  if (!request.token) {
    notes.push(`Replace ${TOKEN_PLACEHOLDER} with the token shown when the alert source was created (keywarden webhook create-source) or its token rotated (keywarden webhook rotate-token); Keywarden cannot show it again.`);
  }
  if (!context.settings.publicBaseUrl) {
    notes.push('TradingView delivers only to ports 80 and 443 of a public IPv4 address: expose the listener through a reverse proxy with TLS or a tunnel, then set its https address (keywarden webhook settings --public-url https://…) to get the URL to paste.');
  }
  if (context.account.kind === 'polymarket') {
    notes.push('On Polymarket the symbol names the market: an outcome\'s token id, or the market\'s slug with "outcome" (such as "Yes"). A market buy spends pUSD ("unit": "quote"); other orders are in shares.');
  } else if (symbol !== '{{ticker}}' && firstPlaceholder(symbol) === undefined) notes.push('The symbol is fixed; use "{{ticker}}" to follow the chart the alert is created on.');
  if (perpetual) notes.push(...perpetualNotes(strategy, request.unit));
  if (context.settings.maxAlertAgeSeconds > 0) notes.push(`An alert that arrives more than ${context.settings.maxAlertAgeSeconds} s after it fired is refused.`);
  notes.push('A repeated delivery (same alert id) is placed only once.');
  return { message: JSON.stringify(message, null, 2), url, notes };
}

/**
 * The account as the message names it: its label, unless TradingView would rewrite part of it
 * (a `{{…}}` in a label would be filled in as a placeholder), then its id, which never changes.
 */
function accountName(account: { readonly id: string; readonly label: string }): string {
  return account.label.includes('{{') || account.label.includes('}}') ? account.id : account.label;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
