/**
 * Revoking or deleting a key without stranding the orders it placed. Canceling an order needs the
 * key's secret, so the order of things is: list the key's open orders, cancel them on the exchange
 * (unless the person chose to leave them), and only then destroy the secret. If a cancel fails,
 * nothing is destroyed: the person can retry, or choose to leave the orders open.
 */
import { appendAudit, type AuditDetails } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import type { CredentialInfo } from '../credentials/credential-schema';
import type { CredentialRepository } from '../credentials/credential-repository';
import { KeywardenError, isKeywardenError } from '../errors';
import { exchangeDisplayName } from '../exchanges/exchange-catalog';
import type { OpenedDatabase } from '../store/database';
import { describeOrder } from '../trading/order-description';
import type { DeleteResult, KeyDeletion, KeyOpenOrders, OpenOrdersChoice, OpenOrdersOutcome, RevokeResult } from './key-retirement-schema';
import type { Trading } from '../trading/trading';
import type { OrderInfo, OrderStatus } from '../trading/trading-schema';

/** Statuses of an order that may be resting on the exchange. */
const MAY_BE_OPEN: readonly OrderStatus[] = ['open', 'sending', 'unknown'];
/** Trading's own cap on one look at a key's orders (panic uses the same). */
const MAX_ORDERS = 1000;
/**
 * Orders placed while the cancels run (an alert arriving) are looked for again; after this many
 * rounds of new ones the key is left as it is and the person is asked to pause trading first.
 */
const MAX_ROUNDS = 3;

export interface KeyRetirementOptions {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly credentials: CredentialRepository;
  readonly trading: Pick<Trading, 'listOrders' | 'refresh' | 'cancel'>;
}

export class KeyRetirement {
  readonly #database: OpenedDatabase;
  readonly #clock: Clock;
  readonly #credentials: CredentialRepository;
  readonly #trading: KeyRetirementOptions['trading'];

  constructor(options: KeyRetirementOptions) {
    this.#database = options.database;
    this.#clock = options.clock;
    this.#credentials = options.credentials;
    this.#trading = options.trading;
  }

  /**
   * The key's orders that may be open on its exchange. Orders sent but never confirmed are looked
   * up on the exchange first (while the key can still sign), so the list is as current as it can be.
   */
  async openOrders(ref: string, actor: AuditActor): Promise<KeyOpenOrders> {
    const credential = this.#credentials.get(ref);
    const exchangeName = await exchangeDisplayName(credential.provider);
    if (credential.status !== 'revoked') await this.#refreshUnconfirmed(credential.id, actor);
    const orders = this.#mayBeOpen(credential.id);
    return {
      credentialId: credential.id,
      label: credential.label,
      provider: credential.provider,
      exchangeName,
      open: orders.filter((order) => !order.paper && order.status === 'open'),
      unconfirmed: orders.filter((order) => !order.paper && order.status !== 'open'),
      paperOpen: orders.filter((order) => order.paper && order.status === 'open').length,
      deletion: this.#deletion(credential),
    };
  }

