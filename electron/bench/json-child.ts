/** Runs a bench child (a fresh Node process on a bundled entry) and reads the one JSON line it prints. */
import { spawn } from 'node:child_process';
import { repoRoot } from '../testing/test-core';

/** `bench` names the child in the error when it fails (its stderr, trimmed, is the message). */
export function runJsonChild<T>(bench: string, entry: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${bench} child exited with ${code}: ${stderr.trim()}`));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}
