/**
 * One scope's risk limits (global, or one account's own), editable, with today's usage drawn as a
 * bar against each limit it has. An empty limit means "no limit". Symbols on the allow-list are
 * written the way the gate compares them (BTC/USDT), whatever form they were typed in.
 */
import { Save, Undo2 } from 'lucide-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { RiskLimits, RiskUsage } from '../../api/contract-types';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { decimalOrNull, readDecimal, readWholeNumber } from '../../../../electron/shared/decimal-input';
import { readLeverageInput } from '../../../../electron/shared/leverage-input';
import { MAX_PRICE_BAND_PCT } from '../../../../electron/shared/setting-ranges';
import { formatCount, formatUsd } from '../../format/numbers';
import { readAsNote } from '../../format/typed-number';
import { unifiedSymbol } from '../trading/order-presentation';

type NumberField = 'maxOrderNotionalUsd' | 'maxDailyNotionalUsd' | 'maxOpenExposureUsd' | 'maxOrdersPerMinute' | 'maxPriceDeviationPct' | 'maxLeverage' | 'maxPositionNotionalUsd';

interface Values {
  readonly tradingEnabled: boolean;
  readonly paperMode: boolean;
  readonly symbols: string;
  readonly maxOrderNotionalUsd: string;
  readonly maxDailyNotionalUsd: string;
  readonly maxOpenExposureUsd: string;
  readonly maxOrdersPerMinute: string;
  readonly maxPriceDeviationPct: string;
  readonly maxLeverage: string;
  readonly maxPositionNotionalUsd: string;
}

const toText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

function valuesOf(limits: RiskLimits): Values {
  return {
    tradingEnabled: limits.tradingEnabled,
    paperMode: limits.paperMode,
    symbols: limits.symbolAllowList?.join(', ') ?? '',
    maxOrderNotionalUsd: toText(limits.maxOrderNotionalUsd),
    maxDailyNotionalUsd: toText(limits.maxDailyNotionalUsd),
    maxOpenExposureUsd: toText(limits.maxOpenExposureUsd),
    maxOrdersPerMinute: toText(limits.maxOrdersPerMinute),
    maxPriceDeviationPct: toText(limits.maxPriceDeviationPct),
    maxLeverage: toText(limits.maxLeverage),
    maxPositionNotionalUsd: toText(limits.maxPositionNotionalUsd),
  };
}

type Errors = Partial<Record<NumberField, string>>;

/** Every limit is read by the one number rule; the maximum leverage by the leverage rule (shared/leverage-input.ts). */
function readValues(values: Values): { limits: RiskLimits; errors: Errors } {
  const errors: Errors = {};
  const amount = (field: NumberField, integer: boolean): number | null => {
    const raw = values[field].trim();
    if (raw === '') return null;
    if (field === 'maxLeverage') {
      const leverage = readLeverageInput(raw, 'The maximum leverage');
      if (!leverage.ok) errors[field] = leverage.message;
      return leverage.ok ? leverage.value : null;
    }
    const read = readDecimal(raw, 'The limit');
    if (!read.ok) errors[field] = read.message;
    else if (read.value <= 0) errors[field] = 'Enter a number above 0, or leave it empty for no limit.';
    else if (field === 'maxPriceDeviationPct' && read.value > MAX_PRICE_BAND_PCT) errors[field] = `Enter at most ${MAX_PRICE_BAND_PCT} (%), or leave it empty for no band.`;
    else if (integer) {
      const whole = readWholeNumber(raw, 'The limit');
      if (!whole.ok) errors[field] = whole.message;
    }
    return read.ok ? read.value : null;
  };
  const symbols = values.symbols.split(/[\s,;]+/).map((symbol) => symbol.trim()).filter(Boolean).map(unifiedSymbol);
  return {
    limits: {
      tradingEnabled: values.tradingEnabled,
      paperMode: values.paperMode,
      symbolAllowList: symbols.length === 0 ? null : [...new Set(symbols)],
      maxOrderNotionalUsd: amount('maxOrderNotionalUsd', false),
      maxDailyNotionalUsd: amount('maxDailyNotionalUsd', false),
      maxOpenExposureUsd: amount('maxOpenExposureUsd', false),
      maxOrdersPerMinute: amount('maxOrdersPerMinute', true),
      maxPriceDeviationPct: amount('maxPriceDeviationPct', false),
      maxLeverage: amount('maxLeverage', true),
      maxPositionNotionalUsd: amount('maxPositionNotionalUsd', false),
    },
    errors,
  };
}

interface LimitsEditorProps {
  /** "global" or the account's name, for labels: "Allow trading (global)". */
  readonly scopeName: string;
  readonly limits: RiskLimits;
  readonly usage: RiskUsage;
  readonly onSave: (limits: RiskLimits) => Promise<string | null>;
  readonly onCancel?: () => void;
  readonly saveLabel?: string;
}

