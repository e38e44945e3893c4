/**
 * Runs a TypeScript entry file as a separate Node process, for tests that kill a process half way
 * (SIGKILL: no cleanup, no finally blocks) and check what survives on disk. The entry is bundled
 * with esbuild first, the same way the CLI is, because plain Node cannot run TypeScript.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './test-core';

export async function bundleChildEntry(entry: string): Promise<string> {
  // Inside the repo (out/ is ignored) so that ESM resolution finds node_modules, and two levels
  // deep like the CLI bundle so that paths derived from import.meta.url agree.
  const folder = path.join(repoRoot, 'out', 'test-children');
  mkdirSync(folder, { recursive: true });
  const outfile = `${mkdtempSync(path.join(folder, `${path.basename(entry, '.ts')}-`))}.mjs`;
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return outfile;
}

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the bundled child; `result` settles when it ends (or dies). A hard time limit kills it. */
export function spawnChild(bundle: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): { child: ChildProcess; result: Promise<ChildResult> } {
  const child = spawn(process.execPath, [bundle, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = new Promise<ChildResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not finish within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, result };
}

/** Runs the bundled child to its end (or its death), with a hard time limit. */
export function runChild(bundle: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<ChildResult> {
  return spawnChild(bundle, args, env, timeoutMs).result;
}