  /** Handles the key's open orders as chosen, then destroys its secret; the record stays, revoked. */
  async revoke(ref: string, choice: OpenOrdersChoice, actor: AuditActor): Promise<RevokeResult> {
    const credential = this.#credentials.get(ref);
    if (credential.status === 'revoked') throw new KeywardenError('CREDENTIAL_REVOKED', `"${credential.label}" is already revoked.`);
    return this.#retire(credential, choice, actor, 'revoke', (orders, details) => ({
      credential: this.#credentials.revoke(credential.id, actor, details),
      orders,
    }));
  }

  /**
   * Handles the key's open orders as chosen, then deletes the key. A key that placed orders is
   * revoked instead and its record kept: the daily limits and the order history count its orders.
   */
  async delete(ref: string, choice: OpenOrdersChoice, actor: AuditActor): Promise<DeleteResult> {
    const credential = this.#credentials.get(ref);
    if (this.#deletion(credential) === 'refused') {
      throw new KeywardenError('CREDENTIAL_REVOKED', `"${credential.label}" is already revoked, and its record stays: orders were placed with it, and your daily limits and order history count them.`);
    }
    return this.#retire(credential, choice, actor, 'delete', (orders, details) => {
      // Asked again at the last moment: an order may have been placed while the others were canceled.
      if (this.#deletion(credential) === 'deletes-record') return { ...this.#credentials.delete(credential.id, actor, details), recordKept: false, orders };
      this.#credentials.revoke(credential.id, actor, { ...details, requested: 'delete', recordKept: true });
      return { id: credential.id, label: credential.label, recordKept: true, orders };
    });
  }

  /**
   * Settles the open orders, then calls `destroy` in the same turn of the event loop as the last
   * look at them, so no order this process places can slip in between.
   */
  async #retire<T>(credential: CredentialInfo, choice: OpenOrdersChoice, actor: AuditActor, operation: 'revoke' | 'delete', destroy: (orders: OpenOrdersOutcome, details: AuditDetails) => T): Promise<T> {
    const exchangeName = await exchangeDisplayName(credential.provider);
    // A revoked key cannot sign: its orders stay as they were left.
    const canSign = credential.status !== 'revoked';
    if (canSign) await this.#refreshUnconfirmed(credential.id, actor);
    const tally = new OrderTally(choice, exchangeName);
    for (let round = 1; ; round++) {
      const pending = this.#mayBeOpen(credential.id).filter((order) => !tally.seen(order.id));
      // Paper orders exist only here: closed whatever was chosen. Real ones only when chosen and possible.
      const toCancel = pending.filter((order) => order.status === 'open' && (order.paper || (canSign && choice === 'cancel')));
      if (toCancel.length > 0 && round > MAX_ROUNDS) {
        for (const order of toCancel) tally.failed(order, 'It was placed while the key was being retired. Pause trading (or the alert that places orders with this key) first.');
      }
      if (toCancel.length === 0 || round > MAX_ROUNDS) {
        for (const order of pending) if (!tally.seen(order.id)) tally.notCanceled(order);
        if (tally.failures.length > 0) this.#refuse(credential, operation, tally, actor);
        return destroy(tally.outcome(), tally.auditDetails());
      }
      for (const order of toCancel) {
        try {
          tally.canceled(await this.#trading.cancel(order.id, actor));
        } catch (error) {
          if (isKeywardenError(error, 'VAULT_LOCKED')) throw error;
          tally.failed(order, isKeywardenError(error) ? error.message : `${exchangeName} did not confirm the cancel.`);
        }
      }
    }
  }

  /** Records that nothing was destroyed and why, then says so with every order that failed. */
  #refuse(credential: CredentialInfo, operation: 'revoke' | 'delete', tally: OrderTally, actor: AuditActor): never {
    const { failures, exchangeName } = tally;
    this.#database.db.transaction((tx) => appendAudit(tx, this.#clock, {
      actor,
      action: operation === 'revoke' ? 'credential.revoke' : 'credential.delete',
      subject: credential.id,
      outcome: 'error',
      details: { label: credential.label, ...tally.auditDetails(), failedOrders: failures.map(({ order }) => order.id).join(',') },
    }), { behavior: 'immediate' });
    const canceled = tally.outcome().canceled.length;
    const lines = failures.map(({ order, reason }) => `${capitalised(describeOrder(order))} (order ${order.id}): ${reason}`);
    throw new KeywardenError(
      'OPEN_ORDERS_NOT_CANCELED',
      `Nothing was ${operation === 'revoke' ? 'revoked' : 'deleted'}: ${failures.length === 1 ? 'an open order' : `${failures.length} open orders`} on ${exchangeName} could not be canceled. ${lines.join(' ')}${canceled > 0 ? ` (${canceled} other${canceled === 1 ? ' was' : 's were'} canceled.)` : ''} Try again, or choose to leave ${failures.length === 1 ? 'it' : 'them'} open.`,
      { failedOrders: failures.map(({ order }) => order.id).join(','), canceledOrders: tally.outcome().canceled.map((order) => order.id).join(',') },
    );
  }

  /** Asks the exchange about orders sent but never confirmed; one it cannot find or reach stays unconfirmed. */
  async #refreshUnconfirmed(credentialId: string, actor: AuditActor): Promise<void> {
    for (const order of this.#mayBeOpen(credentialId)) {
      if (order.paper || order.status === 'open') continue;
      try {
        await this.#trading.refresh(order.id, actor);
      } catch (error) {
        if (isKeywardenError(error, 'VAULT_LOCKED')) throw error;
      }
    }
  }

  #mayBeOpen(credentialId: string): OrderInfo[] {
    return this.#trading.listOrders({ account: credentialId, statuses: MAY_BE_OPEN, limit: MAX_ORDERS });
  }

  /** A key that placed orders keeps its record: the daily limits and the order history count them. */
  #deletion(credential: CredentialInfo): KeyDeletion {
    if (this.#trading.listOrders({ account: credential.id, limit: 1 }).length === 0) return 'deletes-record';
    return credential.status === 'revoked' ? 'refused' : 'keeps-record';
  }
}

/** What became of each open order, as it happened. */
class OrderTally {
  readonly #seen = new Set<string>();
  readonly #canceled: OrderInfo[] = [];
  readonly #alreadyClosed: OrderInfo[] = [];
  readonly #leftOpen: OrderInfo[] = [];
  readonly #unconfirmed: OrderInfo[] = [];
  #paperCanceled = 0;
  readonly failures: { order: OrderInfo; reason: string }[] = [];

  constructor(readonly choice: OpenOrdersChoice, readonly exchangeName: string) {}

  seen(id: string): boolean {
    return this.#seen.has(id);
  }

  canceled(order: OrderInfo): void {
    this.#seen.add(order.id);
    if (order.paper) this.#paperCanceled += 1;
    else if (order.status === 'canceled') this.#canceled.push(order);
    // Filled or closed on the exchange before the cancel reached it (Trading.cancel refreshed it).
    else if (order.status !== 'open') this.#alreadyClosed.push(order);
    else this.failed(order, `${this.exchangeName} still shows it open.`);
  }

  failed(order: OrderInfo, reason: string): void {
    this.#seen.add(order.id);
    this.failures.push({ order, reason });
  }

  /** Left as it is: open (the person chose so, or the key cannot sign any more), or never confirmed. */
  notCanceled(order: OrderInfo): void {
    this.#seen.add(order.id);
    (order.status === 'open' ? this.#leftOpen : this.#unconfirmed).push(order);
  }

  outcome(): OpenOrdersOutcome {
    return {
      choice: this.choice,
      exchangeName: this.exchangeName,
      canceled: [...this.#canceled],
      alreadyClosed: [...this.#alreadyClosed],
      leftOpen: [...this.#leftOpen],
      unconfirmed: [...this.#unconfirmed],
      paperCanceled: this.#paperCanceled,
    };
  }

  /** Which orders were canceled because of this, and which were left: for the audit log. */
  auditDetails(): AuditDetails {
    const ids = (orders: readonly OrderInfo[]) => orders.map((order) => order.id).join(',');
    return {
      openOrders: this.choice,
      canceledOrders: ids(this.#canceled),
      alreadyClosedOrders: ids(this.#alreadyClosed),
      leftOpenOrders: ids(this.#leftOpen),
      unconfirmedOrders: ids(this.#unconfirmed),
      paperOrdersCanceled: this.#paperCanceled,
    };
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
