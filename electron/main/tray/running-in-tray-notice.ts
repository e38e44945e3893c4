/**
 * Closing the window does not quit Keywarden: it keeps running in the tray, and so does the webhook
 * listener. Issue 21: say so once, the first time the window is closed while the app keeps running,
 * and never again, also after a restart (a marker file in the data folder remembers it).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RUNNING_IN_TRAY_TITLE = 'Keywarden is still running in the tray';
export const runningInTrayBody = (listenerRunning: boolean): string =>
  listenerRunning
    ? 'The webhook listener keeps receiving alerts. Open Keywarden from the tray icon; choose Quit Keywarden there to stop everything.'
    : 'Open it again from the tray icon; choose Quit Keywarden there to stop it.';

/** In the data folder: its presence means the person was told. */
export const NOTICE_MARKER_FILE = 'told-about-tray.flag';

export interface RunningInTrayNoticeOptions {
  readonly dataFolder: string;
  readonly notify: (title: string, body: string) => void;
  readonly listenerRunning: () => boolean;
  readonly warn: (message: string) => void;
  /** For tests; the real file system by default. */
  readonly files?: { exists(file: string): boolean; write(file: string, text: string): void };
}

/** Returns what to call when the last window closed and the app keeps running. */
export function createRunningInTrayNotice(options: RunningInTrayNoticeOptions): () => void {
  const files = options.files ?? { exists: existsSync, write: (file: string, text: string) => writeFileSync(file, text, { mode: 0o600 }) };
  const marker = path.join(options.dataFolder, NOTICE_MARKER_FILE);
  let told = files.exists(marker);
  return () => {
    if (told) return;
    told = true;
    options.notify(RUNNING_IN_TRAY_TITLE, runningInTrayBody(options.listenerRunning()));
    try {
      files.write(marker, 'The person was told once that Keywarden keeps running in the tray.\n');
    } catch {
      // Told now; a folder that cannot be written only means being told once more after a restart.
      options.warn('could not remember that the tray notice was shown');
    }
  };
}
