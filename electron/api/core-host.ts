/**
 * What a host of the core needs: the desktop app's main process and the CLI build the core here,
 * start what runs while it is up, and read what only a host reads (its data folder, the exchange URL
 * overrides in its environment). Transports reach the core only through electron/api (lint zones in
 * eslint.config.js), so this is their one door to the composition root.
 */
export { createCore, type Core, type CoreOptions } from '../core/app';
export type { CoreEvents } from '../core/events';
export { defaultDataFolder } from '../core/data-folder';
export { exchangeUrlOverridesFrom } from '../core/exchanges/exchange-urls';
export { startRuntime, type KeywardenRuntime, type RuntimeReport } from '../core/runtime/keywarden-runtime';
export type { OsKeychainOptions, SafeStorageLike } from '../core/vault/os-keychain-protector';
export type { Vault } from '../core/vault/vault';
// `serve --host` binds the listener where the stored settings never said: it needs the same LAN
// confirmation a settings change does, asked before the passphrase.
export { assertLanConfirmed } from '../core/webhook/webhook-settings';
