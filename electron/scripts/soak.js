// `npm run soak`: the long soak (default 5,000 alerts at 50 per second). Arguments: --alerts N --rate R.
import { runBundled } from './run-bundled.js';

// The fake exchange's process entry is bundled beside it.
await runBundled(['soak-run.ts', 'webhook-load.child.ts']);
