/**
 * The data folder alone, for a transport that must know it before it loads the core: the CLI finds
 * the agent's socket there without importing core-host (and with it the whole core).
 */
export { defaultDataFolder } from '../core/data-folder';
