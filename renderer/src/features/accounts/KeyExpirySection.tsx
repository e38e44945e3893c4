/**
 * A key's own expiry date (issue 17), for every kind of key: set, change or remove it. From that
 * day (UTC) Keywarden no longer uses or hands out the key; the reminder (electron/shared/key-warnings.ts)
 * shows two weeks before, at the top of the page and on the key's card.
 */
import { useState, type FormEvent } from 'react';
import { Section } from '../../components/Section';
import type { CredentialInfo } from '../../api/contract-types';
import { useAppStores } from '../../stores/store-hooks';
import { expiryDay, readExpiryDate } from '../../../../electron/shared/expiry-date';
import { ExpiryDateField } from './ExpiryDateField';
import { expiryLines } from './expiry-presentation';

interface KeyExpirySectionProps {
  readonly credential: CredentialInfo;
  readonly providerName: string;
}

export function KeyExpirySection({ credential, providerName }: KeyExpirySectionProps) {
  const { credentials, toasts } = useAppStores();
  const own = credential.ownExpiresAt;
  const [text, setText] = useState(own === null ? '' : expiryDay(own));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);

  async function change(expiresAt: number | null) {
    setBusy(expiresAt === null ? 'remove' : 'save');
    setError(null);
    const result = await credentials.getState().update({ ref: credential.id, expiresAt });
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    if (expiresAt === null) setText('');
    toasts.getState().show('success', expiresAt === null ? `“${credential.label}” has no expiry date any more.` : `“${credential.label}” expires on ${expiryDay(expiresAt)}.`);
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reading = readExpiryDate(text, Date.now());
    if (!reading.ok) return setError(reading.message);
    if (reading.value === own) return setError(null);
    void change(reading.value);
  }

  return (
    <Section title="Expiry date" description="The day Keywarden stops using this key, whatever its provider says: for a key you need only for a while, or as a deadline to replace it.">
      <div className="stack stack--narrow">
        {expiryLines(credential, providerName, Date.now()).map((line) => <p key={line}>{line}</p>)}
      </div>
      <form className="inline-form inline-form--compact" onSubmit={save} noValidate>
        <ExpiryDateField
          label={own === null ? 'Expiry date' : 'New expiry date'}
          hint={null}
          value={text}
          error={error}
          onChange={(value) => {
            setText(value);
            setError(null);
          }}
        />
        <button type="submit" className="button button--secondary" disabled={busy !== null} aria-busy={busy === 'save'}>
          {busy === 'save' ? 'Saving…' : own === null ? 'Set expiry date' : 'Change date'}
        </button>
        {own !== null ? (
          <button type="button" className="button button--quiet" disabled={busy !== null} aria-busy={busy === 'remove'} onClick={() => void change(null)}>
            {busy === 'remove' ? 'Removing…' : 'Remove date'}
          </button>
        ) : null}
      </form>
    </Section>
  );
}
