/**
 * The agent's benches, each against its baseline in the same run (wall time of whole processes,
 * median of 9, through the bundled CLI; see cli-agent-kit.ts):
 * - cli_list_agent: `keywarden list` (10 keys) through a running agent, against `node -e 0`
 *   (goal ≤ 2×); `local_ms` is the same command opening the vault itself (scrypt, cold start).
 * - cli_verify_agent: `verify <key>` against the fake exchange (loopback) with and without an agent.
 * - run_overhead: `keywarden run --env K=keywarden://… -- true` against `true` (goal ≤ 150 ms more),
 *   through the agent, and opening the vault itself.
 * - agent_rss_idle: resident memory of an idle, unlocked agent holding 10 keys, before and after it
 *   has served the commands above (ccxt loaded).
 */
import type { Bench } from './bench-types';
import { FIRST_KEY, cliBench, startBenchAgent, type CliBench } from './cli-agent-kit';
import { round } from './stats';

/** Times `body` without an agent, then with one running on the same data folder. */
async function withoutAndWith<T>(bench: CliBench, body: () => Promise<T>): Promise<{ without: T; withAgent: T }> {
  const without = await body();
  const agent = await startBenchAgent(bench);
  try {
    return { without, withAgent: await body() };
  } finally {
    await agent.stop();
  }
}

export const cliListAgentBench: Bench = async (context) => {
  const bench = await cliBench(context, 'list');
  try {
    const node = await bench.program(process.execPath, ['-e', '0']);
    const { without, withAgent } = await withoutAndWith(bench, () => bench.cli(['list']));
    return { bench: 'cli_list_agent', agent_ms: round(withAgent), node_ms: round(node), ratio: round(withAgent / node), local_ms: round(without) };
  } finally {
    await bench.stop();
  }
};

export const cliVerifyAgentBench: Bench = async (context) => {
  const bench = await cliBench(context, 'verify');
  try {
    const { without, withAgent } = await withoutAndWith(bench, () => bench.cli(['verify', FIRST_KEY]));
    return { bench: 'cli_verify_agent', agent_ms: round(withAgent), local_ms: round(without), speedup: round(without / withAgent) };
  } finally {
    await bench.stop();
  }
};

export const runOverheadBench: Bench = async (context) => {
  const bench = await cliBench(context, 'run');
  try {
    const plain = await bench.program('true', []);
    const { without, withAgent } = await withoutAndWith(bench, () => bench.cli(['run', '--env', `K=keywarden://${FIRST_KEY}/apiKey`, '--', 'true']));
    return { bench: 'run_overhead', agent_extra_ms: round(withAgent - plain), local_extra_ms: round(without - plain), true_ms: round(plain), agent_ms: round(withAgent), local_ms: round(without) };
  } finally {
    await bench.stop();
  }
};

export const agentRssIdleBench: Bench = async (context) => {
  const bench = await cliBench(context, 'rss');
  const agent = await startBenchAgent(bench);
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = agent.rssMib();
    await bench.cli(['list']);
    await bench.cli(['verify', FIRST_KEY]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return { bench: 'agent_rss_idle', keys: 10, rss_mib: round(idle, 1), after_use_rss_mib: round(agent.rssMib(), 1) };
  } finally {
    await agent.stop();
    await bench.stop();
  }
};
