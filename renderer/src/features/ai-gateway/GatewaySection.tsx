/**
 * The AI gateway's switch and where it answers (gateway.status): whether it runs, its address, and
 * the base URL to give each provider's SDK, each with Copy, since those URLs are what a person
 * pastes into their program (docs/ai-gateway.md "Routes").
 */
import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { Section } from '../../components/Section';
import { useAppStores, useGateway } from '../../stores/store-hooks';

export function GatewaySection() {
  const status = useGateway((state) => state.status);
  const { gateway, toasts } = useAppStores();
  // While the change is saved, the box shows what was asked for.
  const [asked, setAsked] = useState<boolean | null>(null);
  const busy = asked !== null;
  if (status === null) return null;

  async function toggle(enabled: boolean) {
    setAsked(enabled);
    const result = await gateway.getState().setEnabled(enabled);
    setAsked(null);
    if (!result.ok) return toasts.getState().show('error', result.error.message);
    if (enabled && !result.value.running) return toasts.getState().show('error', `The AI gateway is on but could not start on ${result.value.host}:${result.value.port}: is another program using that port?`);
    toasts.getState().show('success', enabled ? 'The AI gateway is on: it runs while Keywarden is open.' : 'The AI gateway is off: programs calling it get no answer.');
  }

  return (
    <Section
      title="AI gateway"
      description="An address on this computer that your programs call instead of the provider, with a local token instead of a real key. Keywarden adds the key, counts tokens and cost, and refuses calls over a key’s budget."
    >
      <div className="listener">
        <div className="listener__state" role="status">
          <span className={status.running ? 'status-dot status-dot--ok' : 'status-dot status-dot--off'} aria-hidden="true" />
          <span className="listener__text">
            <strong>{status.running ? 'Running' : status.enabled ? 'On, but not running' : 'Off'}</strong>
            <span className="muted small">
              {status.running && status.localUrl ? <>on <span className="mono">{status.localUrl}</span>, this computer only</> : `Would run on ${status.host}:${status.port}`}
            </span>
          </span>
        </div>
        <label className="checkbox listener__toggle">
          <input type="checkbox" checked={asked ?? status.enabled} aria-busy={busy} onChange={(event) => { if (!busy) void toggle(event.currentTarget.checked); }} />
          <span>Run the AI gateway while Keywarden is open</span>
        </label>
      </div>
      {status.running && status.localUrl ? (
        <div className="table-frame table-frame--flat">
          <table className="data-table usage-table">
            <caption className="visually-hidden">Base URL to give each provider’s SDK</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Base URL for its SDK</th>
                <th scope="col"><span className="visually-hidden">Copy</span></th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Gateway address</th>
                <td><span className="mono">{status.localUrl}</span></td>
                <td className="data-table__actions"><CopyButton text={status.localUrl} what="Gateway address" /></td>
              </tr>
              {status.sdkBaseUrls.map((entry) => (
                <tr key={entry.provider}>
                  <th scope="row">{entry.name}</th>
                  <td><span className="mono">{entry.baseUrl}</span></td>
                  <td className="data-table__actions"><CopyButton text={entry.baseUrl} what={`${entry.name} base URL`} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted small">
        Calls go through only while the vault is unlocked. Give each program its own local token (below), and put a budget on the keys it uses.
      </p>
    </Section>
  );
}
