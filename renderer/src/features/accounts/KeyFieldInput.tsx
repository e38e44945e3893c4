/**
 * One field of an exchange key (API key, secret, passphrase…), checked as it is typed. Secret and
 * private-key fields can switch to a multi-line box for key files (Ed25519 / RSA), which a one-line
 * input would silently flatten.
 */
import { useState, type ReactNode } from 'react';
import { SecretInput } from '../../components/SecretInput';
import type { CredentialFieldName, ExchangeInfo } from '../../api/contract-types';
import { fieldLabels, keyFileFields, revealedFields } from './field-labels';

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
        label={fieldLabels[field]}
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
  if (exchange.id === 'binance' && field === 'apiKey') return '64 letters and digits, from API Management.';
  if (exchange.id === 'bybit' && field === 'apiKey') return '18 letters and digits for keys Bybit generates.';
  if (field === 'secret') return `${exchange.name} shows the secret only once, when the key is created.`;
  if (field === 'password') return 'The passphrase you chose when you created the key on the exchange (not your login password).';
  return null;
}
