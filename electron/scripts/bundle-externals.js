// Which packages our bundles leave to node_modules, shared by the CLI, Electron main and bench builds.
// Everything else (zod, drizzle-orm) is bundled: loading them as hundreds of separate ES modules
// was most of the core's start-up time.
// - better-sqlite3: a native addon (and Electron needs its own build of it);
// - ccxt: large, and imported lazily so that start-up never pays for it;
// - commander: CommonJS that requires Node built-ins, which an ESM bundle cannot inline;
// - electron: provided by the runtime.
export const bundleExternals = ['better-sqlite3', 'ccxt', 'commander', 'electron'];
