/**
 * Our bundles carry zod with English messages only: what a person reads when input is refused must
 * be word for word what zod itself says, and the other languages must really be gone (a zod upgrade
 * that moves its locales would otherwise quietly bring back ~366 KB to compile at every start).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot } from '../testing/test-core';
import { zodEnglishOnly } from './zod-english-only.js';

/** Messages zod gives for a few refusals, as a bundle or the zod package would print them. */
const probe = `
import { z } from 'zod';
const schema = z.object({ label: z.string().min(3).max(5), price: z.number().positive(), side: z.enum(['buy', 'sell']), url: z.url() }).strict();
export const messages = schema.safeParse({ label: 'ab', price: -1, side: 'hold', url: 'nope', extra: 1 }).error.issues.map((issue) => issue.path.join('.') + ': ' + issue.message);
export const languages = Object.keys(z.locales);
`;

async function bundledProbe(): Promise<{ messages: string[]; languages: string[]; bytes: number }> {
  const result = await build({
    stdin: { contents: probe, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    plugins: [zodEnglishOnly()],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const loaded = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { messages: string[]; languages: string[] };
  return { ...loaded, bytes: code.length };
}

describe('zod in our bundles', () => {
  it("says exactly what zod says, and keeps no other language's messages", async () => {
    const bundled = await bundledProbe();
    const schema = z.object({ label: z.string().min(3).max(5), price: z.number().positive(), side: z.enum(['buy', 'sell']), url: z.url() }).strict();
    const fromPackage = schema.safeParse({ label: 'ab', price: -1, side: 'hold', url: 'nope', extra: 1 }).error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(bundled.messages).toEqual(fromPackage);
    expect(bundled.messages[0]).toBe('label: Too small: expected string to have >=3 characters');
    expect(bundled.languages).toEqual(['en']);
    // All of zod's classic API with every language is ~750 KB; English only, under 450 KB.
    expect(bundled.bytes).toBeLessThan(450_000);
  });
});
