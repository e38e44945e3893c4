/**
 * Issue 16: only this user's programs talk to the agent, and the CLI talks only to this user's
 * agent. Node cannot read a peer's uid, so each side proves it can read the agent token, a file only
 * this user can read (agent-token.ts). The real agent server on a real socket, a real core.
 */
import { lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../core-host';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { AgentClient } from './agent-client';
import { startAgentServer, type AgentServer } from './agent-server';
import { AGENT_HELLO, agentTokenPath, newNonce, proofOf } from './agent-token';

/** A raw connection that sends `lines` and collects every line the agent sends back until it closes. */
async function exchange(socketPath: string, lines: (previous: string[]) => string[]): Promise<{ received: string[]; closed: boolean }> {
  const socket = net.createConnection(socketPath);
  const received: string[] = [];
  let buffered = '';
  let closed = false;
  socket.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    received.push(...parts);
  });
  const ended = new Promise<void>((resolve) => socket.on('close', () => ((closed = true), resolve())));
  for (const line of lines([])) socket.write(`${line}\n`);
  await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(0);
  for (const line of lines(received)) socket.write(`${line}\n`);
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 500))]);
  socket.destroy();
  return { received, closed };
}

describe('the agent handshake', () => {
  const temp = makeTempHome('kw-agent-hello-');
  let core: Core;
  let server: AgentServer;
  const token = () => Buffer.from(readFileSync(agentTokenPath(temp.home), 'utf8'), 'hex');
  const listed = () => core.audit.list({ limit: 50 }).length;

  beforeAll(async () => {
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    server = await startAgentServer({ core, dataFolder: temp.home, host: 'cli', onStopRequested: () => undefined });
  });
  afterAll(async () => {
    await server.close();
    core.close();
    temp.cleanup();
  });

  it('keeps a fresh secret in an owner-only token file while it runs, and removes it when it stops', async () => {
    const file = agentTokenPath(temp.home);
    expect(lstatSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    const other = makeTempHome('kw-agent-hello2-');
    const otherCore = createTestCore(other.home);
    await otherCore.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    const second = await startAgentServer({ core: otherCore, dataFolder: other.home, host: 'cli', onStopRequested: () => undefined });
    expect(readFileSync(agentTokenPath(other.home), 'utf8')).not.toBe(readFileSync(file, 'utf8'));
    await second.close();
    expect(() => lstatSync(agentTokenPath(other.home))).toThrow(/ENOENT/);
    otherCore.close();
    other.cleanup();
  });

  it('serves a client that proves itself, as the CLI does', async () => {
    const client = await AgentClient.connect(temp.home);
    expect(client).toBeDefined();
    expect(await client!.request('vault.status', {})).toMatchObject({ ok: true, value: { initialized: true } });
    client!.close();
  });

  it('refuses a request before the handshake, and a client that cannot prove it holds the token', async () => {
    const before = listed();
    const skipped = await exchange(server.socketPath, (received) => (received.length === 0 ? [JSON.stringify({ id: 1, channel: 'vault.status', input: {} })] : []));
    expect(skipped.closed).toBe(true);
    expect(JSON.parse(skipped.received[0]!)).toMatchObject({ id: null, result: { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(AGENT_HELLO) } } });

    const clientNonce = newNonce();
    const guessed = await exchange(server.socketPath, (received) => {
      if (received.length === 0) return [JSON.stringify({ hello: AGENT_HELLO, nonce: clientNonce })];
      const { nonce } = JSON.parse(received[0]!) as { nonce: string };
      // The right construction under a secret that is not this agent's.
      return [JSON.stringify({ proof: proofOf(Buffer.alloc(32, 7), 'client', clientNonce, nonce) }), JSON.stringify({ id: 1, channel: 'vault.lock', input: {} })];
    });
    expect(guessed.closed).toBe(true);
    expect(guessed.received.slice(1).map((line) => JSON.parse(line))).toEqual([
      { id: null, result: { ok: false, error: { code: 'AGENT_CLIENT_REFUSED', message: 'The program that connected could not prove it runs as the user this agent belongs to; it was refused.' } } },
    ]);
    // Replaying the agent's own proof as the client's does not pass either (each side's proof is its own).
    const replayed = await exchange(server.socketPath, (received) => {
      if (received.length === 0) return [JSON.stringify({ hello: AGENT_HELLO, nonce: clientNonce })];
      return [JSON.stringify({ proof: (JSON.parse(received[0]!) as { proof: string }).proof })];
    });
    expect(JSON.parse(replayed.received[1]!)).toMatchObject({ result: { error: { code: 'AGENT_CLIENT_REFUSED' } } });
    expect(core.vault.isUnlocked()).toBe(true);
    expect(listed()).toBe(before);
  });

  it('answers the agent proof only for the nonce it was asked with', async () => {
    const clientNonce = newNonce();
    const { received } = await exchange(server.socketPath, (lines) => (lines.length === 0 ? [JSON.stringify({ hello: AGENT_HELLO, nonce: clientNonce })] : []));
    const hello = JSON.parse(received[0]!) as { hello: string; nonce: string; proof: string };
    expect(hello.hello).toBe(AGENT_HELLO);
    expect(hello.proof).toBe(proofOf(token(), 'agent', clientNonce, hello.nonce));
    // The secret itself never crosses the socket.
    expect(received.join('\n')).not.toContain(token().toString('hex'));
  });
});

