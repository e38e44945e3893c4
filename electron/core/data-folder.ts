/**
 * Where Keywarden keeps its data: KEYWARDEN_HOME, or else Electron's userData folder for the
 * product name "Keywarden". The desktop app and the CLI both start from here, so both see one vault.
 */
import os from 'node:os';
import path from 'node:path';

export function defaultDataFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['KEYWARDEN_HOME']) return path.resolve(env['KEYWARDEN_HOME']);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Keywarden');
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Keywarden');
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Keywarden');
}
