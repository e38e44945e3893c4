/**
 * What Keywarden knows about each tunnel client: the exact command line (an argument array, never a
 * shell), how to read the public https address from what it prints, which header carries the real
 * sender, and how to install it per OS. Output formats, as the real tools print them:
 *  - cloudflared (quick tunnel, cmd/cloudflared/tunnel/quick_tunnel.go): an ASCII box on stderr,
 *    `... INF |  https://<words>.trycloudflare.com  |`.
 *  - ngrok (`--log stdout --log-format json`): one JSON object a line; the line with
 *    `"msg":"started tunnel"` has `"url":"https://…"` (logfmt `url=https://…` is read too).
 *  - tailscale funnel <port> (1.52+): `Available on the internet:`, a blank line, `https://<node>.<tailnet>.ts.net/`.
 */
import type { TunnelTool } from './tunnel-schema';

export interface TunnelToolSpec {
  readonly tool: TunnelTool;
  readonly name: string;
  readonly command: string;
  readonly needsAccount: boolean;
  args(port: number): string[];
  /** The public https base URL in one line of output, or null. */
  publicUrl(line: string): string | null;
  /** Where the tunnel puts the real sender's address: its own header, or the last X-Forwarded-For entry it appended. */
  readonly senderHeader: 'cf-connecting-ip' | 'x-forwarded-for';
  installHint(platform: NodeJS.Platform): string;
}

const cloudflared: TunnelToolSpec = {
  tool: 'cloudflared',
  name: 'Cloudflare Tunnel (cloudflared)',
  command: 'cloudflared',
  needsAccount: false,
  args: (port) => ['tunnel', '--url', `http://127.0.0.1:${port}`],
  publicUrl: (line) => httpsBase(/https:\/\/[a-z0-9-]+\.trycloudflare\.com\b/i.exec(line)?.[0]),
  senderHeader: 'cf-connecting-ip',
  installHint: (platform) =>
    platform === 'darwin' ? 'Install it with Homebrew: brew install cloudflared'
      : platform === 'win32' ? 'Install it with winget: winget install --id Cloudflare.cloudflared'
        : 'Install the cloudflared package from Cloudflare (https://pkg.cloudflare.com, e.g. sudo apt install cloudflared) or the binary from github.com/cloudflare/cloudflared/releases',
};

const ngrok: TunnelToolSpec = {
  tool: 'ngrok',
  name: 'ngrok',
  command: 'ngrok',
  needsAccount: true,
  args: (port) => ['http', String(port), '--log', 'stdout', '--log-format', 'json'],
  publicUrl: (line) => {
    if (!line.includes('started tunnel')) return null;
    try {
      const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
      return entry.msg === 'started tunnel' && typeof entry.url === 'string' ? httpsBase(entry.url) : null;
    } catch {
      return httpsBase(/\burl=(\S+)/.exec(line)?.[1]);
    }
  },
  senderHeader: 'x-forwarded-for',
  installHint: (platform) =>
    (platform === 'darwin' ? 'Install it with Homebrew: brew install ngrok'
      : platform === 'win32' ? 'Install it with winget: winget install ngrok.ngrok'
        : 'Install it from ngrok.com/download (or sudo snap install ngrok)') + ', then sign in once: ngrok config add-authtoken <your ngrok token>',
};

const tailscale: TunnelToolSpec = {
  tool: 'tailscale',
  name: 'Tailscale Funnel',
  command: 'tailscale',
  needsAccount: true,
  args: (port) => ['funnel', String(port)],
  publicUrl: (line) => httpsBase(/^\s*(https:\/\/[a-z0-9.-]+\.ts\.net)\/?\s*$/i.exec(line)?.[1]),
  senderHeader: 'x-forwarded-for',
  installHint: (platform) =>
    (platform === 'darwin' ? 'Install Tailscale from the Mac App Store or tailscale.com/download'
      : platform === 'win32' ? 'Install Tailscale from tailscale.com/download (or winget install tailscale.tailscale)'
        : 'Install it: curl -fsSL https://tailscale.com/install.sh | sh') + ', sign in (tailscale up) and turn Funnel on for your tailnet',
};

export const tunnelTools: Readonly<Record<TunnelTool, TunnelToolSpec>> = { cloudflared, ngrok, tailscale };

/** Only https on the default port, without path: what TradingView can deliver to. */
function httpsBase(candidate: string | undefined): string | null {
  if (!candidate) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' && url.port === '' ? `https://${url.hostname}` : null;
  } catch {
    return null;
  }
}
