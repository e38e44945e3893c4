/** The one-time "still running in the tray" notice: once, remembered across starts, naming the listener when it runs. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome } from '../../testing/test-core';
import { NOTICE_MARKER_FILE, RUNNING_IN_TRAY_TITLE, createRunningInTrayNotice, runningInTrayBody } from './running-in-tray-notice';

describe('the running-in-the-tray notice', () => {
  let temp: ReturnType<typeof makeTempHome>;
  beforeEach(() => {
    temp = makeTempHome('keywarden-tray-notice-');
  });
  afterEach(() => temp.cleanup());

  const start = (listenerRunning: boolean, warnings: string[] = []) => {
    const shown: { title: string; body: string }[] = [];
    const windowClosed = createRunningInTrayNotice({ dataFolder: temp.home, notify: (title, body) => shown.push({ title, body }), listenerRunning: () => listenerRunning, warn: (message) => warnings.push(message) });
    return { shown, windowClosed };
  };

  it('tells once, says the listener keeps running, and is not told again after a restart', () => {
    const first = start(true);
    first.windowClosed();
    first.windowClosed();
    expect(first.shown).toEqual([{ title: RUNNING_IN_TRAY_TITLE, body: runningInTrayBody(true) }]);
    expect(first.shown[0]?.body).toMatch(/webhook listener keeps receiving alerts/);
    expect(existsSync(path.join(temp.home, NOTICE_MARKER_FILE))).toBe(true);

    const restarted = start(true);
    restarted.windowClosed();
    expect(restarted.shown).toEqual([]);
  });

  it('without a listener, says only how to open and quit; a folder that cannot be written still tells, and warns', () => {
    const shown: { title: string; body: string }[] = [];
    const warnings: string[] = [];
    const windowClosed = createRunningInTrayNotice({
      dataFolder: '/nowhere',
      notify: (title, body) => shown.push({ title, body }),
      listenerRunning: () => false,
      warn: (message) => warnings.push(message),
      files: { exists: () => false, write: () => { throw new Error('read-only'); } },
    });
    windowClosed();
    expect(shown).toEqual([{ title: RUNNING_IN_TRAY_TITLE, body: 'Open it again from the tray icon; choose Quit Keywarden there to stop it.' }]);
    expect(warnings).toEqual(['could not remember that the tray notice was shown']);
  });
});
