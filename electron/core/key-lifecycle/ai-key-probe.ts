/**
 * One check of an AI provider key (ai-providers/ai-key-check.ts) as a verification probe: the same
 * shape of result an exchange key's signed calls give, so saving, verifying, verify-all, the
 * schedule and rotation treat both kinds alike. A provider that cannot be reached is an
 * unreachable error whose message ends with what it means for the caller (`whenUnreachable`).
 */
import { checkAiKey } from '../ai-providers/ai-key-check';
import { aiProviderEntry } from '../ai-providers/ai-provider-catalogue';
import { KeywardenError } from '../errors';
import { unreachableMessage } from '../exchanges/exchange-unreachable';
import type { ProbeResult } from './key-verifier';

export async function probeAiKey(
  request: { readonly provider: string; readonly secrets: Readonly<Record<string, string>> },
  whenUnreachable: string,
  options: { readonly baseUrl: string | undefined; readonly timeoutMs: number },
): Promise<ProbeResult> {
  const started = performance.now();
  const result = await checkAiKey({ provider: request.provider, fields: request.secrets, ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }), timeoutMs: options.timeoutMs });
  const latencyMs = Math.round(performance.now() - started);
  const base = { action: null, permissions: null, latencyMs, unreachable: null } as const;
  switch (result.outcome) {
    case 'ok':
      return { ...base, outcome: 'ok', message: result.message, exchangeCode: null };
    case 'unavailable': {
      const name = aiProviderEntry(request.provider)?.name ?? request.provider;
      const message = unreachableMessage(name, result.reason, whenUnreachable);
      return { ...base, outcome: 'provider-unavailable', message, exchangeCode: result.providerCode, unreachable: new KeywardenError('SERVICE_UNREACHABLE', message, { provider: request.provider }) };
    }
    default:
      return { ...base, outcome: result.outcome, message: result.message, exchangeCode: result.providerCode };
  }
}
