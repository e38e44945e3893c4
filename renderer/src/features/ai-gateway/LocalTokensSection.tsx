/**
 * Local tokens (gateway.tokens.*): what each is for, the keys it may use, when it was made and last
 * used, and this month's calls and cost; making one (a label and at most one AI key per provider) and
 * revoking one. A new token is shown once, in a dialog with Copy: it lives only in that dialog's
 * state, so closing it forgets it for good (Keywarden keeps only its hash), as the webhook's
 * one-time token does.
 */
import { Ban, EyeOff, Plus } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { aiProviderNames, isAiProviderId } from '../../../../electron/shared/ai-providers';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { formatDate, formatDateTime } from '../../format/dates';
import type { IssuedLocalToken, KeyBudgetLine, LocalTokenInfo } from '../../api/contract-types';
import { useAppStores, useGateway } from '../../stores/store-hooks';
import { oneKeyPerProviderProblem, tokenMonthText } from './gateway-presentation';

const providerName = (id: string): string => (isAiProviderId(id) ? aiProviderNames[id] : id);

export function LocalTokensSection() {
  const tokens = useGateway((state) => state.tokens);
  // The AI keys a token can use: those that are not revoked, as the budgets list has them.
  const keys = useGateway((state) => state.budgets);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedLocalToken | null>(null);
  const [revoking, setRevoking] = useState<LocalTokenInfo | null>(null);
  if (tokens === null || keys === null) return null;

  return (
    <Section
      title="Local tokens"
      description="What your programs give the AI gateway instead of a real key. Each may use the AI keys you choose, one per provider."
      actions={creating ? null : <button type="button" className="button button--primary button--small" onClick={() => setCreating(true)} disabled={keys.length === 0}><Plus size={14} aria-hidden="true" />New local token</button>}
    >
      {creating ? <CreateTokenForm keys={keys} onCancel={() => setCreating(false)} onCreated={(token) => { setCreating(false); setIssued(token); }} /> : null}
      {tokens.length === 0 && !creating ? <p className="muted">No local tokens yet. Make one for each program that calls an AI provider.</p> : null}
      {tokens.length > 0 ? (
        <div className="table-frame table-frame--flat">
          <table className="data-table usage-table">
            <caption className="visually-hidden">Local tokens of the AI gateway</caption>
            <thead>
              <tr>
                <th scope="col">Token</th>
                <th scope="col">Keys</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">This month</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} aria-label={token.label}>
                  <th scope="row">
                    <span className="usage-table__label">{token.label}</span>
                    {token.revokedAt !== null ? <span className="usage-table__provider muted">Revoked {formatDate(token.revokedAt)}</span> : null}
                  </th>
                  <td>{token.keys.map((key) => `${key.label} (${providerName(key.provider)})`).join(', ')}</td>
                  <td className="data-table__nowrap">{formatDate(token.createdAt)}</td>
                  <td className="data-table__nowrap">{token.lastUsedAt === null ? <span className="muted">Never</span> : formatDateTime(token.lastUsedAt)}</td>
                  <td className="data-table__nowrap">{tokenMonthText(token.thisMonth)}</td>
                  <td className="data-table__actions">
                    {token.revokedAt === null ? (
                      <button type="button" className="button button--danger-quiet button--small" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.label}`}><Ban size={14} aria-hidden="true" />Revoke…</button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {issued ? <OneTimeLocalToken issued={issued} onDone={() => setIssued(null)} /> : null}
      {revoking ? <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} /> : null}
    </Section>
  );
}

function CreateTokenForm({ keys, onCancel, onCreated }: { readonly keys: readonly KeyBudgetLine[]; readonly onCancel: () => void; readonly onCreated: (token: IssuedLocalToken) => void }) {
  const { gateway } = useAppStores();
  const [label, setLabel] = useState('');
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [errors, setErrors] = useState<{ label?: string; keys?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keysErrorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosenKeys = keys.filter((key) => chosen.includes(key.credentialId));
    const found: { label?: string; keys?: string } = {};
    if (label.trim() === '') found.label = 'Name what the token is for, such as “research bot”.';
    const twice = oneKeyPerProviderProblem(chosenKeys, providerName);
    if (chosenKeys.length === 0) found.keys = 'Tick at least one AI key the token may use.';
    else if (twice) found.keys = twice;
    setErrors(found);
    setFormError(null);
    if (found.label || found.keys) return;
    setBusy(true);
    const result = await gateway.getState().createToken({ label: label.trim(), keys: chosenKeys.map((key) => key.credentialId) });
    setBusy(false);
    if (!result.ok) return setFormError(result.error.message);
    onCreated(result.value);
  }

  return (
    <form className="stack" aria-label="New local token" onSubmit={(event) => void submit(event)} noValidate>
      <Field label="What it is for" error={errors.label} hint="A name you will recognise in the list, such as the program’s.">
        {(control) => <input {...control} className="input" type="text" autoComplete="off" autoFocus value={label} onChange={(event) => { setLabel(event.currentTarget.value); setErrors((current) => ({ ...current, label: undefined })); }} />}
      </Field>
      <fieldset className="account-choices" aria-describedby={errors.keys ? keysErrorId : undefined}>
        <legend className="field__label">AI keys it may use (one per provider)</legend>
        {keys.map((key) => (
          <label key={key.credentialId} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(key.credentialId)}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setChosen((current) => (checked ? [...current, key.credentialId] : current.filter((id) => id !== key.credentialId)));
                setErrors((current) => ({ ...current, keys: undefined }));
              }}
            />
            <span>{key.label} <span className="muted">({providerName(key.provider)})</span></span>
          </label>
        ))}
        {errors.keys ? <div className="field__error" id={keysErrorId}>{errors.keys}</div> : null}
      </fieldset>
      <FormError message={formError} />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}><Plus size={16} aria-hidden="true" />{busy ? 'Creating…' : 'Create token and show it'}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/** The token, this once. Escape or the button closes it; nothing else holds the token. */
function OneTimeLocalToken({ issued, onDone }: { readonly issued: IssuedLocalToken; readonly onDone: () => void }) {
  return (
    <Dialog title={`Local token for “${issued.info.label}”`} onClose={onDone}>
      <div className="stack">
        <p><strong>Copy it now: it will not be shown again.</strong> Keywarden keeps only a hash of it. If you lose it, revoke it and make a new one.</p>
        <div className="one-time__row">
          <span className="one-time__label">Local token</span>
          <code className="one-time__value">{issued.localToken}</code>
          <CopyButton text={issued.localToken} what="Local token" />
        </div>
        <p className="small muted">Give it to your program as its API key, with the gateway’s base URL for the provider (above).</p>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onDone} autoFocus><EyeOff size={16} aria-hidden="true" />I have copied it: hide the token</button>
        </div>
      </div>
    </Dialog>
  );
}

function RevokeTokenDialog({ token, onClose }: { readonly token: LocalTokenInfo; readonly onClose: () => void }) {
  const { gateway, toasts } = useAppStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await gateway.getState().revokeToken(token.id);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', `Revoked “${token.label}”: programs using it are refused from now on.`);
    onClose();
  }

  return (
    <Dialog title={`Revoke “${token.label}”?`} onClose={onClose} tone="danger">
      <div className="stack">
        <p>Programs calling the AI gateway with this token are refused from their next call. It stays listed with the calls it made. <strong>It cannot be undone</strong>: make a new token if a program still needs one.</p>
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}><Ban size={16} aria-hidden="true" />{busy ? 'Revoking…' : 'Revoke token'}</button>
        </div>
      </div>
    </Dialog>
  );
}
