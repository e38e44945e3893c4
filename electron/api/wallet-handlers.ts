/** Handlers of the wallet and Polymarket channels (wallet-contract.ts, polymarket-contract.ts): thin calls into the core. */
import { KeywardenError } from '../core/errors';
import type { CredentialInfo } from '../core/credentials/credential-schema';
import type { HandlerMap } from './handler-types';
import type { walletChannels } from './wallet-contract';
import type { polymarketChannels } from './polymarket-contract';

export const walletHandlers: HandlerMap<keyof typeof walletChannels | keyof typeof polymarketChannels> = {
  'polymarket.market': (core, input) => core.polymarket.market(input.market),
  'polymarket.positions': (core, input) => core.polymarket.positions(requirePolymarketAccount(core.credentials.get(input.account))),
  'wallets.balances': (core, input) => core.verifier.walletBalances(input.ref),
  'wallets.settings': (core, input) => core.walletSettings.read(input.ref),
  'credentials.changeSettings': (core, input, { actor }) => core.walletSettings.change(input.ref, input.fields, actor),
  'credentials.exportSecret': (core, input, { actor }) => core.secretExport.export(input.ref, input.vaultPassphrase, actor),
};

/** Positions are a Polymarket account's. */
function requirePolymarketAccount(info: CredentialInfo): CredentialInfo {
  if (info.kind !== 'polymarket') throw new KeywardenError('INVALID_INPUT', `"${info.label}" is not a Polymarket account.`);
  return info;
}
