/**
 * The words for "never a silent refusal" (issue 19), shared by the tray, the sidebar, the lock screen
 * and the lock warning, so they say the same thing.
 */
export const ALERTS_REFUSED_WHILE_LOCKED = 'Alerts refused while locked';

export function lockRefusesAlertsWarning(enabledSources: number): string {
  const sources = enabledSources === 1 ? 'an enabled alert source' : `${enabledSources} enabled alert sources`;
  return `The webhook listener is on with ${sources}: while the vault is locked, every TradingView alert is refused (nothing is placed). Each refusal is listed in Received alerts and shown as a notification.`;
}

/** What keeping the vault unlocked while the listener is on means: the core's refusal and the window use it. */
export const KEEP_UNLOCKED_CONSEQUENCE = 'While the listener is on, the vault will not lock itself when idle: anyone who can use this computer can trade with your keys and read them through Keywarden. Locking by hand still locks.';
