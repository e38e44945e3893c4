/**
 * The AI provider keys (issue 17): each key's card (checks, editing, deletion; details on its own
 * page), adding one, and how they were used. A place of its own rather than a filter on Accounts:
 * these keys never trade, so nothing about environments, permissions, withdrawals or limits applies,
 * and what matters about them instead (tokens, cost, the programs and the gateway that use them) has
 * no place on the exchange accounts page.
 */
import { Plus } from 'lucide-react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PageHeader } from '../../components/PageHeader';
import { useAppStores, useCredentials, useGateway, useNavigation } from '../../stores/store-hooks';
import { CredentialList } from '../accounts/CredentialList';
import { BudgetsSection } from '../ai-gateway/BudgetsSection';
import { GatewaySection } from '../ai-gateway/GatewaySection';
import { LocalTokensSection } from '../ai-gateway/LocalTokensSection';
import { PricesSection } from '../ai-gateway/PricesSection';
import { UsageSection } from '../usage/UsageSection';

export function AiKeysPage() {
  const go = useNavigation((state) => state.go);
  const items = useCredentials(useShallow((state) => state.items.filter((item) => item.kind === 'ai')));
  const { loaded, loadError } = useCredentials(useShallow((state) => ({ loaded: state.loaded, loadError: state.loadError })));
  const { gateway } = useAppStores();
  const gatewayError = useGateway((state) => state.error);

  // Fresh on every visit: programs use tokens and spend budgets while the page is elsewhere.
  useEffect(() => {
    void gateway.getState().load();
  }, [gateway]);

  return (
    <>
      <PageHeader
        title="AI keys"
        description="API keys for OpenAI, Anthropic, Gemini and other AI providers, for your own programs and the AI gateway. They are stored encrypted, and no part of a key is ever shown."
        actions={items.length > 0 ? <button type="button" className="button button--primary" onClick={() => go('add-ai-key')}><Plus size={16} aria-hidden="true" />Add AI key</button> : null}
      />
      {loadError ? <div className="callout callout--danger" role="alert">{loadError.message}</div> : null}
      {!loaded && !loadError ? <p className="muted" role="status">Loading your keys…</p> : null}
      {loaded && items.length === 0 ? (
        <section className="empty-state" aria-labelledby="no-ai-keys-title">
          <h2 className="empty-state__title" id="no-ai-keys-title">No AI keys yet</h2>
          <p className="empty-state__text">
            Add a key from OpenAI, Anthropic or another AI provider. Create it with only the permissions your programs need, and set a spending limit at the provider: Keywarden keeps the key safe, but cannot cap what a program spends with it.
          </p>
          <button type="button" className="button button--primary" onClick={() => go('add-ai-key')}><Plus size={16} aria-hidden="true" />Add your first AI key</button>
        </section>
      ) : null}
      <CredentialList items={items} />
      {gatewayError ? <div className="callout callout--danger" role="alert">{gatewayError.message}</div> : null}
      <GatewaySection />
      {items.length > 0 ? <LocalTokensSection /> : null}
      {items.length > 0 ? <BudgetsSection /> : null}
      {items.length > 0 ? <PricesSection /> : null}
      {items.length > 0 ? <UsageSection aiKeyIds={new Set(items.map((item) => item.id))} /> : null}
    </>
  );
}
