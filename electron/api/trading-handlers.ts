/** Handlers for the trading channels: thin calls into core.trading and core.limits. */
import type { AuditActor } from '../core/audit/audit-schema';
import type { OrderSource } from '../core/trading/trading-schema';
import type { HandlerMap } from './handler-types';
import type { tradingChannels } from './trading-contract';

function sourceOf(actor: AuditActor): OrderSource {
  return actor === 'cli' ? 'cli' : actor === 'webhook' ? 'webhook' : 'manual';
}

export const tradingHandlers: HandlerMap<keyof typeof tradingChannels> = {
  'trading.place': (core, input, { actor }) => core.trading.place(input, { source: sourceOf(actor), actor }),
  'trading.preview': (core, input, { actor }) => core.trading.preview(input, { source: sourceOf(actor), actor }),
  'trading.market': (core, input) => core.trading.market(input.account, input.symbol, input.outcome),
  'orders.list': (core, input) => core.trading.listOrders(input),
  'orders.get': (core, input) => core.trading.getOrder(input.id),
  'orders.refresh': (core, input, { actor }) => core.trading.refresh(input.id, actor),
  'orders.cancel': (core, input, { actor }) => core.trading.cancel(input.id, actor),
  'limits.get': (core) => core.limits.overview(),
  'limits.set': (core, input, { actor }) => core.limits.change(input, actor),
  'trading.status': (core) => core.trading.pauseState(),
  'trading.pause': (core, input, { actor }) => core.trading.setPaused(true, input.reason ?? null, actor),
  'trading.resume': (core, _input, { actor }) => core.trading.setPaused(false, null, actor),
  'trading.panic': (core, _input, { actor }) => core.trading.panic(actor),
  'trading.reconcile': (core, _input, { actor }) => core.trading.reconcile(actor),
};
