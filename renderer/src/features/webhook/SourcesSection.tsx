/**
 * Alert sources: one per TradingView set-up, each with its own secret token and an optional scope
 * (accounts, symbols, sides, a cap per order). Creating a source or rotating its token shows the
 * token once; after that only its hash exists.
 */
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import type { IssuedToken, OrderSide, SourceScopeInput, WebhookSource } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';
import { useAppStores, useCredentials, useWebhook } from '../../stores/store-hooks';
import { parseDecimal } from '../trading/order-draft';
import { unifiedSymbol } from '../trading/order-presentation';
import { OneTimeToken } from './OneTimeToken';
import { scopeSummary } from './webhook-presentation';

export function SourcesSection() {
  const sources = useWebhook(useShallow((state) => state.sources));
  // The one-time token lives here, in component state only, until the user hides it or leaves.
  const [issued, setIssued] = useState<{ readonly token: IssuedToken; readonly rotated: boolean } | null>(null);
  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<WebhookSource | null>(null);
  const [deleting, setDeleting] = useState<WebhookSource | null>(null);

  return (
    <Section
      title="Alert sources"
      description="Each TradingView set-up gets its own source: a secret token in its webhook URL, and what it may do. Rotate a token when it may have leaked; delete a source to stop its alerts at once."
      actions={creating || issued ? null : <button type="button" className="button button--primary button--small" onClick={() => setCreating(true)}>New alert source</button>}
    >
      {issued ? <OneTimeToken issued={issued.token} rotated={issued.rotated} onDone={() => setIssued(null)} /> : null}
      {creating ? (
        <CreateSourceForm
          onCancel={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setIssued({ token, rotated: false });
          }}
        />
      ) : null}
      {sources.length === 0 && !creating && !issued ? <p className="muted">No alert sources yet. Create one for each strategy or alert set-up in TradingView.</p> : null}
      {sources.length > 0 ? (
        <ul className="sources" aria-label="Alert sources">
          {sources.map((source) => (
            <SourceItem key={source.id} source={source} onRotate={() => setRotating(source)} onDelete={() => setDeleting(source)} />
          ))}
        </ul>
      ) : null}
      {rotating ? (
        <RotateTokenDialog
          source={rotating}
          onClose={() => setRotating(null)}
          onRotated={(token) => {
            setRotating(null);
            setIssued({ token, rotated: true });
          }}
        />
      ) : null}
      {deleting ? <DeleteSourceDialog source={deleting} onClose={() => setDeleting(null)} /> : null}
    </Section>
  );
}

function SourceItem({ source, onRotate, onDelete }: { readonly source: WebhookSource; readonly onRotate: () => void; readonly onDelete: () => void }) {
  const { webhook, toasts } = useAppStores();
  const [busy, setBusy] = useState(false);
  const graceLeft = source.previousValidUntil !== null && source.previousValidUntil > Date.now();

  async function toggle() {
    setBusy(true);
    const result = await webhook.getState().updateSource({ ref: source.id, enabled: !source.enabled });
    setBusy(false);
    toasts.getState().show(result.ok ? 'success' : 'error', result.ok ? `“${source.label}” is ${result.value.enabled ? 'enabled: its alerts are accepted again' : 'disabled: its alerts are refused (403)'}.` : result.error.message);
  }

  return (
    <li className="source" aria-label={source.label}>
      <div className="source__text">
        <p className="source__title">
          <span className="source__label">{source.label}</span>
          <Badge tone={source.enabled ? 'success' : 'neutral'}>{source.enabled ? 'Enabled' : 'Disabled'}</Badge>
          {graceLeft ? <Badge tone="warning">Old token valid until {formatDateTime(source.previousValidUntil ?? 0)}</Badge> : null}
        </p>
        <p className="small">{scopeSummary(source)}</p>
        <p className="muted small">Created {formatDateTime(source.createdAt)}{source.rotatedAt === null ? '' : ` · token rotated ${formatDateTime(source.rotatedAt)}`}</p>
      </div>
      <div className="source__actions">
        <button type="button" className="button button--secondary button--small" onClick={onRotate} aria-label={`Rotate the token of ${source.label}`}>Rotate token…</button>
        <button type="button" className="button button--secondary button--small" onClick={() => void toggle()} disabled={busy} aria-busy={busy}>{source.enabled ? 'Disable' : 'Enable'}</button>
        <button type="button" className="button button--danger-quiet button--small" onClick={onDelete} aria-label={`Delete ${source.label}`}>Delete…</button>
      </div>
    </li>
  );
}

type Sides = 'both' | OrderSide;

