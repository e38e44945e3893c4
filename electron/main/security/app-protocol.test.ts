import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempHome } from '../../testing/test-core';
import { appSchemePrivileges, createAppProtocolHandler, resolveAppAsset } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

describe('resolveAppAsset', () => {
  const root = path.resolve('/srv/app/out/renderer');

  it('maps app://keywarden paths to files under the renderer folder', () => {
    expect(resolveAppAsset('app://keywarden/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset('app://keywarden/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset('app://keywarden/assets/index-abc.js?v=1#x', root)).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppAsset('app://keywarden/assets/a%20b.css', root)).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    'app://keywarden/../../../etc/passwd',
    'app://keywarden/%2e%2e/%2e%2e/etc/passwd',
    'app://keywarden/assets/..%2f..%2f..%2fetc/passwd',
    'app://keywarden/..%5c..%5csecret.txt',
    'app://keywarden/%00index.html',
    'app://keywarden//etc/passwd',
  ])('never resolves %s to a file outside the renderer folder', (url) => {
    // The URL parser already folds plain `..` segments at the root; what is left must stay inside.
    const file = resolveAppAsset(url, root);
    if (file !== null) expect(file.startsWith(root + path.sep), `${url} → ${file}`).toBe(true);
  });

  it.each([
    'app://keywarden/assets/..%2f..%2f..%2fetc/passwd',
    'app://keywarden/..%5c..%5csecret.txt',
    'app://keywarden/%00index.html',
    'app://keywarden/%E0%A4%A',
    'app://other/index.html',
    'file:///srv/app/out/renderer/index.html',
    'https://keywarden/index.html',
  ])('refuses %s outright', (url) => {
    expect(resolveAppAsset(url, root)).toBeNull();
  });
});

describe('the app:// protocol handler', () => {
  const temp = makeTempHome('keywarden-protocol-');
  const root = path.join(temp.home, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Keywarden</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(temp.home, 'keywarden.db'), 'SECRET DATABASE');
  const handle = createAppProtocolHandler({ root, readFile });
  afterAll(() => temp.cleanup());

  it('serves the renderer with the CSP header, nosniff and the right type', async () => {
    const response = await handle(new Request('app://keywarden/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Keywarden</title>');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await handle(new Request('app://keywarden/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for traversal out of the folder and for files that do not exist; 405 for writes', async () => {
    for (const url of ['app://keywarden/../keywarden.db', 'app://keywarden/%2e%2e/keywarden.db', 'app://keywarden/missing.js', 'app://other/index.html']) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('SECRET');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await handle(new Request('app://keywarden/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('has a strict policy: nothing inline, no network, no framing, no plugins', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|http:|https:/);
  });

  it('registers app:// as standard and secure, without bypassing CSP or opening CORS', () => {
    expect(appSchemePrivileges).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });
});
