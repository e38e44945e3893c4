/**
 * Where the agent listens: a socket in the data folder, or on Windows a named pipe whose name is
 * per user and per data folder (pipes have no folder to hide in), so two users, or two data
 * folders of one user, never meet at the same pipe.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { agentSocketPath } from './socket-path';

describe('the agent\'s address', () => {
  it('is agent.sock in the data folder on Unix', () => {
    expect(agentSocketPath('/home/me/.config/Keywarden', 'linux')).toBe('/home/me/.config/Keywarden/agent.sock');
    expect(agentSocketPath('/Users/me/Library/Application Support/Keywarden', 'darwin')).toBe('/Users/me/Library/Application Support/Keywarden/agent.sock');
  });

  it('is a named pipe per user and data folder on Windows, naming neither', () => {
    const pipe = agentSocketPath('C:\\Users\\me\\AppData\\Roaming\\Keywarden', 'win32');
    expect(pipe).toMatch(/^\\\\\.\\pipe\\keywarden-[0-9a-f]{24}$/);
    expect(pipe).not.toContain(os.userInfo().username);
    expect(agentSocketPath('C:\\Users\\me\\AppData\\Roaming\\Keywarden', 'win32')).toBe(pipe);
    expect(agentSocketPath('D:\\other\\Keywarden', 'win32')).not.toBe(pipe);
  });
});
