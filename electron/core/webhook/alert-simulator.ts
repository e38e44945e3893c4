/**
 * Shows what an alert message would do, placing nothing: renders the template with sample values the
 * way TradingView fills placeholders, decides the content type TradingView would send (JSON only if
 * the rendered text is valid JSON), reads it as the listener does, and asks the risk gate about the
 * resulting order (core.trading.preview). Token and rate checks are left out: they concern the
 * delivery, not the message.
 */
import type { CredentialInfo } from '../credentials/credential-schema';
import { isKeywardenError, toSerializedError } from '../errors';
import type { OrderIntent, OrderPreview, PlacementContext, SourceScope } from '../trading/trading-schema';
import { scopeProblem, stalenessProblem } from './alert-checks';
import { unknownAccountMessage } from './alert-accounts';
import { alertNeedsScopeMessage, scopeGaps } from './source-readiness';
import { intentFromAlert } from './alert-intake';
import { parseAlert, readAlertJson, takeSecret, alertAccountRefs, EVERY_ACCOUNT } from './alert-payload';
import type { SecretRedactor } from './secret-redactor';
import { placeholderPattern, tradingViewTime } from './tradingview';
import { SimulationRequest, type Simulation, type WebhookOutcome } from './webhook-schema';

export interface SimulationContext {
  readonly now: number;
  readonly maxAlertAgeSeconds: number;
  /** The source to check the scope of, if one was named. */
  readonly source: { readonly id: string; readonly label: string; readonly scope: SourceScope } | undefined;
  readonly isPaused: () => boolean;
  readonly isUnlocked: () => boolean;
  /** The account by id or label; undefined when there is none. */
  readonly account: (ref: string) => CredentialInfo | undefined;
  readonly preview: (intent: OrderIntent, context: PlacementContext) => Promise<OrderPreview>;
  readonly redactor: SecretRedactor;
}

/** What TradingView would put in for each placeholder, on a BTCUSDT chart with a long strategy entry. */
export function samplePlaceholderValues(now: number): Record<string, string> {
  const barTime = Math.floor(now / 3_600_000) * 3_600_000;
  return {
    ticker: 'BTCUSDT',
    exchange: 'BINANCE',
    close: '65000',
    open: '64850.5',
    high: '65120',
    low: '64790.25',
    volume: '123.456',
    time: tradingViewTime(barTime),
    timenow: tradingViewTime(now),
    interval: '60',
    'strategy.order.action': 'buy',
    'strategy.order.contracts': '0.001',
    'strategy.order.price': '65000',
    'strategy.order.id': 'Long',
    'strategy.order.comment': 'Long',
    'strategy.order.alert_message': '',
    'strategy.position_size': '0.001',
    'strategy.market_position': 'long',
    'strategy.prev_market_position': 'flat',
    plot_0: '1',
    plot_1: '0',
  };
}

/** Fills the placeholders TradingView knows; any other stays as written, as TradingView leaves it. */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): { text: string; unfilled: string[] } {
  const unfilled = new Set<string>();
  const text = template.replace(placeholderPattern, (whole, name: string) => {
    const value = values[name.trim()];
    if (value === undefined) {
      unfilled.add(whole.slice(0, 64));
      return whole;
    }
    return value;
  });
  return { text, unfilled: [...unfilled] };
}

