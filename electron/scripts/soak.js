// `npm run soak`: the long soak (default 5,000 alerts at 50 per second). Arguments: [alerts] [rate].
import { runBundled } from './run-bundled.js';

await runBundled(['soak-run.ts']);
