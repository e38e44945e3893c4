// Types for scripts/zod-english-only.js (used by its test).
import type { Plugin } from 'esbuild';

export declare function zodEnglishOnly(): Plugin;