export function LimitsEditor({ scopeName, limits, usage, onSave, onCancel, saveLabel = 'Save limits' }: LimitsEditorProps) {
  const [values, setValues] = useState<Values>(() => valuesOf(limits));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saved = valuesOf(limits);
  const dirty = (Object.keys(saved) as (keyof Values)[]).some((name) => saved[name] !== values[name]);

  const change = <K extends keyof Values>(name: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => {
      const { [name as NumberField]: _dropped, ...rest } = current;
      return rest;
    });
    setFormError(null);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readValues(values);
    setErrors(read.errors);
    if (Object.keys(read.errors).length > 0) return;
    setBusy(true);
    const problem = await onSave(read.limits);
    setBusy(false);
    if (problem) setFormError(problem);
    else setValues(valuesOf(read.limits));
  }

  const limitNumber = (field: NumberField) => {
    const value = decimalOrNull(values[field]);
    return value !== null && value > 0 ? value : null;
  };

  return (
    <form className="limits-form" onSubmit={(event) => void submit(event)} noValidate aria-label={`Limits (${scopeName})`}>
      <div className="limits-form__switches">
        <label className="checkbox">
          <input type="checkbox" checked={values.tradingEnabled} onChange={(event) => change('tradingEnabled', event.currentTarget.checked)} />
          <span><strong>Allow trading</strong>: off blocks every order{scopeName === 'global' ? '' : ' with this account'}, real or paper.</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={values.paperMode} onChange={(event) => change('paperMode', event.currentTarget.checked)} />
          <span><strong>Paper mode</strong>: simulate every order{scopeName === 'global' ? '' : ' of this account'} at the current price; nothing is sent to the exchange.</span>
        </label>
      </div>

      <Field label="Symbol allow-list" hint="Only these markets may be traded, for example BTC/USDT, ETH/USDT, or the perpetual BTCUSDT.P. Empty: any market.">
        {(control) => <input {...control} className="input input--mono" type="text" autoComplete="off" spellCheck={false} value={values.symbols} placeholder="Any symbol" onChange={(event) => change('symbols', event.currentTarget.value)} />}
      </Field>

      <div className="limits-form__grid">
        <LimitField label="Maximum per order (USD)" hint="The value of one order." error={errors.maxOrderNotionalUsd} value={values.maxOrderNotionalUsd} onChange={(value) => change('maxOrderNotionalUsd', value)} />
        <LimitField label="Maximum per day (USD)" hint="Traded value per UTC day, buys and sells." error={errors.maxDailyNotionalUsd} value={values.maxDailyNotionalUsd} onChange={(value) => change('maxDailyNotionalUsd', value)}>
          <UsageBar label="Traded today" used={usage.dailyNotionalUsd} limit={limitNumber('maxDailyNotionalUsd')} format={formatUsd} />
        </LimitField>
        <LimitField label="Maximum open exposure (USD)" hint="Bought and not yet sold, plus open buy orders." error={errors.maxOpenExposureUsd} value={values.maxOpenExposureUsd} onChange={(value) => change('maxOpenExposureUsd', value)}>
          <UsageBar label="Open now" used={usage.openExposureUsd} limit={limitNumber('maxOpenExposureUsd')} format={formatUsd} />
        </LimitField>
        <LimitField label="Maximum orders per minute" hint="Stops a runaway strategy." error={errors.maxOrdersPerMinute} value={values.maxOrdersPerMinute} onChange={(value) => change('maxOrdersPerMinute', value)} integer>
          <UsageBar label="Last minute" used={usage.ordersLastMinute} limit={limitNumber('maxOrdersPerMinute')} format={formatCount} />
        </LimitField>
        <LimitField label="Maximum leverage (futures)" hint="The most leverage you may set on a perpetual; orders are blocked while the exchange has more. A whole number, such as 5." error={errors.maxLeverage} value={values.maxLeverage} onChange={(value) => change('maxLeverage', value)} integer />
        <LimitField label="Maximum position per symbol (USD, futures)" hint="A perpetual position's full value (price × size), whatever the leverage." error={errors.maxPositionNotionalUsd} value={values.maxPositionNotionalUsd} onChange={(value) => change('maxPositionNotionalUsd', value)} />
        <LimitField label="Price band (%)" hint="A limit price, or an alert's price, further than this from the market is refused: a typo, a stale chart or a forged alert." error={errors.maxPriceDeviationPct} value={values.maxPriceDeviationPct} onChange={(value) => change('maxPriceDeviationPct', value)} placeholder="No band" />
      </div>

      <FormError message={formError} />
      <div className="form-actions">
        {onCancel ? <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button> : null}
        {dirty && !onCancel ? <button type="button" className="button button--secondary" onClick={() => { setValues(saved); setErrors({}); }}><Undo2 size={16} aria-hidden="true" />Undo changes</button> : null}
        <button type="submit" className="button button--primary" disabled={busy || (!dirty && !onCancel)} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : saveLabel}</button>
      </div>
    </form>
  );
}

interface LimitFieldProps {
  readonly label: string;
  readonly hint: string;
  readonly error: string | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly integer?: boolean;
  readonly placeholder?: string;
  readonly children?: ReactNode;
}

function LimitField({ label, hint, error, value, onChange, integer = false, placeholder = 'No limit', children }: LimitFieldProps) {
  return (
    <div className="limit-field">
      <Field label={label} hint={[error ? null : readAsNote(value), hint].filter(Boolean).join('. ')} error={error}>
        {(control) => (
          <input {...control} className="input input--mono" type="text" inputMode={integer ? 'numeric' : 'decimal'} autoComplete="off" placeholder={placeholder} value={value} onChange={(event) => onChange(event.currentTarget.value)} />
        )}
      </Field>
      {children}
    </div>
  );
}

/** Usage against a limit: a bar when there is a limit, the number alone when there is none. */
export function UsageBar({ label, used, limit, format }: { readonly label: string; readonly used: number; readonly limit: number | null; readonly format: (value: number) => string }) {
  const id = useId();
  const share = limit === null ? 0 : used / limit;
  return (
    <div className="usage">
      <div className="usage__text" id={id}>
        <span>{label}</span>
        <span className="mono">
          {format(used)}
          {limit === null ? <span className="muted"> · no limit</span> : <span className="muted"> of {format(limit)}</span>}
        </span>
      </div>
      {limit === null ? null : (
        <meter className={share >= 1 ? 'usage__bar usage__bar--full' : 'usage__bar'} min={0} max={limit} value={Math.min(used, limit)} low={limit * 0.7} high={limit * 0.9} optimum={0} aria-labelledby={id} />
      )}
    </div>
  );
}
