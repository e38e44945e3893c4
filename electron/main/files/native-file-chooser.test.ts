/** The system file dialog behind the backup forms' Choose buttons, with Electron's dialogs faked. */
import { describe, expect, it } from 'vitest';
import { FakeBrowserWindow, FakeFileDialogs } from '../testing/fake-electron';
import { createNativeFileChooser } from './native-file-chooser';

function chooser(options: { existing?: readonly string[]; window?: FakeBrowserWindow } = {}) {
  const dialogs = new FakeFileDialogs();
  const window = options.window ?? new FakeBrowserWindow({});
  const choose = createNativeFileChooser({
    dialogs,
    window: () => window,
    fileExists: (file) => (options.existing ?? []).includes(file),
    now: () => new Date('2026-12-06T09:30:00Z'),
  });
  return { dialogs, window, choose };
}

describe('the native file chooser', () => {
  it('offers a dated .kwbackup name in a save dialog over the window, asking before replacing a file', async () => {
    const { dialogs, window, choose } = chooser();
    dialogs.answers.push('/home/me/keywarden-2026-12-06.kwbackup');
    expect(await choose('backup-export')).toEqual({ file: '/home/me/keywarden-2026-12-06.kwbackup', replaceConfirmed: false });
    expect(dialogs.calls).toHaveLength(1);
    const [call] = dialogs.calls;
    expect(call?.kind).toBe('save');
    expect(call?.parent).toBe(window);
    expect(call?.options).toMatchObject({
      defaultPath: 'keywarden-2026-12-06.kwbackup',
      filters: [{ name: 'Keywarden backup', extensions: ['kwbackup'] }, { name: 'All files', extensions: ['*'] }],
    });
    // Linux's dialog asks before choosing an existing file only when told to; key files stay out of "recent".
    expect(call?.options.properties).toEqual(expect.arrayContaining(['showOverwriteConfirmation', 'dontAddToRecent']));
  });

  it('reports an existing file chosen in the save dialog as a replacement the user confirmed', async () => {
    const { dialogs, choose } = chooser({ existing: ['/home/me/old.kwbackup'] });
    dialogs.answers.push('/home/me/old.kwbackup');
    expect(await choose('backup-export')).toEqual({ file: '/home/me/old.kwbackup', replaceConfirmed: true });
  });

  it('opens a backup with the backup filter, and a .env file with hidden files shown', async () => {
    const { dialogs, choose } = chooser({ existing: ['/home/me/bot/.env'] });
    dialogs.answers.push('/home/me/keywarden.kwbackup', '/home/me/bot/.env');
    expect(await choose('backup-import')).toEqual({ file: '/home/me/keywarden.kwbackup', replaceConfirmed: false });
    // An existing file chosen to read is no replacement.
    expect(await choose('env-import')).toEqual({ file: '/home/me/bot/.env', replaceConfirmed: false });
    const [backup, env] = dialogs.calls;
    expect(backup).toMatchObject({ kind: 'open', options: { filters: [{ extensions: ['kwbackup'] }, { extensions: ['*'] }] } });
    expect(backup?.options.properties).toEqual(['openFile', 'dontAddToRecent']);
    expect(env).toMatchObject({ kind: 'open', options: { title: 'Import keys from a .env file' } });
    expect(env?.options).not.toHaveProperty('filters');
    expect(env?.options.properties).toEqual(['openFile', 'showHiddenFiles', 'dontAddToRecent']);
  });

  it('answers no file when the dialog is closed without choosing', async () => {
    const { choose } = chooser();
    expect(await choose('backup-export')).toEqual({ file: null, replaceConfirmed: false });
    expect(await choose('backup-import')).toEqual({ file: null, replaceConfirmed: false });
    expect(await choose('env-import')).toEqual({ file: null, replaceConfirmed: false });
  });

  it('shows a free-standing dialog when the window is gone', async () => {
    const window = new FakeBrowserWindow({});
    window.close();
    const { dialogs, choose } = chooser({ window });
    await choose('backup-import');
    expect(dialogs.calls[0]?.parent).toBeUndefined();
  });
});
