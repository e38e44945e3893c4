/**
 * Contract channels of the tunnel in front of the webhook listener (core/webhook/tunnels/): its
 * live status and URL, the installed tools with install hints, and the choice. Spread into `contract`.
 */
import { z } from 'zod';
import { PublicBaseUrl } from '../core/webhook/webhook-schema';
import { TunnelChoice, TunnelStatus, TunnelToolInfo } from '../core/webhook/tunnels/tunnel-schema';
import { channel, NoInput } from './channel';

export const tunnelChannels = {
  'webhook.tunnel.status': channel({ access: 'any', activity: 'none', input: NoInput, output: TunnelStatus, summary: 'The tunnel in front of the listener: its state, the live public URL, restarts and the last failure.' }),
  'webhook.tunnel.tools': channel({ access: 'any', activity: 'none', input: NoInput, output: z.array(TunnelToolInfo), summary: 'The tunnel clients Keywarden can run, whether each is installed, and how to install it on this OS.' }),
  'webhook.tunnel.set': channel({
    access: 'unlocked', activity: 'user',
    input: z.union([z.strictObject({ tunnel: TunnelChoice }), z.strictObject({ publicUrl: PublicBaseUrl })]),
    output: TunnelStatus,
    summary: 'Run a tunnel client with the listener (cloudflared, ngrok, tailscale), none, or use your own public https address (reverse proxy).',
  }),
};
