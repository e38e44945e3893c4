/** Handlers of the wallet and Polymarket channels (wallet-contract.ts): thin calls into the core. */
import type { HandlerMap } from './handler-types';
import type { walletChannels } from './wallet-contract';

export const walletHandlers: HandlerMap<keyof typeof walletChannels> = {
  'wallets.balances': (core, input) => core.verifier.walletBalances(input.ref),
  'credentials.exportSecret': (core, input, { actor }) => core.secretExport.export(input.ref, input.vaultPassphrase, actor),
};
