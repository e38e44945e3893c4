/**
 * `keywarden webhook tunnel …`: the tunnel client run in front of the listener (core/webhook/tunnels/).
 * Without an argument, its status; with a tool (or `off`), the choice; `tools`, what is installed
 * here and how to install the rest. A CLI without the app or an agent running has no listener, so
 * the tunnel only runs where the listener does (the app, or `keywarden serve`): the status says so.
 */
import type { Command } from 'commander';
import type { ChannelOutput } from '../../api/contract';
import { KeywardenError } from '../../api/errors';
import type { Run } from '../command-runner';
import { table } from '../output';

type TunnelStatus = ChannelOutput<'webhook.tunnel.status'>;
type TunnelToolInfo = ChannelOutput<'webhook.tunnel.tools'>[number];

const CHOICES = ['cloudflared', 'ngrok', 'tailscale', 'off', 'none'] as const;

const STATE_WORDS: Record<TunnelStatus['state'], string> = {
  off: 'off',
  starting: 'starting (waiting for its public URL)',
  running: 'up',
  restarting: 'restarting (it exited)',
  failed: 'FAILED',
  'not-installed': 'NOT INSTALLED',
};

function formatStatus(status: TunnelStatus, listenerRunning: boolean): string {
  if (status.choice === 'none') {
    return 'No tunnel. Run one with the listener: keywarden webhook tunnel cloudflared|ngrok|tailscale (see keywarden webhook tunnel tools), or use your own public https address: keywarden webhook settings --public-url https://your.domain';
  }
  const lines = [
    `Tunnel        ${status.choice}`,
    `State         ${STATE_WORDS[status.state]}`,
    `Public URL    ${status.publicUrl ?? '—'}`,
    `Restarts      ${status.restarts}`,
    `Last failure  ${status.lastError ?? '—'}`,
  ];
  if (status.webhookUrlPrefix) lines.push('', `Paste into TradingView: ${status.webhookUrlPrefix}<token>   (a quick tunnel gets a new address at each restart: paste it again)`);
  if (status.installHint) lines.push('', status.installHint);
  if (!listenerRunning) lines.push('', 'The listener is not running here: the tunnel starts with it (keywarden serve, or the listener in the app).');
  return lines.join('\n');
}

function formatTools(tools: readonly TunnelToolInfo[]): string {
  return [
    table(['TOOL', 'NAME', 'INSTALLED', 'ACCOUNT'], tools.map((t) => [t.tool, t.name, t.installed ? 'yes' : 'no', t.needsAccount ? 'needed' : 'not needed'])),
    ...tools.filter((t) => !t.installed).map((t) => `\n${t.tool}: ${t.installHint}`),
  ].join('\n');
}

/** Adds `tunnel` under the `webhook` command registered by webhook-commands.ts. */
export function registerTunnelCommands(program: Command, run: Run): void {
  const webhook = program.commands.find((command) => command.name() === 'webhook');
  if (!webhook) throw new Error('registerTunnelCommands runs after registerWebhookCommands');
  webhook
    .command('tunnel [choice]')
    .description('the tunnel run with the listener: its status; cloudflared, ngrok or tailscale to run one, off for none; tools for what is installed here')
    .action(run(async (session, choice: string | undefined) => {
      if (choice === 'tools') {
        const tools = await session.call('webhook.tunnel.tools', {});
        return { json: tools, text: formatTools(tools) };
      }
      if (choice !== undefined && !(CHOICES as readonly string[]).includes(choice)) {
        throw new KeywardenError('INVALID_INPUT', `Choose cloudflared, ngrok, tailscale, off or tools (not "${choice.slice(0, 40)}").`);
      }
      await session.unlock();
      if (choice !== undefined) {
        const tunnel = choice === 'off' || choice === 'none' ? 'none' : (choice as 'cloudflared' | 'ngrok' | 'tailscale');
        await session.call('webhook.tunnel.set', { tunnel });
      }
      // A CLI process's own core has not started the tunnel: its choice is the stored setting.
      const [status, settings, listener] = await Promise.all([session.call('webhook.tunnel.status', {}), session.call('webhook.settings.get', {}), session.call('webhook.status', {})]);
      const shown: TunnelStatus = { ...status, choice: settings.tunnel };
      return { json: shown, text: formatStatus(shown, listener.running) };
    }));
}
