/**
 * "Send test alert" (issue 19): posts a harmless alert with the token the person just copied to the
 * public URL (through their tunnel or proxy) or straight to the listener, and says which hop worked.
 * The body `{"test":true}` passes the door (address, token, source) and is answered as a test
 * (alert-intake.ts): recorded in Received alerts, nothing placed; that answer proves every hop.
 * The token is used for this one request and never stored; the answer names the URL with it masked.
 */
import { KeywardenError } from '../errors';
import type { WebhookStatus } from './webhook-schema';
import type { TestAlertHop, TestAlertRequest, TestAlertResult } from './webhook-setup-schema';

export const TEST_ALERT_BODY = '{"test":true}';
/** TradingView itself gives up after 3 seconds; a test a little longer, for a tunnel's first request. */
const TEST_ALERT_TIMEOUT_MS = 8_000;

type Fetch = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

export async function sendTestAlert(request: TestAlertRequest, status: WebhookStatus, fetchImpl: Fetch = fetch): Promise<TestAlertResult> {
  if (!status.running || !status.localUrl) {
    throw new KeywardenError('WEBHOOK_LISTENER_FAILED', 'The listener is not running: turn it on on the Webhook page, then send the test alert.');
  }
  const via = request.via ?? (status.publicWebhookUrlPrefix ? 'public' : 'local');
  if (via === 'public' && !status.publicWebhookUrlPrefix) {
    throw new KeywardenError('INVALID_INPUT', 'No public address is set: start a tunnel or set the public URL, or send the test to the local listener.');
  }
  const prefix = via === 'public' ? (status.publicWebhookUrlPrefix as string) : `${status.localUrl}/webhook/`;
  const shownUrl = `${prefix}${request.token.slice(0, 4)}…`;
  const first: TestAlertHop['hop'] = via === 'public' ? 'public-address' : 'listener';
  let answer: { status: number; text(): Promise<string> };
  try {
    answer = await fetchImpl(`${prefix}${request.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: TEST_ALERT_BODY, signal: AbortSignal.timeout(TEST_ALERT_TIMEOUT_MS) });
  } catch {
    const detail = via === 'public' ? `Nothing answered at ${prefix}: is the tunnel or proxy up?` : `The listener did not answer at ${status.localUrl}.`;
    return { ok: false, via, url: shownUrl, status: null, hops: [{ hop: first, ok: false, detail }] };
  }
  const code = listenerCode(await answer.text().catch(() => ''));
  return { ok: code === TEST_RECEIVED, via, url: shownUrl, status: answer.status, hops: hopsFor(via, answer.status, code) };
}

/** What the listener answers a test alert that came through: `{ ok: true, status: 'test' }`. */
const TEST_RECEIVED = 'test';

/** The listener answers `{ ok: false, error: { code } }`, or `{ status: 'test' }` to a test; anything else came from what stands before it. */
function listenerCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { status?: unknown; error?: { code?: unknown } };
    if (body.status === TEST_RECEIVED) return TEST_RECEIVED;
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

function hopsFor(via: 'public' | 'local', status: number, code: string | undefined): TestAlertHop[] {
  const hops: TestAlertHop[] = [];
  if (code === undefined) {
    const detail = via === 'public'
      ? `The public address answered ${status}, but not from Keywarden: check that the tunnel or proxy forwards to the listener.`
      : `Something other than Keywarden answered ${status} at the listener's address.`;
    return [{ hop: via === 'public' ? 'public-address' : 'listener', ok: false, detail }];
  }
  if (via === 'public') hops.push({ hop: 'public-address', ok: true, detail: 'The public address reached Keywarden.' });
  hops.push({ hop: 'listener', ok: true, detail: 'The listener answered.' });
  if (code === 'WEBHOOK_UNAUTHORIZED') return [...hops, { hop: 'token', ok: false, detail: 'The token was refused: copy the URL shown when the source was created (or rotate its token).' }];
  if (code === 'WEBHOOK_IP_NOT_ALLOWED') return [...hops, { hop: 'token', ok: false, detail: 'Refused by address: only TradingView\'s addresses are accepted (--tradingview-ips-only).' }];
  if (code === 'WEBHOOK_RATE_LIMITED') return [...hops, { hop: 'token', ok: false, detail: 'Over a rate limit right now: try again in a minute.' }];
  hops.push({ hop: 'token', ok: true, detail: 'The token was accepted.' });
  if (code === 'WEBHOOK_SOURCE_DISABLED' || code === 'WEBHOOK_SOURCE_INCOMPLETE') return [...hops, { hop: 'source', ok: false, detail: 'The source is disabled or lacks accounts and a per-order cap.' }];
  if (code === TEST_RECEIVED) return [...hops, { hop: 'source', ok: true, detail: 'The source is enabled; the test alert was recorded and nothing was traded.' }];
  return [...hops, { hop: 'source', ok: false, detail: `The listener answered ${status} (${code}).` }];
}
