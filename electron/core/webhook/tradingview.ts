/**
 * What TradingView does with a webhook, as its documentation says (see EXCHANGE-FACTS.md,
 * "TradingView webhooks"): where alerts come from and which placeholders it fills in.
 */

/** TradingView's published source addresses for webhook deliveries (IPv4 only). */
export const tradingViewSourceIps: ReadonlySet<string> = new Set(['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7']);

/** TradingView delivers only to these ports of a public IPv4 address. */
export const tradingViewPorts = [80, 443] as const;

/** Placeholders TradingView fills in any alert. */
export const genericPlaceholders = ['ticker', 'exchange', 'close', 'open', 'high', 'low', 'volume', 'time', 'timenow', 'interval'] as const;

/** Placeholders TradingView fills only in alerts created from a strategy ("Alert on: <strategy>"). */
export const strategyPlaceholders = [
  'strategy.order.action',
  'strategy.order.contracts',
  'strategy.order.price',
  'strategy.order.id',
  'strategy.order.comment',
  'strategy.order.alert_message',
  'strategy.position_size',
  'strategy.market_position',
  'strategy.prev_market_position',
] as const;

/** `{{name}}` as TradingView writes it; names are short, so a longer run of text is not a placeholder. */
export const placeholderPattern = /\{\{\s*([^{}]{1,60}?)\s*\}\}/g;

/** The name of the first placeholder in `text` (without braces), or undefined. */
export function firstPlaceholder(text: string): string | undefined {
  return /\{\{\s*([^{}]{1,60}?)\s*\}\}/.exec(text)?.[1];
}

/** TradingView's time format for {{time}} and {{timenow}}: UTC, to the second. */
export function tradingViewTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Why a placeholder was left unfilled, in words a user can act on. */
export function explainUnfilledPlaceholder(name: string): string {
  if (name.startsWith('strategy.')) {
    return 'TradingView fills strategy placeholders only in alerts created from a strategy ("Alert on: <your strategy>", order fills); for an indicator or price alert, generate a message with a fixed side and amount instead';
  }
  if ((genericPlaceholders as readonly string[]).includes(name) || /^plot_\d{1,2}$/.test(name)) {
    return 'TradingView did not fill it in: the message was probably sent by hand or by another tool, not by a TradingView alert';
  }
  return 'TradingView does not know this placeholder (check its spelling; placeholders are lower case, such as {{close}})';
}
