/**
 * Leverage and margin mode on one perpetual, set by the person (never by an alert): what the
 * exchange has now, the most the risk limits allow, and a form that refuses more than that limit
 * before anything is asked of the exchange. The core checks the same again when it is set.
 */
import { Gauge } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import { readLeverageInput } from '../../../../electron/shared/leverage-input';
import { useAppStores } from '../../stores/store-hooks';
import { setLeverage, type FuturesAccount, type MarginMode } from './futures-channels';

interface LeverageControlProps {
  readonly account: FuturesAccount;
  /** The unified market (BTC/USDT:USDT), or null when the symbol typed names no perpetual. */
  readonly market: string | null;
  /** As typed on the form: what is sent, so the core resolves it the way it resolves the order. */
  readonly symbol: string;
  readonly maxLeverage: { readonly value: number; readonly scope: string } | null;
  readonly onChanged: () => void;
}

export function LeverageControl({ account, market, symbol, maxLeverage, onChanged }: LeverageControlProps) {
  const { toasts } = useAppStores();
  const setting = market === null ? undefined : account.settings.find((item) => item.symbol === market);
  const onExchange = market === null ? undefined : account.positions.find((position) => position.symbol === market && position.leverage !== null);
  const [typed, setTyped] = useState('');
  const [marginMode, setMarginMode] = useState<MarginMode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mode = marginMode ?? onExchange?.marginMode ?? setting?.marginMode ?? 'cross';

  function problem(): { readonly leverage: number } | { readonly message: string } {
    const read = readLeverageInput(typed);
    if (!read.ok) return { message: read.message };
    if (maxLeverage !== null && read.value > maxLeverage.value) {
      return { message: `Leverage ${read.value}x is above the limit of ${maxLeverage.value}x (${maxLeverage.scope}). Raise the limit on Risk limits first if you mean it.` };
    }
    return { leverage: read.value };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = problem();
    if ('message' in checked) return setError(checked.message);
    setBusy(true);
    setError(null);
    const result = await setLeverage({ account: account.credentialId, symbol, leverage: checked.leverage, marginMode: mode });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setTyped('');
    setMarginMode(null);
    toasts.getState().show('success', `Leverage on ${result.value.symbol} set to ${result.value.leverage}x, ${result.value.marginMode} margin.`);
    onChanged();
  }

  const now = onExchange
    ? `${onExchange.leverage}x, ${onExchange.marginMode ?? 'margin mode not reported'} (on the exchange)`
    : setting
      ? `${setting.leverage}x, ${setting.marginMode} (as you set it on ${new Date(setting.updatedAt).toLocaleDateString()})`
      : 'Not available until you set it here or hold a position';

  return (
    <form className="inset-box futures-box" onSubmit={(event) => void submit(event)} noValidate aria-label="Leverage and margin mode">
      <h2 className="gate-preview__title">Leverage and margin mode</h2>
      <div className="futures-box__body">
        <dl className="facts facts--compact">
          <div className="facts__row">
            <dt>Now</dt>
            <dd data-fact="current-leverage">{market === null ? 'Choose a perpetual first' : now}</dd>
          </div>
          <div className="facts__row">
            <dt>Your limit</dt>
            <dd data-fact="max-leverage">{maxLeverage === null ? 'No maximum set' : `${maxLeverage.value}x (${maxLeverage.scope})`}</dd>
          </div>
        </dl>
        <Field label="Leverage" hint="A whole number, such as 5 (5x). Alerts never change it." error={error}>
          {(control) => (
            <input {...control} className="input input--mono" type="text" inputMode="numeric" autoComplete="off" placeholder={setting ? String(setting.leverage) : '5'} value={typed} onChange={(event) => { setTyped(event.currentTarget.value); setError(null); }} />
          )}
        </Field>
        <SegmentedChoice<MarginMode>
          legend="Margin mode"
          name="margin-mode"
          value={mode}
          onChange={(value) => setMarginMode(value)}
          options={[{ value: 'cross', label: 'Cross' }, { value: 'isolated', label: 'Isolated' }]}
        />
        <button type="submit" className="button button--secondary" disabled={busy || market === null || typed.trim() === ''} aria-busy={busy}>
          <Gauge size={16} aria-hidden="true" />
          {busy ? 'Setting…' : 'Set leverage'}
        </button>
      </div>
    </form>
  );
}
