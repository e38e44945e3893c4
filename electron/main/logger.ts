/**
 * The main process's log: one line per event on standard error (the terminal under `npm start`;
 * nowhere in a packaged app). Callers pass facts (channel names, codes, counts), never inputs or
 * outputs of a channel, which may hold secrets.
 */
export interface MainLogger {
  info(message: string): void;
  warn(message: string): void;
}

export function createStderrLogger(write: (line: string) => void = (line) => process.stderr.write(line)): MainLogger {
  const log = (level: string, message: string) => write(`[keywarden ${level}] ${message}\n`);
  return { info: (message) => log('info', message), warn: (message) => log('warn', message) };
}

/** For tests and callers that do not care. */
export const silentLogger: MainLogger = { info: () => {}, warn: () => {} };
