/**
 * Risk limits: the global ones, which every order meets, and each account's own, which apply on
 * top of them (or none: "global limits only"). Today's usage is drawn against each limit.
 */
import { Globe, SlidersHorizontal } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import type { AccountLimits, RiskLimits } from '../../api/contract-types';
import { formatUsd } from '../../format/numbers';
import { useAppStores, useExchanges, useLimits } from '../../stores/store-hooks';
import { isAiProviderId } from '../../../../electron/shared/ai-providers';
import { noAccountLimits } from '../../../../electron/shared/starting-limits';
import { LimitsEditor } from './LimitsEditor';

/** An account's own limits before the user sets any: nothing beyond the global ones. */
const NO_ACCOUNT_LIMITS: RiskLimits = { ...noAccountLimits };

export function LimitsPage() {
  const overview = useLimits((state) => state.overview);
  const loadError = useLimits((state) => state.loadError);
  const { limits, toasts } = useAppStores();
  // An AI key never trades, so it has no limits (the core lists every key that is not revoked).
  const accounts = overview?.accounts.filter((account) => !isAiProviderId(account.provider)) ?? [];

  useEffect(() => {
    void limits.getState().load();
  }, [limits]);

  async function saveGlobal(next: RiskLimits): Promise<string | null> {
    const result = await limits.getState().save({ scope: 'global', ...next });
    if (!result.ok) return result.error.message;
    toasts.getState().show('success', 'Global limits saved. They apply to the next order.');
    return null;
  }

  return (
    <>
      <PageHeader
        title="Risk limits"
        description="Every order must pass these first. In USD (stablecoins at $1); empty means no limit."
      />
      {loadError ? <div className="callout callout--danger" role="alert">{loadError.message}</div> : null}
      {overview === null && !loadError ? <p className="muted" role="status">Loading limits…</p> : null}
      {overview ? (
        <>
          <Section
            title="Global limits"
            description={<>Apply to every account. Paper orders count separately: {formatUsd(overview.global.paperUsage.dailyNotionalUsd)} traded on paper today.</>}
            actions={<LimitBadges limits={overview.global.limits} />}
          >
            <LimitsEditor key={JSON.stringify(overview.global.limits)} scopeName="global" limits={overview.global.limits} usage={overview.global.usage} onSave={saveGlobal} />
          </Section>
          {/* One panel with a row per account (not a card each): most accounts follow the global limits only. */}
          <Section title="Per account" description="An account's own limits apply on top of the global ones.">
            {accounts.length === 0 ? <p className="muted">No accounts yet. Each key you add can get its own limits here.</p> : null}
            <div className="limits-accounts">
              {accounts.map((account) => <AccountLimitsSection key={account.credentialId} account={account} />)}
            </div>
          </Section>
        </>
      ) : null}
    </>
  );
}

function LimitBadges({ limits }: { readonly limits: RiskLimits }) {
  return (
    <span className="chips">
      {limits.tradingEnabled ? null : <Badge tone="danger">Trading off</Badge>}
      {limits.paperMode ? <Badge tone="accent">Paper mode</Badge> : null}
      {limits.maxLeverage ? <Badge tone="neutral">Leverage up to {limits.maxLeverage}x</Badge> : null}
      {limits.maxPositionNotionalUsd ? <Badge tone="neutral">Position up to {formatUsd(limits.maxPositionNotionalUsd)}</Badge> : null}
    </span>
  );
}

function AccountLimitsSection({ account }: { readonly account: AccountLimits }) {
  const exchangeName = useExchanges((state) => state.list?.find((exchange) => exchange.id === account.provider)?.name ?? account.provider);
  const { limits, toasts } = useAppStores();
  const [adding, setAdding] = useState(false);
  const [clearing, setClearing] = useState(false);
  const own = account.limits;
  const titleId = useId();

  async function save(next: RiskLimits): Promise<string | null> {
    const result = await limits.getState().save({ scope: account.credentialId, ...next });
    if (!result.ok) return result.error.message;
    setAdding(false);
    toasts.getState().show('success', `Limits for “${account.label}” saved. The global limits still apply too.`);
    return null;
  }

  async function useGlobalOnly() {
    setClearing(true);
    const result = await limits.getState().save({ scope: account.credentialId, clear: true });
    setClearing(false);
    toasts.getState().show(result.ok ? 'success' : 'error', result.ok ? `“${account.label}” now follows the global limits only.` : result.error.message);
  }

  return (
    <section className="limits-account" aria-labelledby={titleId}>
      <div className="section__head">
        <div className="section__intro">
          <h3 className="limits-account__title" id={titleId}>{account.label}</h3>
          <p className="section__description">
            {own === null ? `${exchangeName} · only the global limits apply.` : `${exchangeName} · its own limits apply on top of the global ones.`}
          </p>
          {own === null && !adding ? (
            <p className="muted small">Traded today with this account: {formatUsd(account.usage.dailyNotionalUsd)} · open now: {formatUsd(account.usage.openExposureUsd)}.</p>
          ) : null}
        </div>
        <div className="section__actions">
          {own === null ? (
            adding ? null : (
              <button type="button" className="button button--secondary button--small" onClick={() => setAdding(true)} aria-label={`Set limits for ${account.label}`}>
                <SlidersHorizontal size={14} aria-hidden="true" />Set limits
              </button>
            )
          ) : (
            <>
              <LimitBadges limits={own} />
              <button type="button" className="button button--secondary button--small" onClick={() => void useGlobalOnly()} disabled={clearing} aria-busy={clearing} aria-label={`Use global limits only for ${account.label}`}>
                <Globe size={14} aria-hidden="true" />Use global limits only
              </button>
            </>
          )}
        </div>
      </div>
      {own !== null ? (
        <LimitsEditor key={JSON.stringify(own)} scopeName={account.label} limits={own} usage={account.usage} onSave={save} />
      ) : adding ? (
        <LimitsEditor scopeName={account.label} limits={NO_ACCOUNT_LIMITS} usage={account.usage} onSave={save} onCancel={() => setAdding(false)} saveLabel="Save limits for this account" />
      ) : null}
    </section>
  );
}
