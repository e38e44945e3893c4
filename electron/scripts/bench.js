// `npm run bench`: the benchmarks in electron/bench, bundled and run with plain Node. stdout carries
// only the benches' JSON lines; extra arguments pick benches by name.
import { runBundled } from './run-bundled.js';

// The child-process entries are bundled next to the runner (core_start and verify_all start fresh processes; webhook
// runs its alert sender and fake exchange in a load process).
await runBundled(['run.ts', 'core-start.child.ts', 'core-start-target.ts', 'core-start-baseline-target.ts', 'core-start-stack-target.ts', 'webhook-load.child.ts', 'webhook-flood.child.ts', 'verify-all.child.ts']);
