/**
 * Whether alerts would be refused because the vault is locked (issue 19: never a silent refusal), for
 * the lock warning, the lock screen, the sidebar, the tray and the idle lock's "keep unlocked" choice.
 * Unlocked, enabled sources are counted from the checked list; locked, from the rows' enabled flags
 * (their MACs need the vault key), which is enough to warn by and decides nothing.
 */
import type { Vault } from '../vault/vault';
import type { WebhookService } from './webhook-service';
import type { ListenerWatchStatus } from './webhook-setup-schema';

export class ListenerWatch {
  readonly #webhook: WebhookService;
  readonly #vault: Vault;
  constructor(options: { webhook: WebhookService; vault: Vault }) {
    this.#webhook = options.webhook;
    this.#vault = options.vault;
  }

  #enabledSources(): number {
    if (this.#vault.isUnlocked()) return this.#webhook.sources.list().filter((source) => source.enabled).length;
    // Locked, the rows' MACs cannot be checked; their enabled flags are enough to warn by.
    return this.#webhook.sources.enabledCount();
  }

  /** The listener runs with an enabled source: a lock now would refuse its alerts. */
  serving(): boolean {
    return this.#webhook.status().running && this.#enabledSources() > 0;
  }

  status(): ListenerWatchStatus {
    const status = this.#webhook.status();
    const locked = !this.#vault.isUnlocked();
    const enabledSources = this.#enabledSources();
    const serving = status.running && enabledSources > 0;
    return {
      locked,
      listenerRunning: status.running,
      enabledSources,
      alertsRefusedWhileLocked: locked && serving,
      lockRefusesAlerts: !locked && serving,
      keepUnlockedWhileListening: this.#vault.keepUnlockedWhileListening(),
      publicWebhookUrlPrefix: status.publicWebhookUrlPrefix,
    };
  }
}
