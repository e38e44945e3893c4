/** Handlers for the trading channels: thin calls into core.trading and the limits store. */
import type { Core } from '../core/app';
import { appendAudit } from '../core/audit/audit-log';
import type { AuditActor } from '../core/audit/audit-schema';
import { GLOBAL_SCOPE, deleteLimits, noAccountLimits, readAccountLimits, readGlobalLimits, readUsage, writeLimits } from '../core/trading/risk-limits-store';
import type { OrderSource } from '../core/trading/trading-schema';
import type { HandlerMap } from './handler-types';
import type { tradingChannels } from './trading-contract';

function sourceOf(actor: AuditActor): OrderSource {
  return actor === 'cli' ? 'cli' : actor === 'webhook' ? 'webhook' : 'manual';
}

function limitsOverview(core: Core) {
  core.vault.requireKeyring();
  const now = core.clock.now();
  return {
    global: { limits: readGlobalLimits(core.database.db, core.integrity), usage: readUsage(core.database, null, false, now), paperUsage: readUsage(core.database, null, true, now) },
    accounts: core.credentials.list().filter((c) => c.status !== 'revoked').map((c) => ({
      credentialId: c.id,
      label: c.label,
      provider: c.provider,
      limits: readAccountLimits(core.database.db, c.id, core.integrity),
      usage: readUsage(core.database, c.id, false, now),
    })),
  };
}

export const tradingHandlers: HandlerMap<keyof typeof tradingChannels> = {
  'trading.place': (core, input, { actor }) => core.trading.place(input, { source: sourceOf(actor), actor }),
  'trading.preview': (core, input, { actor }) => core.trading.preview(input, { source: sourceOf(actor), actor }),
  'trading.market': (core, input) => core.trading.market(input.account, input.symbol),
  'orders.list': (core, input) => core.trading.listOrders(input),
  'orders.get': (core, input) => {
    core.vault.requireKeyring();
    return core.trading.getOrder(input.id);
  },
  'orders.refresh': (core, input, { actor }) => core.trading.refresh(input.id, actor),
  'orders.cancel': (core, input, { actor }) => core.trading.cancel(input.id, actor),
  'limits.get': (core) => limitsOverview(core),
  'limits.set': (core, input, { actor }) => {
    core.vault.requireKeyring();
    const { scope: scopeRef, clear, ...changes } = input;
    const scope = scopeRef === 'global' ? GLOBAL_SCOPE : core.credentials.get(scopeRef).id;
    const current = scope === GLOBAL_SCOPE ? readGlobalLimits(core.database.db, core.integrity) : readAccountLimits(core.database.db, scope, core.integrity) ?? noAccountLimits;
    core.database.db.transaction((tx) => {
      if (clear && scope !== GLOBAL_SCOPE) deleteLimits(tx, scope, core.clock.now(), core.integrity);
      else writeLimits(tx, scope, { ...current, ...changes }, core.clock.now(), core.integrity);
      appendAudit(tx, core.clock, { actor, action: 'limits.set', subject: scope, outcome: 'ok', details: { cleared: Boolean(clear), changed: Object.keys(changes).join(',') } });
    }, { behavior: 'immediate' });
    return limitsOverview(core);
  },
  'trading.status': (core) => core.trading.pauseState(),
  'trading.pause': (core, input, { actor }) => core.trading.setPaused(true, input.reason ?? null, actor),
  'trading.resume': (core, _input, { actor }) => {
    core.vault.requireKeyring();
    return core.trading.setPaused(false, null, actor);
  },
  'trading.panic': (core, _input, { actor }) => core.trading.panic(actor),
  'trading.reconcile': (core, _input, { actor }) => {
    core.vault.requireKeyring();
    return core.trading.reconcile(actor);
  },
};
