/**
 * Over the connection caps with every connection busy, a new request gets a fast 503 with Retry-After
 * (issue 22: it used to be closed unanswered, and TradingView does not send an alert again after a
 * reset). A small server with tiny caps; its handler holds requests until told to answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import net, { type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeywardenError } from '../errors';
import { ConnectionLimits } from '../webhook/connection-limits';
import { sendRaw } from '../../testing/webhook-test-kit';
import { BoundedHttpServer } from './bounded-http-server';

class HoldingServer extends BoundedHttpServer {
  readonly held: ServerResponse[] = [];
  constructor(readonly limits: ConnectionLimits) {
    super({
      limits: { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, idleSocketMs: 10_000, maxHeaderBytes: 8192, maxHeadersCount: 64 },
      connections: limits,
      listenError: () => new KeywardenError('INTERNAL', 'listen failed'),
      alreadyRunning: () => new KeywardenError('INTERNAL', 'running'),
    });
  }
  protected override handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    req.once('end', () => this.held.push(res));
  }
  release(): void {
    for (const res of this.held.splice(0)) res.end('{"ok":true}');
  }
}

describe('connections over the caps', () => {
  let server: HoldingServer | undefined;
  afterEach(async () => {
    await server?.stop();
  });

  async function start(limits: ConnectionLimits): Promise<{ base: string; port: number; srv: HoldingServer }> {
    const srv = new HoldingServer(limits);
    server = srv;
    const { port } = await srv.start('127.0.0.1', 0);
    return { base: `http://127.0.0.1:${port}`, port, srv };
  }

  it('answers 503 with Retry-After, not a reset, when every connection of the address is busy; served again once they are done', async () => {
    const { base, srv } = await start(new ConnectionLimits({ maxOpen: 10, maxPerAddress: 2, maxShed: 4 }));
    const holding = [sendRaw(base, '/a', { body: '{}' }), sendRaw(base, '/b', { body: '{}' })];
    await vi.waitFor(() => expect(srv.held).toHaveLength(2), { timeout: 10_000, interval: 20 });
    const shed = await Promise.all([sendRaw(base, '/c', { body: '{"x":1}' }), sendRaw(base, '/d')]);
    for (const answer of shed) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.headers.connection).toBe('close');
      expect(answer.json.error?.code).toBe('BUSY');
    }
    // The shed requests never reached the handler.
    expect(srv.held).toHaveLength(2);
    srv.release();
    expect((await Promise.all(holding)).map((answer) => answer.status)).toEqual([200, 200]);
    const later = sendRaw(base, '/e', { body: '{}' });
    await vi.waitFor(() => expect(srv.held).toHaveLength(1), { timeout: 10_000, interval: 20 });
    srv.release();
    expect((await later).status).toBe(200);
  });

  it('past the bound on shed connections, closes new ones at once', async () => {
    const limits = new ConnectionLimits({ maxOpen: 1, maxPerAddress: 1, maxShed: 1 });
    const { base, port, srv } = await start(limits);
    const holding = sendRaw(base, '/a', { body: '{}' });
    await vi.waitFor(() => expect(srv.held).toHaveLength(1), { timeout: 10_000, interval: 20 });
    // A connection that sends nothing takes the one shed place…
    const silent = net.connect({ host: '127.0.0.1', port });
    silent.on('error', () => undefined);
    await vi.waitFor(() => expect(limits.shedding).toBe(1), { timeout: 10_000, interval: 20 });
    // …so the next one is closed without an answer.
    await expect(sendRaw(base, '/b', { body: '{}' })).rejects.toThrow();
    silent.destroy();
    await vi.waitFor(() => expect(limits.shedding).toBe(0), { timeout: 10_000, interval: 20 });
    expect((await sendRaw(base, '/c', { body: '{}' })).status).toBe(503);
    srv.release();
    expect((await holding).status).toBe(200);
  });
});

/** Just what ConnectionLimits reads of a socket. */
function fakeSocket(bytesRead = 0): Socket & { destroyed: boolean; bytesRead: number } {
  const socket = Object.assign(new EventEmitter(), { remoteAddress: '127.0.0.1', bytesRead, destroyed: false, destroy: () => { socket.destroyed = true; socket.emit('close'); } });
  return socket as unknown as Socket & { destroyed: boolean; bytesRead: number };
}

describe('connections accepted in a burst', () => {
  it('are not evicted by each other before they were read (after a stalled event loop); the newest is shed instead', () => {
    const limits = new ConnectionLimits({ maxOpen: 10, maxPerAddress: 2, maxShed: 4 });
    const burst = [fakeSocket(), fakeSocket(), fakeSocket()];
    expect(burst.map((socket) => limits.admit(socket))).toEqual(['open', 'open', 'shed']);
    expect(burst.map((socket) => socket.destroyed)).toEqual([false, false, false]);
    // One that has sent something but has no request in progress (half its headers) is idle: it makes room.
    burst[0]!.bytesRead = 40;
    const next = fakeSocket();
    expect(limits.admit(next)).toBe('open');
    expect(burst[0]!.destroyed).toBe(true);
    expect(limits.open).toBe(2);
  });
});

