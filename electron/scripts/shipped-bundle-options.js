// What every esbuild bundle of ours that runs under Node or Electron's main process gets: the CLI, the
// Electron main process and the bench/soak builds. One object, so the benches measure what ships.
// - externals: see bundle-externals.js;
// - zod with English messages only: see zod-english-only.js;
// - whitespace and syntax minified: ~370 KB less for V8 to scan at every core start (issue 22: ~2 ms of
//   core_start). Identifiers are kept, so function and class names in a stack trace read as in the
//   source; our errors' names are string literals anyway (core/errors.ts). Source maps stay as each
//   build has them.
import { bundleExternals } from './bundle-externals.js';
import { zodEnglishOnly } from './zod-english-only.js';

export const shippedBundleOptions = Object.freeze({
  external: bundleExternals,
  plugins: [zodEnglishOnly()],
  minifyWhitespace: true,
  minifySyntax: true,
});
