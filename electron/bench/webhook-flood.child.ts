/**
 * The webhook_flood bench's load process: the outside world during an attack. It sends valid alerts
 * at a steady pace and times each answer, while (when asked) flooding the listener with wrong-token
 * requests at the same time. Run apart from Keywarden's process, as TradingView and an attacker are
 * other machines. Driven over the fork IPC channel; exits when the bench says stop or goes away.
 */
import { alertBody, sendRaw } from '../testing/webhook-test-kit';
import { floodWrongTokens, type FloodResult } from '../testing/webhook-flood';

export type FloodRequest =
  | { readonly type: 'run'; readonly baseUrl: string; readonly alertPath: string; readonly account: string; readonly alerts: number; readonly alertEveryMs: number; readonly flood: { readonly count: number; readonly concurrency: number } | null }
  | { readonly type: 'stop' };

export type FloodReply =
  | { readonly type: 'done'; readonly ackMs: readonly number[]; readonly notAccepted: number; readonly flood: FloodResult | null }
  | { readonly type: 'failed'; readonly message: string };

let runs = 0;

async function run(request: Extract<FloodRequest, { type: 'run' }>): Promise<FloodReply> {
  runs += 1;
  const flooding = request.flood ? floodWrongTokens(request.baseUrl, { ...request.flood, maxMs: 60_000 }) : Promise.resolve(null);
  const ackMs: number[] = [];
  let notAccepted = 0;
  for (let n = 0; n < request.alerts; n += 1) {
    const started = performance.now();
    const answer = await sendRaw(request.baseUrl, request.alertPath, { body: alertBody({ account: request.account, symbol: 'BTCUSDT', amount: '0.0001', id: `run${runs}-${n}` }, Date.now()) }).catch(() => undefined);
    ackMs.push(performance.now() - started);
    if (answer?.json.status !== 'accepted') notAccepted += 1;
    await new Promise((resolve) => setTimeout(resolve, request.alertEveryMs));
  }
  return { type: 'done', ackMs, notAccepted, flood: await flooding };
}

process.on('message', (request: FloodRequest) => {
  if (request.type === 'stop') process.exit(0);
  run(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FloodReply),
  );
});
process.on('disconnect', () => process.exit(0));