describe('something else at the agent\'s socket', () => {
  const temp = makeTempHome('kw-agent-squat-');
  afterAll(() => temp.cleanup());

  /** A program that took the agent's place: answers the hello with a proof it cannot make, and records what it was sent. */
  async function impostor(answer: (hello: { nonce: string }) => string | undefined): Promise<{ heard: string[]; stop: () => Promise<void> }> {
    const heard: string[] = [];
    const socketPath = path.join(temp.home, 'agent.sock');
    rmSync(socketPath, { force: true });
    const fake = net.createServer((socket) => {
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          heard.push(line);
          const reply = heard.length === 1 ? answer(JSON.parse(line) as { nonce: string }) : undefined;
          if (reply) socket.write(`${reply}\n`);
        }
      });
    });
    await new Promise<void>((resolve) => fake.listen(socketPath, resolve));
    return { heard, stop: () => new Promise<void>((resolve) => fake.close(() => resolve())) };
  }

  it('is refused by the CLI before it is sent anything but the hello: with a wrong proof, or with no agent token at all', async () => {
    writeFileSync(agentTokenPath(temp.home), Buffer.alloc(32, 1).toString('hex'), { mode: 0o600 });
    const wrong = await impostor(({ nonce }) => JSON.stringify({ hello: AGENT_HELLO, nonce: newNonce(), proof: proofOf(Buffer.alloc(32, 2), 'agent', nonce, newNonce()) }));
    await expect(AgentClient.connect(temp.home)).rejects.toMatchObject({ code: 'AGENT_NOT_SAFE', message: expect.stringContaining('could not prove it is your Keywarden agent; nothing was sent to it') });
    expect(wrong.heard).toHaveLength(1);
    expect(Object.keys(JSON.parse(wrong.heard[0]!) as object)).toEqual(['hello', 'nonce']);
    await wrong.stop();

    rmSync(agentTokenPath(temp.home));
    const tokenless = await impostor(() => JSON.stringify({ hello: AGENT_HELLO, nonce: newNonce(), proof: 'f'.repeat(64) }));
    await expect(AgentClient.connect(temp.home)).rejects.toMatchObject({ code: 'AGENT_NOT_SAFE' });
    expect(tokenless.heard).toEqual([]);
    await tokenless.stop();
  });

  it('is not taken for a stale socket: an agent does not start over it', async () => {
    const core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    writeFileSync(agentTokenPath(temp.home), Buffer.alloc(32, 1).toString('hex'), { mode: 0o600 });
    const squatter = await impostor(() => 'not a hello');
    await expect(startAgentServer({ core, dataFolder: temp.home, host: 'cli', onStopRequested: () => undefined })).rejects.toMatchObject({ code: 'AGENT_NOT_SAFE' });
    await squatter.stop();
    core.close();
  });
});
