/**
 * How to create a narrow key on the chosen AI provider, next to the form: its keys page, its steps
 * (from the core's guides: restricted permissions, one project, a spending cap on the provider's
 * side, since Keywarden cannot limit what a program spends with a key), and the variables programs
 * usually read the key from.
 */
import type { AiProviderInfo } from '../../api/contract-types';
import { fieldLabels } from '../../../../electron/shared/credential-field-labels';
import { KeysPageAddress } from './KeysPageAddress';

export function AiKeyCreationHelp({ provider }: { readonly provider: AiProviderInfo | null }) {
  const name = provider?.name ?? 'your AI provider';
  const variables = provider === null ? [] : provider.fields.flatMap((field) => {
    const names = provider.env[field.name] ?? [];
    return names.length === 0 ? [] : [{ field: field.name, names }];
  });
  return (
    <aside className="help-panel" aria-labelledby="ai-key-help-title">
      <h2 className="help-panel__title" id="ai-key-help-title">Creating a narrow key on {name}</h2>
      <ul className="rules" aria-label="A narrow key">
        <li className="rules__item rules__item--on">Permissions: <strong>only what programs use</strong></li>
        <li className="rules__item rules__item--on">Spending cap: <strong>on</strong></li>
      </ul>
      {provider?.keysPage ? (
        <div className="help-panel__text">
          <p>Keys are created at:</p>
          <KeysPageAddress address={provider.keysPage} providerName={provider.name} />
        </div>
      ) : null}
      {provider && provider.steps.length > 0 ? (
        <ol className="help-panel__steps">
          {provider.steps.map((step) => <li key={step}>{step}</li>)}
        </ol>
      ) : (
        <p className="help-panel__text">
          Create a key that can use only the models your programs need, and set a spending limit on the provider’s side: Keywarden keeps the key safe, but cannot cap what a program spends with it.
        </p>
      )}
      {variables.length > 0 ? (
        <p className="help-panel__text muted">
          Programs usually read {variables.map((entry, index) => (
            <span key={entry.field}>
              {index > 0 ? '; ' : ''}
              {entry.field === 'apiKey' ? 'the key' : `the ${fieldLabels[entry.field]}`} from {entry.names.map((name, at) => (
                <span key={name}>{at > 0 ? ' or ' : ''}<span className="mono">{name}</span></span>
              ))}
            </span>
          ))}. <span className="mono">keywarden run</span> can put it there for them.
        </p>
      ) : null}
    </aside>
  );
}
