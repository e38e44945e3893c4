/**
 * Puts fake `cloudflared`, `ngrok` and `tailscale` executables (shebang scripts running
 * fake-tunnel.cjs) in a fresh folder, for a test to put first on PATH. Used by tests only.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TunnelTool } from '../../core/webhook/tunnels/tunnel-schema';

export interface FakeTunnelState { readonly pid: number; readonly port: number; readonly publicUrl: string }

export interface FakeTunnels {
  readonly bin: string;
  /** What the fake running as `tool` wrote when it started (its pid, its loopback "public" port, its URL). */
  state(tool: TunnelTool): FakeTunnelState;
  /** From now on, `tool` fails at start (as when the real one cannot reach its service). */
  failNextStarts(tool: TunnelTool, fail: boolean): void;
  remove(): void;
}

export function installFakeTunnels(tools: readonly TunnelTool[] = ['cloudflared', 'ngrok', 'tailscale']): FakeTunnels {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'kw-fake-tunnels-'));
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-tunnel.cjs');
  for (const tool of tools) {
    writeFileSync(path.join(bin, tool), `#!/usr/bin/env node\nprocess.env.FAKE_TUNNEL_TOOL = ${JSON.stringify(tool)};\nprocess.argv[1] = __filename;\nrequire(${JSON.stringify(script)});\n`, { mode: 0o755 });
  }
  return {
    bin,
    state: (tool) => JSON.parse(readFileSync(path.join(bin, `${tool}.state.json`), 'utf8')) as FakeTunnelState,
    failNextStarts: (tool, fail) => {
      const marker = path.join(bin, `${tool}.fail`);
      if (fail) writeFileSync(marker, '');
      else if (existsSync(marker)) rmSync(marker);
    },
    remove: () => rmSync(bin, { recursive: true, force: true }),
  };
}