function CreateSourceForm({ onCancel, onCreated }: { readonly onCancel: () => void; readonly onCreated: (token: IssuedToken) => void }) {
  const accounts = useCredentials(useShallow((state) => state.items.filter((item) => item.status !== 'revoked')));
  const { webhook, toasts } = useAppStores();
  const [label, setLabel] = useState('');
  const [account, setAccount] = useState('');
  const [symbols, setSymbols] = useState('');
  const [sides, setSides] = useState<Sides>('both');
  const [maxNotional, setMaxNotional] = useState('');
  const [errors, setErrors] = useState<{ label?: string; maxNotional?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: { label?: string; maxNotional?: string } = {};
    if (label.trim() === '') problems.label = 'Enter a name, such as “BTC strategy”.';
    const cap = maxNotional.trim() === '' ? null : parseDecimal(maxNotional);
    if (cap !== null && cap <= 0) problems.maxNotional = 'Enter an amount above 0, or leave it empty.';
    if (maxNotional.trim() !== '' && cap === null) problems.maxNotional = 'Enter an amount in USD, such as 200.';
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) return;
    const symbolList = symbols.split(/[\s,;]+/).filter(Boolean).map(unifiedSymbol);
    const scope: SourceScopeInput = {
      accounts: account === '' ? null : [account],
      symbols: symbolList.length === 0 ? null : symbolList,
      sides: sides === 'both' ? null : [sides],
      maxNotionalUsd: cap,
    };
    setBusy(true);
    const result = await webhook.getState().createSource({ label, scope });
    setBusy(false);
    if (!result.ok) {
      if (result.error.details?.['field'] === 'label') return setErrors({ label: result.error.message });
      return setFormError(result.error.message);
    }
    toasts.getState().show('success', `Created the alert source “${result.value.source.label}”. Copy its webhook URL now.`);
    onCreated(result.value);
  }

  return (
    <form className="inset-box inset-box--roomy" onSubmit={(event) => void submit(event)} noValidate aria-label="New alert source">
      <div className="two-fields">
        <Field label="Name" error={errors.label} hint="How you recognise it here and in the audit log.">
          {(control) => <input {...control} className="input" type="text" maxLength={64} autoComplete="off" autoFocus placeholder="BTC strategy" value={label} onChange={(event) => setLabel(event.currentTarget.value)} />}
        </Field>
        <Field label="Account it may trade on">
          {(control) => (
            <select {...control} className="input" value={account} onChange={(event) => setAccount(event.currentTarget.value)}>
              <option value="">Any account the alert names</option>
              {accounts.map((item) => <option key={item.id} value={item.id}>{item.label}</option>)}
            </select>
          )}
        </Field>
        <Field label="Symbols it may trade" hint="For example BTC/USDT, ETH/USDT. Empty: any.">
          {(control) => <input {...control} className="input input--mono" type="text" autoComplete="off" spellCheck={false} placeholder="Any symbol" value={symbols} onChange={(event) => setSymbols(event.currentTarget.value)} />}
        </Field>
        <Field label="At most per order (USD)" error={errors.maxNotional} hint="On top of the risk limits. Empty: only the risk limits.">
          {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder="No cap" value={maxNotional} onChange={(event) => setMaxNotional(event.currentTarget.value)} />}
        </Field>
      </div>
      <fieldset className="switch-field">
        <legend className="field__label">Sides</legend>
        <div className="switch">
          {([['both', 'Buy and sell'], ['buy', 'Buy only'], ['sell', 'Sell only']] as const).map(([value, text]) => (
            <label key={value} className="switch__option">
              <input type="radio" name="source-sides" value={value} checked={sides === value} onChange={() => setSides(value)} />
              <span>{text}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={formError} />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>{busy ? 'Creating…' : 'Create source and show its token'}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function RotateTokenDialog({ source, onClose, onRotated }: { readonly source: WebhookSource; readonly onClose: () => void; readonly onRotated: (token: IssuedToken) => void }) {
  const { webhook, toasts } = useAppStores();
  const [leaked, setLeaked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function rotate() {
    setBusy(true);
    setError(null);
    const result = await webhook.getState().rotateToken({ ref: source.id, graceMinutes: leaked ? 0 : 10 });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', leaked ? `New token for “${source.label}”: the old one stopped working.` : `New token for “${source.label}”: the old one works 10 more minutes.`);
    onRotated(result.value);
  }

  return (
    <Dialog title={`Rotate the token of “${source.label}”?`} onClose={onClose}>
      <div className="stack">
        <p>A new token replaces the current one. You then paste the new webhook URL into every TradingView alert of this source.</p>
        <fieldset className="choice-group">
          <legend className="choice-group__legend">The current token</legend>
          <label className="choice">
            <input type="radio" name="grace" checked={!leaked} onChange={() => setLeaked(false)} />
            <span className="choice__text">
              <span className="choice__title">Keeps working for 10 minutes</span>
              <span className="choice__detail">Time to update your alerts in TradingView.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="grace" checked={leaked} onChange={() => setLeaked(true)} />
            <span className="choice__text">
              <span className="choice__title">Stops working now</span>
              <span className="choice__detail">It may have leaked. Alerts with it are refused until you paste the new URL.</span>
            </span>
          </label>
        </fieldset>
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--primary" onClick={() => void rotate()} disabled={busy} aria-busy={busy}>{busy ? 'Rotating…' : 'Rotate token'}</button>
        </div>
      </div>
    </Dialog>
  );
}

function DeleteSourceDialog({ source, onClose }: { readonly source: WebhookSource; readonly onClose: () => void }) {
  const { webhook, toasts } = useAppStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const result = await webhook.getState().deleteSource(source.id);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', `Deleted “${result.value.label}”: its token no longer works.`);
    onClose();
  }

  return (
    <Dialog title={`Delete “${source.label}”?`} onClose={onClose} tone="danger">
      <div className="stack">
        <p>Its token stops working at once: alerts that use it are refused (401) and nothing is placed. Received alerts stay in the list below and in the audit log. This cannot be undone.</p>
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy} aria-busy={busy}>{busy ? 'Deleting…' : `Delete “${source.label}”`}</button>
        </div>
      </div>
    </Dialog>
  );
}
