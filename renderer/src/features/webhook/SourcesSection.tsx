/**
 * Alert sources: one per TradingView set-up, each with its own secret token and a scope: the
 * accounts it may trade and a cap per order (both required, so a leaked token cannot trade every
 * key without limit), optionally symbols and sides. Creating a source or rotating its token shows
 * the token once; after that only its hash exists. A source saved by an earlier version without
 * accounts or a cap is shown as needing attention until they are set.
 */
import { CirclePause, CirclePlay, Clock, Pencil, Plus, RotateCw, Save, Trash2 } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { ToneIcon } from '../../components/StatusIcon';
import type { ContractError, IssuedToken, OrderSide, SourceScopeInput, WebhookSource } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';
import { useAppStores, useCredentials, useWebhook } from '../../stores/store-hooks';
import { decimalOrNull } from '../../../../electron/shared/decimal-input';
import { unifiedSymbol } from '../trading/order-presentation';
import { OneTimeToken } from './OneTimeToken';
import { SetupChecklist } from './SetupChecklist';
import { scopeSummary } from './webhook-presentation';
import { DEFAULT_TOKEN_GRACE_MINUTES } from '../../../../electron/shared/token-grace';

export function SourcesSection() {
  const sources = useWebhook(useShallow((state) => state.sources));
  const refusing = sources.filter((source) => source.enabled && source.missingScope.length > 0);
  // The one-time token lives here, in component state only, until the user hides it or leaves.
  const [issued, setIssued] = useState<{ readonly token: IssuedToken; readonly rotated: boolean } | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<WebhookSource | null>(null);
  const [rotating, setRotating] = useState<WebhookSource | null>(null);
  const [deleting, setDeleting] = useState<WebhookSource | null>(null);

  return (
    <Section
      title="Alert sources"
      description="Each TradingView set-up gets its own source: a secret token in its webhook URL, the accounts it may trade and a cap per order. Rotate a token when it may have leaked; delete a source to stop its alerts at once."
      actions={creating || issued ? null : <button type="button" className="button button--primary button--small" onClick={() => setCreating(true)}><Plus size={14} aria-hidden="true" />New alert source</button>}
    >
      {refusing.length > 0 ? (
        <div className="callout callout--warning">
          {refusing.length === 1 ? `“${refusing[0]?.label ?? ''}” needs` : `${refusing.length} alert sources need`} at least one account and a per-order cap: {refusing.length === 1 ? 'its' : 'their'} alerts are refused until you set them with “Set accounts and cap…”.
        </div>
      ) : null}
      {issued ? <OneTimeToken issued={issued.token} rotated={issued.rotated} onDone={() => setIssued(null)} /> : null}
      {/* One checklist; with the one-time token on screen it also gives the message and the test alert (issue 19). */}
      {issued || sources.length > 0 ? <SetupChecklist issued={issued?.token} /> : null}
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
            <SourceItem key={source.id} source={source} onEdit={() => setEditing(source)} onRotate={() => setRotating(source)} onDelete={() => setDeleting(source)} />
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
      {editing ? <EditScopeDialog source={editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? <DeleteSourceDialog source={deleting} onClose={() => setDeleting(null)} /> : null}
    </Section>
  );
}

function SourceItem({ source, onEdit, onRotate, onDelete }: { readonly source: WebhookSource; readonly onEdit: () => void; readonly onRotate: () => void; readonly onDelete: () => void }) {
  const { webhook, toasts } = useAppStores();
  const [busy, setBusy] = useState(false);
  const graceLeft = source.previousValidUntil !== null && source.previousValidUntil > Date.now();
  const needsScope = source.missingScope.length > 0;

  async function toggle() {
    setBusy(true);
    const result = await webhook.getState().updateSource({ ref: source.id, enabled: !source.enabled });
    setBusy(false);
    toasts.getState().show(result.ok ? 'success' : 'error', result.ok ? `“${source.label}” is ${result.value.enabled ? 'enabled: its alerts are accepted again' : 'disabled: its alerts are refused'}.` : result.error.message);
  }

  return (
    <li className="source" aria-label={source.label}>
      <div className="source__text">
        <p className="source__title">
          <span className="source__label">{source.label}</span>
          {source.enabled && needsScope
            ? <Badge tone="danger"><ToneIcon tone="warning" />Needs attention</Badge>
            : <Badge tone={source.enabled ? 'success' : 'neutral'}><ToneIcon tone={source.enabled ? 'success' : 'neutral'} {...(source.enabled ? {} : { mode: 'off' as const })} />{source.enabled ? 'Enabled' : 'Disabled'}</Badge>}
          {graceLeft ? <Badge tone="warning"><Clock size={14} aria-hidden="true" focusable="false" className="status-icon" />Old token valid until {formatDateTime(source.previousValidUntil ?? 0)}</Badge> : null}
        </p>
        <p className="small">{scopeSummary(source)}</p>
        {needsScope ? (
          <p className="source__attention small">
            {source.enabled
              ? `It has ${missingScopeWords(source)}, so its alerts are refused. Set them to accept its alerts again.`
              : `It has ${missingScopeWords(source)}: set them before enabling it.`}
          </p>
        ) : null}
        <p className="muted small">Created {formatDateTime(source.createdAt)}{source.rotatedAt === null ? '' : ` · token rotated ${formatDateTime(source.rotatedAt)}`}</p>
      </div>
      <div className="source__actions">
        {needsScope ? (
          <button type="button" className="button button--primary button--small" onClick={onEdit}><Pencil size={14} aria-hidden="true" />Set accounts and cap…</button>
        ) : (
          <button type="button" className="button button--secondary button--small" onClick={onEdit} aria-label={`Edit what ${source.label} may trade`}><Pencil size={14} aria-hidden="true" />Edit…</button>
        )}
        <button type="button" className="button button--secondary button--small" onClick={onRotate} aria-label={`Rotate token of ${source.label}`}><RotateCw size={14} aria-hidden="true" />Rotate token…</button>
        {source.enabled || !needsScope ? (
          <button type="button" className="button button--secondary button--small" onClick={() => void toggle()} disabled={busy} aria-busy={busy}>{source.enabled ? <CirclePause size={14} aria-hidden="true" /> : <CirclePlay size={14} aria-hidden="true" />}{source.enabled ? 'Disable' : 'Enable'}</button>
        ) : null}
        <button type="button" className="button button--danger-quiet button--small" onClick={onDelete} aria-label={`Delete ${source.label}`}><Trash2 size={14} aria-hidden="true" />Delete…</button>
      </div>
    </li>
  );
}

/** "no account and no per-order cap" */
function missingScopeWords(source: WebhookSource): string {
  return source.missingScope.map((gap) => (gap === 'accounts' ? 'no account' : 'no per-order cap')).join(' and ');
}

type Sides = 'both' | OrderSide;

/** What a source may trade, as typed in the form. */
interface ScopeDraft {
  readonly accounts: readonly string[];
  readonly symbols: string;
  readonly sides: Sides;
  readonly maxNotional: string;
}

interface ScopeErrors {
  readonly accounts?: string;
  readonly maxNotional?: string;
}

const emptyScope: ScopeDraft = { accounts: [], symbols: '', sides: 'both', maxNotional: '' };

/** The form's view of a stored scope; accounts no longer in the vault are left out. */
function scopeDraftOf(source: WebhookSource, knownAccounts: readonly string[]): ScopeDraft {
  const { scope } = source;
  return {
    accounts: (scope.accounts ?? []).filter((id) => knownAccounts.includes(id)),
    symbols: scope.symbols?.join(', ') ?? '',
    sides: scope.sides?.length === 1 && scope.sides[0] ? scope.sides[0] : 'both',
    maxNotional: scope.maxNotionalUsd === null ? '' : String(scope.maxNotionalUsd),
  };
}

/** The scope to send, or what to fix first. Accounts and a cap are required: the core refuses a source without them. */
function readScope(draft: ScopeDraft): { readonly scope: SourceScopeInput } | { readonly problems: ScopeErrors } {
  const { maxNotional } = draft;
  const problems: { accounts?: string; maxNotional?: string } = {};
  if (draft.accounts.length === 0) problems.accounts = 'Tick at least one account it may trade.';
  const cap = maxNotional.trim() === '' ? null : decimalOrNull(maxNotional);
  if (maxNotional.trim() === '') problems.maxNotional = 'Enter the most one alert may spend, in USD, such as 200.';
  if (cap !== null && cap <= 0) problems.maxNotional = 'Enter an amount above 0.';
  if (maxNotional.trim() !== '' && cap === null) problems.maxNotional = 'Enter an amount in USD, such as 200.';
  if (Object.keys(problems).length > 0 || cap === null) return { problems };
  const symbolList = draft.symbols.split(/[\s,;]+/).filter(Boolean).map(unifiedSymbol);
  return {
    scope: {
      accounts: [...draft.accounts],
      symbols: symbolList.length === 0 ? null : symbolList,
      sides: draft.sides === 'both' ? null : [draft.sides],
      maxNotionalUsd: cap,
    },
  };
}

/** The core's refusal of a scope, placed on the field it is about (null: not about one). */
function scopeErrorsOf(error: ContractError): ScopeErrors | null {
  const field = error.details?.['field'];
  if (field === 'scope.accounts' || (typeof field === 'string' && field.startsWith('scope.accounts.'))) return { accounts: error.message };
  if (field === 'scope.maxNotionalUsd') return { maxNotional: error.message };
  return null;
}

/** The fields of a scope, shared by the new-source form and the edit dialog. */
function ScopeFields({ draft, errors, onChange }: { readonly draft: ScopeDraft; readonly errors: ScopeErrors; readonly onChange: (draft: ScopeDraft) => void }) {
  // Revoked keys cannot trade; one the source already names stays visible so it can be unticked.
  const accounts = useCredentials(useShallow((state) => state.items.filter((item) => (item.kind === 'exchange' || item.kind === 'polymarket') && (item.status !== 'revoked' || draft.accounts.includes(item.id)))));
  const id = useId();
  const accountsErrorId = `${id}-accounts-error`;
  const change = (patch: Partial<ScopeDraft>) => onChange({ ...draft, ...patch });

  return (
    <>
      <p className="field__hint">An alert can only trade these accounts, at most this much per order.</p>
      <div className="two-fields">
        <fieldset className="account-choices" aria-describedby={errors.accounts ? accountsErrorId : undefined}>
          <legend className="field__label">Accounts it may trade</legend>
          {accounts.length === 0 ? <p className="muted small">No keys yet: add one on the Accounts page first.</p> : null}
          {accounts.map((item) => (
            <label key={item.id} className="checkbox">
              <input
                type="checkbox"
                checked={draft.accounts.includes(item.id)}
                onChange={(event) => change({ accounts: event.currentTarget.checked ? [...draft.accounts, item.id] : draft.accounts.filter((account) => account !== item.id) })}
              />
              <span>{item.label}</span>
            </label>
          ))}
          {errors.accounts ? <div className="field__error" id={accountsErrorId}>{errors.accounts}</div> : null}
        </fieldset>
        <Field label="At most per order (USD)" error={errors.maxNotional} hint="On top of the risk limits.">
          {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder="200" value={draft.maxNotional} onChange={(event) => change({ maxNotional: event.currentTarget.value })} />}
        </Field>
        <Field label="Symbols it may trade" hint="For example BTC/USDT, ETH/USDT. Empty: any.">
          {(control) => <input {...control} className="input input--mono" type="text" autoComplete="off" spellCheck={false} placeholder="Any symbol" value={draft.symbols} onChange={(event) => change({ symbols: event.currentTarget.value })} />}
        </Field>
      </div>
      <fieldset className="switch-field">
        <legend className="field__label">Sides</legend>
        <div className="switch">
          {([['both', 'Buy and sell'], ['buy', 'Buy only'], ['sell', 'Sell only']] as const).map(([value, text]) => (
            <label key={value} className="switch__option">
              <input type="radio" name={`${id}-sides`} value={value} checked={draft.sides === value} onChange={() => change({ sides: value })} />
              <span>{text}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

function CreateSourceForm({ onCancel, onCreated }: { readonly onCancel: () => void; readonly onCreated: (token: IssuedToken) => void }) {
  const { webhook, toasts } = useAppStores();
  const [label, setLabel] = useState('');
  const [scope, setScope] = useState<ScopeDraft>(emptyScope);
  const [errors, setErrors] = useState<ScopeErrors & { label?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readScope(scope);
    const problems = { ...('problems' in read ? read.problems : {}), ...(label.trim() === '' ? { label: 'Enter a name, such as “BTC strategy”.' } : {}) };
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0 || !('scope' in read)) return;
    setBusy(true);
    const result = await webhook.getState().createSource({ label, scope: read.scope });
    setBusy(false);
    if (!result.ok) {
      if (result.error.details?.['field'] === 'label') return setErrors({ label: result.error.message });
      const onField = scopeErrorsOf(result.error);
      return onField ? setErrors(onField) : setFormError(result.error.message);
    }
    toasts.getState().show('success', `Created the alert source “${result.value.source.label}”. Copy its webhook URL now.`);
    onCreated(result.value);
  }

  return (
    <form className="inset-box inset-box--roomy" onSubmit={(event) => void submit(event)} noValidate aria-label="New alert source">
      <Field label="Name" error={errors.label} hint="How you recognise it here and in the audit log.">
        {(control) => <input {...control} className="input" type="text" maxLength={64} autoComplete="off" autoFocus placeholder="BTC strategy" value={label} onChange={(event) => setLabel(event.currentTarget.value)} />}
      </Field>
      <ScopeFields draft={scope} errors={errors} onChange={setScope} />
      <FormError message={formError} />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}><Plus size={16} aria-hidden="true" />{busy ? 'Creating…' : 'Create source and show its token'}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function EditScopeDialog({ source, onClose }: { readonly source: WebhookSource; readonly onClose: () => void }) {
  const { webhook, toasts } = useAppStores();
  const knownAccounts = useCredentials(useShallow((state) => state.items.map((item) => item.id)));
  const [scope, setScope] = useState<ScopeDraft>(() => scopeDraftOf(source, knownAccounts));
  const [errors, setErrors] = useState<ScopeErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readScope(scope);
    setErrors('problems' in read ? read.problems : {});
    setFormError(null);
    if (!('scope' in read)) return;
    setBusy(true);
    const result = await webhook.getState().updateSource({ ref: source.id, scope: read.scope });
    setBusy(false);
    if (!result.ok) {
      const onField = scopeErrorsOf(result.error);
      return onField ? setErrors(onField) : setFormError(result.error.message);
    }
    toasts.getState().show('success', result.value.enabled ? `Saved what “${source.label}” may trade; its alerts are accepted.` : `Saved what “${source.label}” may trade. Enable it to accept its alerts.`);
    onClose();
  }

  return (
    <Dialog title={`What “${source.label}” may trade`} onClose={onClose}>
      <form className="stack" onSubmit={(event) => void save(event)} noValidate aria-label={`What ${source.label} may trade`}>
        <ScopeFields draft={scope} errors={errors} onChange={setScope} />
        <FormError message={formError} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>Cancel</button>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </Dialog>
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
    const result = await webhook.getState().rotateToken({ ref: source.id, graceMinutes: leaked ? 0 : DEFAULT_TOKEN_GRACE_MINUTES });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toasts.getState().show('success', leaked ? `New token for “${source.label}”: the old one stopped working.` : `New token for “${source.label}”: the old one works ${DEFAULT_TOKEN_GRACE_MINUTES} more minutes.`);
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
              <span className="choice__title">Keeps working for {DEFAULT_TOKEN_GRACE_MINUTES} minutes</span>
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
          <button type="button" className="button button--primary" onClick={() => void rotate()} disabled={busy} aria-busy={busy}><RotateCw size={16} aria-hidden="true" />{busy ? 'Rotating…' : 'Rotate token'}</button>
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
        <p>Its token stops working at once: alerts that use it are refused and nothing is placed. Received alerts stay in the list below and in the audit log. This cannot be undone.</p>
        <FormError message={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy} aria-busy={busy}><Trash2 size={16} aria-hidden="true" />{busy ? 'Deleting…' : `Delete “${source.label}”`}</button>
        </div>
      </div>
    </Dialog>
  );
}
