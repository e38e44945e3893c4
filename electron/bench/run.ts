/**
 * `npm run bench`: runs every benchmark on the real core and prints one JSON line per bench on
 * stdout, nothing else (progress goes to stderr). `npm run bench -- retrieve verify_all` runs some.
 * To add a bench: write electron/bench/<name>.bench.ts exporting a Bench, and list it below.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { proxyOverheadBench } from './ai-gateway.bench';
import type { Bench, BenchContext } from './bench-types';
import { agentRssIdleBench, cliListAgentBench, cliVerifyAgentBench, runOverheadBench } from './cli-agent.bench';
import { coldCodeBench } from './cold-code.bench';
import { coreStartBench } from './core-start.bench';
import { dbGrowthBench } from './db-growth.bench';
import { retrieveKdfPerCallBench } from './retrieve-kdf-per-call.bench';
import { retrieveBench } from './retrieve.bench';
import { rotateVaultKeyBench } from './rotate-vault-key.bench';
import { unlockPassphraseBench } from './unlock-passphrase.bench';
import { verifyAllBench } from './verify-all.bench';
import { webhookBench, webhookBridgeFloorBench, webhookUnderFloodBench } from './webhook.bench';
import { webhookFloodBench } from './webhook-flood.bench';
import { round } from './stats';

const benches: readonly (readonly [string, Bench])[] = [
  ['core_start', coreStartBench],
  ['retrieve', retrieveBench],
  ['retrieve_kdf_per_call', retrieveKdfPerCallBench],
  ['verify_all', verifyAllBench],
  ['webhook', webhookBench],
  ['webhook_under_flood', webhookUnderFloodBench],
  ['webhook_bridge_floor', webhookBridgeFloorBench],
  ['webhook_flood', webhookFloodBench],
  ['db_bytes_per_alert', dbGrowthBench],
  ['rotate_vault_key', rotateVaultKeyBench],
  ['unlock_passphrase', unlockPassphraseBench],
  ['cli_list_agent', cliListAgentBench],
  ['cli_verify_agent', cliVerifyAgentBench],
  ['run_overhead', runOverheadBench],
  ['agent_rss_idle', agentRssIdleBench],
  ['proxy_overhead', proxyOverheadBench],
  ['cold_code', coldCodeBench],
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !benches.some(([known]) => known === name));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown bench ${unknown.join(', ')}. Known: ${benches.map(([name]) => name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const folders: string[] = [];
  const context: BenchContext = {
    log: (message) => process.stderr.write(`${message}\n`),
    tempHome: (prefix) => {
      const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
      folders.push(folder);
      return folder;
    },
    bundleDir: path.dirname(fileURLToPath(import.meta.url)),
  };
  const started = performance.now();
  try {
    for (const [name, bench] of benches) {
      if (wanted.length > 0 && !wanted.includes(name)) continue;
      context.log(`bench ${name}…`);
      const benchStarted = performance.now();
      const line = await bench(context);
      // The machine is shared: each line says how busy it was (1-minute load average, and its cores).
      process.stdout.write(`${JSON.stringify({ ...line, load_1m: round(os.loadavg()[0] ?? 0), cores: os.cpus().length })}\n`);
      context.log(`  done in ${Math.round(performance.now() - benchStarted)} ms`);
    }
  } finally {
    // KEYWARDEN_BENCH_KEEP=1 keeps the benches' files to look into (a growth regression, a slow query).
    if (process.env.KEYWARDEN_BENCH_KEEP === '1') context.log(`kept: ${folders.join(' ')}`);
    else for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
  context.log(`all benches: ${Math.round((performance.now() - started) / 1000)} s`);
}

await main();
