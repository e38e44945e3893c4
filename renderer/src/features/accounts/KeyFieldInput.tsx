/**
 * One field of an exchange key (API key, secret, passphrase…), checked as it is typed. Secret and
 * private-key fields can switch to a multi-line box for key files (Ed25519 / RSA), which a one-line
 * input would silently flatten.
 */
import { useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { SecretInput } from '../../components/SecretInput';
import type { CredentialFieldName, ExchangeInfo } from '../../api/contract-types';
import { checkKeyField } from './field-checks';
import { fieldTitle } from '../../../../electron/shared/credential-field-labels';
import { apiKeyHint } from '../../../../electron/shared/key-formats';
import { keyFileFields, revealedFields } from './key-field-presentation';

type KeyFieldErrors = Partial<Record<CredentialFieldName, string>>;

interface KeyFieldsetProps<E extends KeyFieldErrors> {
  readonly exchange: ExchangeInfo;
  readonly legend: string;
  /** The form's field errors; the key fields' own are set and cleared as they are typed. */
  readonly errors: E;
  readonly setErrors: Dispatch<SetStateAction<E>>;
}

/** Every field of a key for `exchange` (adding a key, rotating one), each checked as it is typed. */
export function KeyFieldset<E extends KeyFieldErrors>({ exchange, legend, errors, setErrors }: KeyFieldsetProps<E>) {
  return (
    <fieldset className="inset-box inset-box--roomy">
      <legend className="key-fields__legend">{legend}</legend>
      {exchange.fields.map((field) => (
        <KeyFieldInput
          key={field}
          exchange={exchange}
          field={field}
          error={errors[field]}
          onValueChange={(changed, value) => {
            const problem = checkKeyField(exchange, changed, value, false);
            setErrors((current) => {
              const { [changed]: _dropped, ...rest } = current;
              return (problem ? { ...rest, [changed]: problem } : rest) as E;
            });
          }}
        />
      ))}
    </fieldset>
  );
}

interface KeyFieldInputProps {
  readonly exchange: ExchangeInfo;
  readonly field: CredentialFieldName;
  readonly error: string | null | undefined;
  readonly onValueChange: (field: CredentialFieldName, value: string) => void;
}

export function KeyFieldInput({ exchange, field, error, onValueChange }: KeyFieldInputProps) {
  const [keyFile, setKeyFile] = useState(false);
  const canBeKeyFile = keyFileFields.has(field);
  return (
    <div className="key-field">
      <SecretInput
        key={keyFile ? 'file' : 'line'}
        name={field}
        label={fieldTitle(field)}
        reveal={revealedFields.has(field)}
        multiline={keyFile}
        error={error}
        hint={fieldHint(exchange, field, keyFile)}
        onValueChange={(value) => onValueChange(field, value)}
      />
      {canBeKeyFile ? (
        <label className="checkbox checkbox--small">
          <input type="checkbox" checked={keyFile} onChange={(event) => { setKeyFile(event.currentTarget.checked); onValueChange(field, ''); }} />
          <span>This is a private key file (Ed25519 or RSA key)</span>
        </label>
      ) : null}
    </div>
  );
}

function fieldHint(exchange: ExchangeInfo, field: CredentialFieldName, keyFile: boolean): ReactNode {
  if (keyFile) return 'Paste the whole file, from -----BEGIN PRIVATE KEY----- to the END line.';
  const formatHint = field === 'apiKey' ? apiKeyHint(exchange.id) : null;
  if (formatHint !== null) return formatHint;
  if (field === 'secret') return `${exchange.name} shows the secret only once, when the key is created.`;
  if (field === 'password') return 'The passphrase you chose when you created the key on the exchange (not your login password).';
  return null;
}
