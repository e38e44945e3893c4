/**
 * The shapes of the tunnel module as the contract, the CLI and the window see them. Pure zod: the
 * contract imports this file. No field holds a token: a tunnel's public URL is the address only.
 */
import { z } from 'zod';

/** The tunnel clients Keywarden can run. */
export const TunnelTool = z.enum(['cloudflared', 'ngrok', 'tailscale']);
export type TunnelTool = z.infer<typeof TunnelTool>;

/** The stored choice: a tool to run with the listener, or none (the person's own address, if any, is `publicBaseUrl`). */
export const TunnelChoice = z.union([TunnelTool, z.literal('none')]);
export type TunnelChoice = z.infer<typeof TunnelChoice>;

export const TunnelState = z.enum(['off', 'starting', 'running', 'restarting', 'failed', 'not-installed']);
export type TunnelState = z.infer<typeof TunnelState>;

export const TunnelStatus = z.object({
  choice: TunnelChoice,
  state: TunnelState,
  /** The live public https address the tool reported; null until it has (and after it stopped). */
  publicUrl: z.string().nullable(),
  /** The URL to paste into TradingView, up to the token: `${publicUrl}/webhook/`. */
  webhookUrlPrefix: z.string().nullable(),
  /** Restarts since the tunnel was started. */
  restarts: z.number().int(),
  /** The last failure in plain words (the tool's own line, without secrets), or null. */
  lastError: z.string().nullable(),
  /** When not installed: how to install it on this OS. */
  installHint: z.string().nullable(),
});
export type TunnelStatus = z.infer<typeof TunnelStatus>;

export const TunnelToolInfo = z.object({
  tool: TunnelTool,
  name: z.string(),
  installed: z.boolean(),
  /** How to install it on this computer's OS. */
  installHint: z.string(),
  /** Whether it works without an account (cloudflared's quick tunnels do). */
  needsAccount: z.boolean(),
});
export type TunnelToolInfo = z.infer<typeof TunnelToolInfo>;
