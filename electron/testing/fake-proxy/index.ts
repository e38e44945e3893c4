/**
 * Loopback test proxies (issue 20): an HTTP proxy (CONNECT tunnels and absolute-URI forwarding) and a
 * SOCKS5 proxy (no authentication, or user name and password, RFC 1929). Both connect out from
 * `outboundAddress` (default 127.0.0.2: Linux loopback answers all of 127/8), so a fake exchange that
 * allow-lists 127.0.0.2 can tell a request that came through the proxy from a direct one (127.0.0.1).
 * They count what they forwarded and stop themselves after `lifetimeMs`.
 */
import net from 'node:net';
import http from 'node:http';

export interface FakeProxy {
  readonly url: string;
  readonly port: number;
  /** Connections (or forwarded requests) the proxy carried to their target. */
  readonly forwarded: number;
  /** Connections refused for bad credentials. */
  readonly refused: number;
  stop(): Promise<void>;
}

export interface FakeProxyOptions {
  readonly outboundAddress?: string;
  /** Require these credentials (SOCKS5 user/pass, HTTP Proxy-Authorization Basic). */
  readonly auth?: { readonly username: string; readonly password: string };
  readonly lifetimeMs?: number;
}

/** True when this machine can connect out from 127.0.0.2 (Linux); tests skip with a reason otherwise. */
export async function canUseSecondLoopback(address = '127.0.0.2'): Promise<boolean> {
  const server = net.createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  try {
    return await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port, localAddress: address }, () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
  } finally {
    server.close();
  }
}

function lifetime(server: net.Server | http.Server, sockets: Set<net.Socket>, ms: number): { stop(): Promise<void> } {
  const timer = setTimeout(() => void stop(), ms);
  timer.unref();
  const stop = () => new Promise<void>((resolve) => {
    clearTimeout(timer);
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
  return { stop };
}

function track(sockets: Set<net.Socket>, socket: net.Socket): void {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => socket.destroy());
}

export async function startHttpProxy(options: FakeProxyOptions = {}): Promise<FakeProxy> {
  const outbound = options.outboundAddress ?? '127.0.0.2';
  const counts = { forwarded: 0, refused: 0 };
  const sockets = new Set<net.Socket>();
  const expected = options.auth ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}` : undefined;
  const authorised = (headers: http.IncomingHttpHeaders) => expected === undefined || headers['proxy-authorization'] === expected;
  const server = http.createServer((request, response) => {
    // Absolute-URI forwarding (a plain http:// target): GET http://host:port/path HTTP/1.1
    if (!authorised(request.headers)) { counts.refused++; response.writeHead(407, { 'proxy-authenticate': 'Basic' }).end(); return; }
    let target: URL;
    try { target = new URL(request.url ?? ''); } catch { response.writeHead(400).end(); return; }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request({ host: target.hostname, port: target.port || 80, path: `${target.pathname}${target.search}`, method: request.method, headers, localAddress: outbound }, (answer) => {
      counts.forwarded++;
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => { if (!response.headersSent) response.writeHead(502); response.end(); });
    request.pipe(upstream);
  });
  server.on('connection', (socket) => track(sockets, socket));
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    if (!authorised(request.headers)) { counts.refused++; client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n'); return; }
    const [host, port] = (request.url ?? '').split(':');
    const upstream = net.connect({ host, port: Number(port), localAddress: outbound }, () => {
      counts.forwarded++;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(sockets, upstream);
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const auth = options.auth ? `${encodeURIComponent(options.auth.username)}:${encodeURIComponent(options.auth.password)}@` : '';
  const { stop } = lifetime(server, sockets, options.lifetimeMs ?? 60_000);
  return { url: `http://${auth}127.0.0.1:${port}`, port, get forwarded() { return counts.forwarded; }, get refused() { return counts.refused; }, stop };
}

export async function startSocks5Proxy(options: FakeProxyOptions = {}): Promise<FakeProxy> {
  const outbound = options.outboundAddress ?? '127.0.0.2';
  const counts = { forwarded: 0, refused: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    track(sockets, client);
    let buffer = Buffer.alloc(0);
    let stage: 'greeting' | 'auth' | 'request' | 'open' = 'greeting';
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (stage === 'greeting') {
          if (buffer.length < 2 || buffer.length < 2 + (buffer[1] ?? 0)) return;
          const methods = [...buffer.subarray(2, 2 + (buffer[1] ?? 0))];
          buffer = buffer.subarray(2 + (buffer[1] ?? 0));
          const wanted = options.auth ? 0x02 : 0x00;
          if (buffer.length === 0 && !methods.includes(wanted)) { client.end(Buffer.from([0x05, 0xff])); return; }
          if (!methods.includes(wanted)) { client.end(Buffer.from([0x05, 0xff])); return; }
          client.write(Buffer.from([0x05, wanted]));
          stage = options.auth ? 'auth' : 'request';
        } else if (stage === 'auth') {
          if (buffer.length < 2) return;
          const userLength = buffer[1] ?? 0;
          if (buffer.length < 3 + userLength) return;
          const passLength = buffer[2 + userLength] ?? 0;
          if (buffer.length < 3 + userLength + passLength) return;
          const username = buffer.subarray(2, 2 + userLength).toString();
          const password = buffer.subarray(3 + userLength, 3 + userLength + passLength).toString();
          buffer = buffer.subarray(3 + userLength + passLength);
          if (username !== options.auth?.username || password !== options.auth.password) { counts.refused++; client.end(Buffer.from([0x01, 0x01])); return; }
          client.write(Buffer.from([0x01, 0x00]));
          stage = 'request';
        } else if (stage === 'request') {
          if (buffer.length < 5) return;
          const type = buffer[3];
          let host: string; let end: number;
          if (type === 0x01) { end = 10; if (buffer.length < end) return; host = [...buffer.subarray(4, 8)].join('.'); }
          else if (type === 0x03) { end = 5 + (buffer[4] ?? 0) + 2; if (buffer.length < end) return; host = buffer.subarray(5, 5 + (buffer[4] ?? 0)).toString(); }
          else { client.end(Buffer.from([0x05, 0x08, 0x00, 0x01, 0, 0, 0, 0, 0, 0])); return; }
          const port = buffer.readUInt16BE(end - 2);
          const rest = buffer.subarray(end);
          stage = 'open';
          client.off('data', onData);
          const upstream = net.connect({ host, port, localAddress: outbound }, () => {
            counts.forwarded++;
            client.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 127, 0, 0, 2, 0, 0]));
            if (rest.length > 0) upstream.write(rest);
            upstream.pipe(client);
            client.pipe(upstream);
          });
          track(sockets, upstream);
          upstream.on('error', () => client.end(Buffer.from([0x05, 0x05, 0x00, 0x01, 0, 0, 0, 0, 0, 0])));
          return;
        } else return;
      }
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const auth = options.auth ? `${encodeURIComponent(options.auth.username)}:${encodeURIComponent(options.auth.password)}@` : '';
  const { stop } = lifetime(server, sockets, options.lifetimeMs ?? 60_000);
  return { url: `socks5://${auth}127.0.0.1:${port}`, port, get forwarded() { return counts.forwarded; }, get refused() { return counts.refused; }, stop };
}
