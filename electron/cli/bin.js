#!/usr/bin/env node
// Launcher for the bundled CLI (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../../out/cli/keywarden.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('keywarden: the CLI is not built yet. Run `npm install` (or `npm run build:cli`) first.\n');
  process.exit(1);
}
await import(bundle);
