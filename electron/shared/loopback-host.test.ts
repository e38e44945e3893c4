import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback-host';

describe('isLoopbackHost', () => {
  it('is this computer only for 127.0.0.0/8 and ::1, and not for any other address', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', '::ffff:192.168.1.10']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
