/** Who did it and how it ended, in the words the Audit page, its CSV and the CLI use. */

export const actorWords: Readonly<Record<'ui' | 'tray' | 'webhook' | 'cli' | 'system', string>> = {
  ui: 'You (app)',
  tray: 'Tray menu',
  webhook: 'Alert',
  cli: 'Command line',
  system: 'Keywarden',
};

export const outcomeWords: Readonly<Record<'ok' | 'denied' | 'error', string>> = {
  ok: 'Done',
  denied: 'Refused',
  error: 'Failed',
};
