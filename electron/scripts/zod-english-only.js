// An esbuild plugin for every bundle that carries zod: its locales index (`z.locales`, every language's
// messages, ~366 KB of the ~750 KB of zod in a bundle) becomes one that holds English only. `z` is a
// namespace that re-exports `locales`, so esbuild cannot drop the languages by itself, and V8 compiled
// them at every start (issue 22). Zod's default messages come from locales/en.js, which its schemas
// import directly: what users read does not change. `z.locales.fr` and the like are undefined in a
// bundle; nothing of ours sets a locale.
import path from 'node:path';

const ENGLISH_ONLY = 'zod-english-only';

export function zodEnglishOnly() {
  return {
    name: ENGLISH_ONLY,
    setup(pluginBuild) {
      // zod/v4/classic, zod/v4/core and zod/v4/mini all import their locales as `../locales/index.js`.
      pluginBuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
        if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
        return { path: path.resolve(args.resolveDir, args.path), namespace: ENGLISH_ONLY };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: ENGLISH_ONLY }, (args) => ({
        contents: 'export { default as en } from "./en.js";\n',
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }));
    },
  };
}
