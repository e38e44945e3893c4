/** Keys as the account picker lists them: label, then exchange, live or testnet, and the one state word. */
import type { CredentialInfo } from '../../api/contract-types';
import type { PickableAccount } from '../../components/AccountPicker';
import { keyStateWord } from '../../../../electron/shared/key-vocabulary';

export function pickableAccounts(accounts: readonly CredentialInfo[], exchanges: readonly { readonly id: string; readonly name: string }[] | null): PickableAccount[] {
  return accounts.map((account) => ({
    id: account.id,
    label: account.label,
    meta: `${exchanges?.find((exchange) => exchange.id === account.provider)?.name ?? account.provider} · ${account.environment === 'live' ? 'Live' : 'Testnet'} · ${keyStateWord(account)}`,
  }));
}
