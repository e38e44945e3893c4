/**
 * The tunnel channels the Tunnel section calls directly, and its live status: read when the section
 * opens and again on every `webhook.tunnel` event (a start, a URL, an exit, a restart, a failure).
 * Kept out of the app's stores: only this section shows it, and only while it is open.
 */
import { useEffect, useState } from 'react';
import { callChannel } from '../../api/call-channel';
import type { ChannelOutput, ContractResult } from '../../api/contract-types';

export type TunnelStatus = ChannelOutput<'webhook.tunnel.status'>;
export type TunnelToolInfo = ChannelOutput<'webhook.tunnel.tools'>[number];
export type TunnelChoice = TunnelStatus['choice'];

export function setTunnel(input: { tunnel: TunnelChoice } | { publicUrl: string }): Promise<ContractResult<TunnelStatus>> {
  return callChannel(window.keywarden, 'webhook.tunnel.set', input);
}

/** The tunnel's status and the tools, kept fresh while the component is mounted; `changed` runs after each event. */
export function useTunnel(changed: () => void): { readonly status: TunnelStatus | null; readonly tools: readonly TunnelToolInfo[]; readonly set: (status: TunnelStatus) => void } {
  const [status, setStatus] = useState<TunnelStatus | null>(null);
  const [tools, setTools] = useState<readonly TunnelToolInfo[]>([]);
  useEffect(() => {
    let open = true;
    // Every event reads the status again: the event carries the state, the status also the failure and the install hint.
    let asked = 0;
    const refresh = async () => {
      const mine = ++asked;
      const result = await callChannel(window.keywarden, 'webhook.tunnel.status', {});
      if (open && mine === asked && result.ok) setStatus(result.value);
    };
    void refresh();
    void callChannel(window.keywarden, 'webhook.tunnel.tools', {}).then((result) => {
      if (open && result.ok) setTools(result.value);
    });
    const unsubscribe = window.keywarden.subscribe('webhook.tunnel', () => {
      void refresh();
      changed();
    });
    return () => {
      open = false;
      unsubscribe();
    };
  }, [changed]);
  return { status, tools, set: setStatus };
}
