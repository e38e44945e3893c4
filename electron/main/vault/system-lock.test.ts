import { describe, expect, it } from 'vitest';
import { FakePowerMonitor } from '../testing/fake-electron';
import { lockOnSystemEvents } from './system-lock';

describe('locking on system events', () => {
  it('locks on suspend (idle) and on screen lock (user), as the system, until stopped', () => {
    const powerMonitor = new FakePowerMonitor();
    const locks: string[] = [];
    const stop = lockOnSystemEvents(powerMonitor, { lock: (reason, actor) => locks.push(`${reason}/${actor}`) });
    powerMonitor.emit('suspend');
    powerMonitor.emit('lock-screen');
    stop();
    powerMonitor.emit('suspend');
    expect(locks).toEqual(['idle/system', 'user/system']);
    expect(powerMonitor.listenerCount('suspend') + powerMonitor.listenerCount('lock-screen')).toBe(0);
  });
});
