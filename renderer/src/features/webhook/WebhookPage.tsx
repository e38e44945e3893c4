/**
 * The TradingView webhook: the listener, how TradingView reaches it (tunnel or own address), the
 * alert sources with their one-time tokens and set-up checklist, the alert-message generator, and
 * the alerts received, live.
 */
import { useEffect } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useAppStores, useWebhook } from '../../stores/store-hooks';
import { AlertEvents } from './AlertEvents';
import { DriftBanner } from './DriftBanner';
import { ListenerSection } from './ListenerSection';
import { MessageGenerator } from './MessageGenerator';
import { RetentionSection } from './RetentionSection';
import { SourcesSection } from './SourcesSection';
import { TunnelSection } from './TunnelSection';

export function WebhookPage() {
  const { webhook } = useAppStores();
  const loaded = useWebhook((state) => state.loaded);
  const loadError = useWebhook((state) => state.loadError);

  useEffect(() => {
    void webhook.getState().load();
  }, [webhook]);

  return (
    <>
      <PageHeader
        title="Webhook"
        description="Turn TradingView alerts into orders on your own accounts. Every alert passes the same risk gate as your manual orders, and is recorded."
      />
      {loadError ? <div className="callout callout--danger" role="alert">{loadError.message}</div> : null}
      {!loaded && !loadError ? <p className="muted" role="status">Loading…</p> : null}
      {loaded ? (
        <>
          <DriftBanner />
          <ListenerSection />
          <TunnelSection />
          <SourcesSection />
          <MessageGenerator />
          <AlertEvents />
          <RetentionSection />
        </>
      ) : null}
    </>
  );
}
