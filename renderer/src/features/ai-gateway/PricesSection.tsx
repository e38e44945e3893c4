/**
 * The price table budgets are counted in (gateway.prices.*): US dollars per million input and output
 * tokens per model, for one provider or any. Keywarden's starting examples are marked, since list
 * prices change: the person checks them against the provider's price page. Prices are read by the
 * shared number rule, 0 allowed (a free local model).
 */
import { Save, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { aiProviderIds, aiProviderNames, isAiProviderId } from '../../../../electron/shared/ai-providers';
import { Badge } from '../../components/Badge';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { formatAmount } from '../../format/numbers';
import { readAsNote } from '../../format/typed-number';
import type { ModelPrice } from '../../api/contract-types';
import { useAppStores, useGateway } from '../../stores/store-hooks';
import { readPricePerMTok } from './gateway-presentation';

const providerName = (id: string | null): string => (id === null ? 'Any provider' : isAiProviderId(id) ? aiProviderNames[id] : id);

export function PricesSection() {
  const prices = useGateway((state) => state.prices);
  const { gateway, toasts } = useAppStores();
  if (prices === null) return null;

  async function remove(price: ModelPrice) {
    const result = await gateway.getState().removePrice({ model: price.model, ...(price.provider === null ? {} : { provider: price.provider }) });
    if (!result.ok) return toasts.getState().show('error', result.error.message);
    toasts.getState().show('success', `Removed the price of ${price.model}: its calls have no known cost, and are refused under a budget.`);
  }

  return (
    <Section
      title="Prices"
      description="US dollars per million tokens, per model: what budgets and costs are counted in. A model without a price is refused under a budget. Examples are list prices Keywarden started with: check them on the provider’s price page."
    >
      <PriceForm />
      {prices.length > 0 ? (
        <div className="table-frame table-frame--flat">
          <table className="data-table usage-table">
            <caption className="visually-hidden">Prices of models, in US dollars per million tokens</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Provider</th>
                <th scope="col">Input</th>
                <th scope="col">Output</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {prices.map((price) => (
                <tr key={`${price.provider ?? '*'}:${price.model}`}>
                  <th scope="row"><span className="mono">{price.model}</span> {price.example ? <Badge tone="warning">Example</Badge> : null}</th>
                  <td>{providerName(price.provider)}</td>
                  <td className="data-table__nowrap">${formatAmount(price.inputUsdPerMTok)}</td>
                  <td className="data-table__nowrap">${formatAmount(price.outputUsdPerMTok)}</td>
                  <td className="data-table__actions">
                    <button type="button" className="button button--danger-quiet button--small" onClick={() => void remove(price)} aria-label={`Remove the price of ${price.model} (${providerName(price.provider)})`}><Trash2 size={14} aria-hidden="true" />Remove</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="muted">No prices: calls are recorded without a cost.</p>}
    </Section>
  );
}

/** Sets one model's price; the same model and provider again replaces it. */
function PriceForm() {
  const { gateway, toasts } = useAppStores();
  const [model, setModel] = useState('');
  const [provider, setProvider] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [errors, setErrors] = useState<{ model?: string; input?: string; output?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const inputRead = readPricePerMTok(input, 'The input price');
    const outputRead = readPricePerMTok(output, 'The output price');
    const found = {
      ...(model.trim() === '' ? { model: 'Name the model as programs write it, such as gpt-4o-mini.' } : {}),
      ...(inputRead.ok ? {} : { input: inputRead.message }),
      ...(outputRead.ok ? {} : { output: outputRead.message }),
    };
    setErrors(found);
    setFormError(null);
    if (!inputRead.ok || !outputRead.ok || found.model || inputRead.value === null || outputRead.value === null) return;
    setBusy(true);
    const result = await gateway.getState().setPrice({ model: model.trim(), ...(provider === '' ? {} : { provider }), inputUsdPerMTok: inputRead.value, outputUsdPerMTok: outputRead.value });
    setBusy(false);
    if (!result.ok) return setFormError(result.error.message);
    toasts.getState().show('success', `Saved the price of ${model.trim()}.`);
    setModel('');
    setInput('');
    setOutput('');
  }

  return (
    <form className="stack" aria-label="Set a model’s price" onSubmit={(event) => void submit(event)} noValidate>
      <div className="inline-form">
        <Field label="Model" error={errors.model}>
          {(control) => <input {...control} className="input input--mono" type="text" autoComplete="off" spellCheck={false} placeholder="gpt-4o-mini" value={model} onChange={(event) => { setModel(event.currentTarget.value); setErrors((current) => ({ ...current, model: undefined })); }} />}
        </Field>
        <Field label="Provider">
          {(control) => (
            <select {...control} className="input select" value={provider} onChange={(event) => setProvider(event.currentTarget.value)}>
              <option value="">Any provider</option>
              {aiProviderIds.map((id) => <option key={id} value={id}>{aiProviderNames[id]}</option>)}
            </select>
          )}
        </Field>
        <Field label="Input (USD per million tokens)" error={errors.input} hint={readAsNote(input) ?? undefined}>
          {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder="0.15" value={input} onChange={(event) => { setInput(event.currentTarget.value); setErrors((current) => ({ ...current, input: undefined })); }} />}
        </Field>
        <Field label="Output (USD per million tokens)" error={errors.output} hint={readAsNote(output) ?? undefined}>
          {(control) => <input {...control} className="input input--mono" type="text" inputMode="decimal" autoComplete="off" placeholder="0.60" value={output} onChange={(event) => { setOutput(event.currentTarget.value); setErrors((current) => ({ ...current, output: undefined })); }} />}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy}><Save size={16} aria-hidden="true" />{busy ? 'Saving…' : 'Set price'}</button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