export async function simulateAlert(rawRequest: SimulationRequest, context: SimulationContext): Promise<Simulation> {
  const request = SimulationRequest.parse(rawRequest);
  const values = { ...samplePlaceholderValues(context.now), ...request.values };
  const { text, unfilled } = renderTemplate(request.template, values);
  const contentType = isJson(text) ? 'application/json' : 'text/plain';
  const base = { renderedBody: hideSecret(text, context.redactor), contentType, unfilledPlaceholders: unfilled.map((p) => context.redactor.redact(p)) } as const;
  const verdict = (httpStatus: number, outcome: WebhookOutcome, message: string, rest: Partial<Pick<Simulation, 'intent' | 'decision' | 'order'>> = {}): Simulation => ({
    ...base,
    httpStatus,
    outcome,
    message: context.redactor.redact(message),
    intent: rest.intent ?? null,
    decision: rest.decision ?? null,
    order: rest.order ?? null,
  });

  // As the listener: a source without accounts or a cap is refused before its alert is read.
  if (context.source && scopeGaps(context.source.scope).length > 0) return verdict(403, 'source-incomplete', alertNeedsScopeMessage(context.source.label));
  const json = readAlertJson(Buffer.from(text, 'utf8'));
  if (!json.ok) {
    const unquoted = /[:,[]\s*(\{\{[^{}]{1,60}\}\})/.exec(request.template)?.[1];
    const hint = unquoted ? ` In the template, ${unquoted} is not inside quotes: write "${unquoted}".` : '';
    return verdict(400, 'malformed', `${json.problem.message}${hint} (TradingView would send it as ${contentType}.)`);
  }
  const parsed = parseAlert(takeSecret(json.value).rest);
  if (!parsed.ok) return verdict(400, 'malformed', parsed.problem.message);
  const alert = parsed.value;
  const stale = stalenessProblem(alert, context.now, context.maxAlertAgeSeconds);
  if (stale) return verdict(422, 'stale', stale);
  if (context.isPaused()) return verdict(409, 'paused', 'Trading is paused in Keywarden (kill switch): the listener would refuse this alert.');
  if (!context.isUnlocked()) return verdict(409, 'vault-locked', 'The vault is locked: the listener would refuse this alert.');
  // A list or "*" is simulated for its first account; the listener places one order per account.
  const refs = alertAccountRefs(alert);
  const first = refs === EVERY_ACCOUNT ? context.source?.scope.accounts?.[0] ?? EVERY_ACCOUNT : refs[0] ?? '';
  const account = context.account(first);
  if (!account) return verdict(422, 'unknown-account', unknownAccountMessage(first));
  const outOfScope = context.source ? scopeProblem(context.source, account, { ...alert, account: first }) : undefined;
  if (outOfScope) return verdict(422, 'out-of-scope', outOfScope);

  const idempotencyKey = alert.id !== undefined ? `webhook:${context.source?.id ?? '<source>'}:${alert.id}` : `webhook:${context.source?.id ?? '<source>'}:<body hash>`;
  const intent = {
    account: account.id,
    symbol: alert.symbol,
    side: alert.side,
    type: alert.type,
    amount: alert.amount,
    amountUnit: alert.unit,
    price: alert.price ?? null,
    idempotencyKeyPreview: context.redactor.redact(idempotencyKey),
  };
  const shownIntent = { ...intent, symbol: context.redactor.redact(intent.symbol) };
  try {
    // The intent exactly as the listener builds it (a flat strategy on a perpetual closes the position).
    const asListened = intentFromAlert(alert, account.id);
    const preview = await context.preview(asListened, { source: 'webhook', actor: 'webhook', ...(context.source ? { scope: context.source.scope } : {}) });
    const order = { symbol: preview.symbol, amount: preview.amount, price: preview.price, notionalUsd: preview.notionalUsd, paper: preview.paper };
    const worth = `about $${preview.notionalUsd.toFixed(2)}${preview.paper ? ', paper trade' : ''}`;
    const what = asListened.closePosition === true
      ? `close the whole ${preview.symbol} position (${preview.amount} ${preview.base}, ${worth}), since the strategy is flat, whatever the side and amount say`
      : `${alert.side} ${preview.amount} ${preview.symbol} (${worth})`;
    return preview.decision.allowed
      ? verdict(200, 'placed', `Accepted: it would ${what}.`, { intent: shownIntent, decision: preview.decision, order })
      : verdict(200, 'blocked', `Accepted, then blocked by the risk gate: ${preview.decision.message}`, { intent: shownIntent, decision: preview.decision, order });
  } catch (error) {
    if (isKeywardenError(error, 'VAULT_LOCKED')) return verdict(409, 'vault-locked', error.message);
    return verdict(200, 'rejected', `Accepted, then refused by trading: ${toSerializedError(error).message}`, { intent: shownIntent });
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The rendered body with the `secret` value (and any known token) hidden. */
function hideSecret(text: string, redactor: SecretRedactor): string {
  return redactor.redact(text.replace(/("secret"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"<secret hidden>"'));
}
