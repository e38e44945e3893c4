/**
 * What a CLI process needs to hold the vault itself. cli-session.ts loads it with import() only when
 * no agent answers (or the command is a host), so a command the agent serves never loads the core.
 */
export { createCore, exchangeUrlOverridesFrom, type Core } from '../api/core-host';
export { invokeChannel } from '../api/handlers';
