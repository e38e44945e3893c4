/**
 * The core_start child: a fresh Node process that loads the core (timed from here, so module
 * loading counts), starts it on the data folder in argv[2], and prints one JSON line. This entry
 * imports nothing at run time (the import below is a type), so nothing loads before the clock starts.
 */
import type { startCore as StartCore } from './core-start-target';

const started = performance.now();
const home = process.argv[2];
if (!home) throw new Error('usage: core-start.child <home>');
// argv[3] picks what starts: 'baseline', the bare driver + migrations (core-start-baseline-target.ts);
// 'stack', the least an app on the mandated stack does (core-start-stack-target.ts); else the core.
const targets: Readonly<Record<string, string>> = { baseline: './core-start-baseline-target.js', stack: './core-start-stack-target.js' };
const target = new URL(targets[process.argv[3] ?? ''] ?? './core-start-target.js', import.meta.url).href;
const { startCore } = (await import(target)) as { startCore: typeof StartCore };
const loaded = performance.now();
const { credentials, ccxtLoaded } = await startCore(home);
const ready = performance.now();
process.stdout.write(`${JSON.stringify({ ms: ready - started, loadMs: loaded - started, processMs: ready, credentials, ccxtLoaded })}\n`);
