import { describe, expect, it } from 'vitest';
import { CoreEvents } from '../../core/events';
import { EVENT_CHANNEL } from '../../preload/ipc-wire';
import { silentLogger } from '../logger';
import { APP_ENTRY_URL } from '../security/app-origin';
import { FakeWebContents } from '../testing/fake-electron';
import { forwardContractEvents } from './forward-contract-events';
import { TrustedSenders } from './trusted-senders';

function setUp() {
  const events = new CoreEvents();
  const trustedSenders = new TrustedSenders();
  const window = new FakeWebContents();
  window.url = APP_ENTRY_URL;
  trustedSenders.add(window);
  const warnings: string[] = [];
  const stop = forwardContractEvents(events, trustedSenders, { ...silentLogger, warn: (line) => warnings.push(line) });
  return { events, trustedSenders, window, warnings, stop };
}

describe('contract events to the renderer', () => {
  it('sends each event on the one event channel as { name, payload }', () => {
    const { events, window } = setUp();
    events.emit('vault.locked', { reason: 'idle' });
    events.emit('credentials.changed', { id: 'abcdefghij', change: 'created' });
    expect(window.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [{ name: 'vault.locked', payload: { reason: 'idle' } }] },
      { channel: EVENT_CHANNEL, args: [{ name: 'credentials.changed', payload: { id: 'abcdefghij', change: 'created' } }] },
    ]);
  });

  it('checks each payload against its schema: a bad one is dropped, extra fields are stripped', () => {
    const { events, window, warnings } = setUp();
    events.emit('vault.locked', { reason: 'meteor' } as never);
    events.emit('vault.keyRotated', { keyVersion: 3, secret: 'LEAK' } as never);
    expect(window.sent).toEqual([{ channel: EVENT_CHANNEL, args: [{ name: 'vault.keyRotated', payload: { keyVersion: 3 } }] }]);
    expect(warnings).toEqual(['dropped event vault.locked: its payload does not match the contract']);
  });

  it('reaches only live windows of the app origin, and stops when told', () => {
    const { events, trustedSenders, window, stop } = setUp();
    const navigatedAway = new FakeWebContents();
    navigatedAway.url = 'https://evil.example/';
    trustedSenders.add(navigatedAway);
    const closed = new FakeWebContents();
    closed.url = APP_ENTRY_URL;
    trustedSenders.add(closed);
    closed.destroy();
    const stranger = new FakeWebContents();
    stranger.url = APP_ENTRY_URL;
    events.emit('vault.unlocked', {});
    expect(window.sent).toHaveLength(1);
    expect([navigatedAway, closed, stranger].map((contents) => contents.sent.length)).toEqual([0, 0, 0]);
    stop();
    events.emit('vault.unlocked', {});
    expect(window.sent).toHaveLength(1);
  });
});
