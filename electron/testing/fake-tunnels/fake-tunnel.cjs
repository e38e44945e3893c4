/**
 * A fake tunnel client for tests, run as `cloudflared`, `ngrok` or `tailscale` (the file name it was
 * started as): it prints what the real tool prints (formats: electron/core/webhook/tunnels/tunnel-tools.ts),
 * listens on a loopback "public" port and forwards HTTP to the listener, adding the tool's real
 * headers. The "internet" sender's address is taken from the test's `x-fake-public-client` header
 * (stripped). Written next to it: `<tool>.state.json` {pid, port, publicUrl} before the URL is
 * printed; a file `<tool>.fail` makes it print an error and exit 1. It stops on SIGTERM, when its
 * stdin closes (the parent died) and after 10 minutes at most.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node script run as an executable by tests, without a build step */
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const tool = process.env.FAKE_TUNNEL_TOOL || path.basename(process.argv[1]);
const dir = path.dirname(process.argv[1]);
const args = process.argv.slice(2);
const stamp = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function targetPort() {
  if (tool === 'cloudflared') return Number(new URL(args[args.indexOf('--url') + 1]).port);
  if (tool === 'ngrok') return Number(args[1]);
  return Number(args[1]);
}

function publicHost() {
  const words = crypto.randomBytes(6).toString('hex');
  if (tool === 'cloudflared') return `fake-${words}.trycloudflare.com`;
  if (tool === 'ngrok') return `${words}.ngrok-free.app`;
  return 'keywarden-host.tail1234.ts.net';
}

function forwardedHeaders(req, client, host) {
  const headers = { ...req.headers };
  delete headers['x-fake-public-client'];
  const previous = headers['x-forwarded-for'];
  if (tool === 'cloudflared') {
    headers['cf-connecting-ip'] = client;
    headers['x-forwarded-for'] = client;
    headers['x-forwarded-proto'] = 'https';
    headers['cf-ray'] = `${crypto.randomBytes(8).toString('hex')}-FRA`;
  } else if (tool === 'ngrok') {
    headers['x-forwarded-for'] = previous ? `${previous}, ${client}` : client;
    headers['x-forwarded-proto'] = 'https';
    headers['x-forwarded-host'] = host;
  } else {
    // Tailscale's serve proxy replaces X-Forwarded-For and marks Funnel requests.
    headers['x-forwarded-for'] = client;
    headers['x-forwarded-proto'] = 'https';
    headers['x-forwarded-host'] = host;
    headers['tailscale-funnel-request'] = '?1';
  }
  headers.host = host;
  return headers;
}

function announce(url, port) {
  const addr = `http://localhost:${port}`;
  if (tool === 'cloudflared') {
    const lines = ['Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):', url];
    const width = Math.max(...lines.map((l) => l.length)) + 4;
    const border = `+${'-'.repeat(width)}+`;
    process.stderr.write(`${stamp()} INF Requesting new quick Tunnel on trycloudflare.com...\n`);
    for (const line of [border, ...lines.map((l) => `|  ${l.padEnd(width - 4)}  |`), border]) process.stderr.write(`${stamp()} INF ${line}\n`);
    process.stderr.write(`${stamp()} INF Registered tunnel connection connIndex=0 location=fra01 protocol=quic\n`);
  } else if (tool === 'ngrok') {
    const log = (entry) => process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), lvl: 'info', ...entry })}\n`);
    log({ msg: 'starting web service', obj: 'web', addr: '127.0.0.1:4040' });
    log({ msg: 'tunnel session started', obj: 'tunnels.session' });
    log({ msg: 'started tunnel', obj: 'tunnels', name: 'command_line', addr, url });
  } else {
    process.stdout.write(`Available on the internet:\n\n${url}/\n|-- proxy http://127.0.0.1:${port}\n\nPress Ctrl+C to exit.\n`);
  }
}

function fail() {
  if (tool === 'cloudflared') process.stderr.write(`${stamp()} ERR failed to request quick Tunnel error="Post \\"https://api.trycloudflare.com/tunnel\\": dial tcp: lookup api.trycloudflare.com: no such host"\n`);
  else if (tool === 'ngrok') process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), lvl: 'eror', msg: 'session closing', obj: 'tunnels.session', err: 'authentication failed: Usage of ngrok requires a verified account and authtoken.' })}\n`);
  else process.stderr.write('Funnel is not enabled on your tailnet.\n');
  process.exit(1);
}

if (fs.existsSync(path.join(dir, `${tool}.fail`))) fail();
const port = targetPort();
const host = publicHost();
const server = http.createServer((req, res) => {
  const client = String(req.headers['x-fake-public-client'] || req.socket.remoteAddress);
  const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: forwardedHeaders(req, client, host), agent: false }, (answer) => {
    res.writeHead(answer.statusCode || 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => {
  const url = `https://${host}`;
  fs.writeFileSync(path.join(dir, `${tool}.state.json`), JSON.stringify({ pid: process.pid, port: server.address().port, publicUrl: url }));
  announce(url, port);
});
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
setTimeout(stop, 600_000);
