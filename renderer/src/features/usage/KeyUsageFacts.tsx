/**
 * On a key's page: its uses over the usage period (usage.report), by what used it and how many
 * failed; for an AI key also the tokens and cost of its calls through the AI gateway.
 */
import { useEffect } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { useAppStores, useUsage } from '../../stores/store-hooks';
import { Fact } from '../accounts/Fact';
import { costText, tokensText, useSourcesOf, usesText } from './usage-presentation';

export function KeyUsageFacts({ credential }: { readonly credential: Pick<CredentialInfo, 'id' | 'kind'> }) {
  const { usage } = useAppStores();
  const line = useUsage((state) => state.report?.keys.find((key) => key.id === credential.id) ?? null);
  const days = useUsage((state) => state.days);

  useEffect(() => {
    void usage.getState().load();
  }, [usage]);

  if (line === null) return null;
  return (
    <dl className="facts" aria-label={`Uses in the last ${days} days`}>
      {useSourcesOf(credential.kind).map((entry) => <Fact key={entry.source} name={`${entry.label}, last ${days} days`} value={usesText(line[entry.source])} />)}
      {credential.kind === 'ai' ? (
        <>
          <Fact name={`Tokens, last ${days} days`} value={tokensText(line)} />
          <Fact name={`Cost, last ${days} days`} value={costText(line.costUsd)} />
        </>
      ) : null}
    </dl>
  );
}
