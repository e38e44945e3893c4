/**
 * Revoking, named for what it does (issue 21: traders read "revoke" as done on the exchange). It
 * destroys Keywarden's copy of the key; the key itself works on the exchange until it is deleted
 * there, so the section says where (the exchange's key page, to open in a browser).
 */
import { Ban } from 'lucide-react';
import type { CredentialInfo } from '../../api/contract-types';
import { Section } from '../../components/Section';
import { exchangeKeyPage } from '../../../../electron/shared/exchange-key-pages';
import { AiKeyRevokeNote } from '../ai-keys/AiKeyRevokeNote';
import { KeysPageAddress } from '../ai-keys/KeysPageAddress';

export function RevokeKeySection({ credential, providerName, onRevoke }: { readonly credential: CredentialInfo; readonly providerName: string; readonly onRevoke: () => void }) {
  const trades = credential.kind === 'exchange';
  const keyPage = trades ? exchangeKeyPage(credential.provider, credential.environment) : null;
  return (
    <Section
      title="Revoke in Keywarden"
      tone="danger"
      description="Destroys Keywarden’s copy of the key’s secret and stops every use of it through Keywarden. The record and its history stay. This cannot be undone."
      actions={<button type="button" className="button button--danger-quiet" onClick={onRevoke}><Ban size={16} aria-hidden="true" />Revoke in Keywarden…</button>}
    >
      {trades ? (
        <div className="stack stack--narrow">
          <p className="muted small">
            Revoking does <strong>not</strong> delete the key on {providerName}: it keeps working there, for anyone holding a copy, until you delete it on {providerName}’s API management page{keyPage ? ':' : '.'}
          </p>
          {keyPage ? <KeysPageAddress address={keyPage} providerName={providerName} /> : null}
        </div>
      ) : <AiKeyRevokeNote provider={credential.provider} providerName={providerName} />}
    </Section>
  );
}
