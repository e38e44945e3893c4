/**
 * Which keys the Accounts list shows and in what order (issue 21: 30 keys made a 12-screen page with
 * no search, filter or sort). Pure, so 1,000 keys are filtered in one pass the tests can check.
 */
import type { CredentialInfo } from '../../api/contract-types';
import { keyState, keyStates, type KeyState } from '../../../../electron/shared/key-vocabulary';

export const keySorts = ['state', 'label', 'exchange', 'last-verified', 'added'] as const;
export type KeySort = (typeof keySorts)[number];
export const keySortWords: Readonly<Record<KeySort, string>> = {
  state: 'Most urgent first',
  label: 'Label (A–Z)',
  exchange: 'Exchange',
  'last-verified': 'Last verified',
  added: 'Newest first',
};

export interface KeyListQuery {
  readonly text: string;
  readonly exchange: string;
  readonly environment: 'all' | 'live' | 'testnet';
  readonly state: 'all' | KeyState;
  readonly sort: KeySort;
}

export const allKeys: KeyListQuery = { text: '', exchange: 'all', environment: 'all', state: 'all', sort: 'state' };

const byLabel = (a: CredentialInfo, b: CredentialInfo) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base', numeric: true });

/** The keys that match, sorted; `exchangeName` turns a provider id into the name people search for. */
export function visibleKeys(items: readonly CredentialInfo[], query: KeyListQuery, exchangeName: (provider: string) => string): CredentialInfo[] {
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = items.filter((item) => {
    if (query.exchange !== 'all' && item.provider !== query.exchange) return false;
    if (query.environment !== 'all' && item.environment !== query.environment) return false;
    if (query.state !== 'all' && keyState(item) !== query.state) return false;
    if (words.length === 0) return true;
    // Label, exchange, environment and the public parts people recognise a key by (never a secret: the list has none).
    const haystack = `${item.label} ${exchangeName(item.provider)} ${item.provider} ${item.environment} ${item.preview} ${item.fingerprint}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  return matches.sort(comparator(query.sort, exchangeName));
}

function comparator(sort: KeySort, exchangeName: (provider: string) => string): (a: CredentialInfo, b: CredentialInfo) => number {
  switch (sort) {
    case 'label': return byLabel;
    case 'exchange': return (a, b) => exchangeName(a.provider).localeCompare(exchangeName(b.provider)) || byLabel(a, b);
    case 'last-verified': return (a, b) => (b.lastVerifiedAt ?? -1) - (a.lastVerifiedAt ?? -1) || byLabel(a, b);
    case 'added': return (a, b) => b.createdAt - a.createdAt || byLabel(a, b);
    case 'state': return (a, b) => keyStates.indexOf(keyState(a)) - keyStates.indexOf(keyState(b)) || byLabel(a, b);
  }
}

/** The key to show when the page opens: one added since it was last shown, else the one shown last, else the newest. */
export function initialSelection(items: readonly CredentialInfo[], remembered: { readonly id: string | null; readonly at: number }): string | null {
  if (items.length === 0) return null;
  const newest = items.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  if (newest.createdAt > remembered.at) return newest.id;
  if (remembered.id !== null && items.some((item) => item.id === remembered.id)) return remembered.id;
  return newest.id;
}
