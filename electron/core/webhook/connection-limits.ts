/**
 * Caps on the listener's open connections, in total and per peer address. Issue 14: 1,100 idle
 * sockets made a valid alert fail with a reset. Over a cap, the oldest connection that has no
 * request in progress (idle keep-alive, or still sending its headers, as a slow-header attack
 * does) is closed at once to make room; only when every one is busy answering is the new one
 * shed instead: its request gets a fast 503 with Retry-After and the connection is closed (issue 22:
 * closing it unanswered lost alerts under load — TradingView does not send again after a reset or a
 * timeout, but a 503 asks it to). Shed connections are bounded too; past that bound a new one is
 * closed at once. So idle sockets can never keep a real alert out, and one address cannot hold more
 * than its share. Loopback and a trusted proxy get no exemption from the per-address cap: they
 * carry everyone's requests, and eviction of idle connections is what keeps them usable.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { normaliseAddress } from './client-address';

export const MAX_OPEN_CONNECTIONS = 256;
export const MAX_CONNECTIONS_PER_ADDRESS = 32;
/** Connections over a cap that are kept only to be answered "busy": enough for a burst, few enough to cost nothing. */
export const MAX_SHED_CONNECTIONS = 64;

/** `open`: served; `shed`: to be answered 503 and closed; `closed`: closed at once. */
export type Admission = 'open' | 'shed' | 'closed';

/**
 * A connection that has sent nothing yet is evicted only after this long. After the event loop was
 * held up (a busy machine), a burst of new connections is accepted at once, before any of them is
 * read: each would count as idle and evict the one before it (issue 22: alerts lost to resets).
 */
export const UNREAD_GRACE_MS = 1_000;

interface Connection {
  readonly address: string;
  readonly openedAt: number;
  /** Requests in progress on it (more than one only with pipelining). */
  busy: number;
}

export class ConnectionLimits {
  readonly maxOpen: number;
  readonly maxPerAddress: number;
  readonly maxShed: number;
  readonly #shed = new Set<Socket>();
  /** In the order they were opened: the first idle one found is the oldest. */
  readonly #open = new Map<Socket, Connection>();
  readonly #perAddress = new Map<string, number>();

  constructor(limits: { readonly maxOpen?: number; readonly maxPerAddress?: number; readonly maxShed?: number } = {}) {
    this.maxOpen = limits.maxOpen ?? MAX_OPEN_CONNECTIONS;
    this.maxPerAddress = limits.maxPerAddress ?? MAX_CONNECTIONS_PER_ADDRESS;
    this.maxShed = limits.maxShed ?? MAX_SHED_CONNECTIONS;
  }

  /** Every connection the server may hold at once: the open ones, the shed ones, and the one being admitted. */
  get ceiling(): number {
    return this.maxOpen + this.maxShed + 1;
  }

  get open(): number {
    return this.#open.size;
  }

  /** Takes a new connection in (making room if a cap is reached), keeps it only to shed its request, or closes it. */
  admit(socket: Socket): Admission {
    const address = normaliseAddress(socket.remoteAddress ?? '') || 'unknown';
    if ((this.#perAddress.get(address) ?? 0) >= this.maxPerAddress && !this.#evictIdle(address)) return this.#shedOrClose(socket);
    if (this.#open.size >= this.maxOpen && !this.#evictIdle(undefined)) return this.#shedOrClose(socket);
    this.#open.set(socket, { address, openedAt: performance.now(), busy: 0 });
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    socket.once('close', () => this.#forget(socket));
    return 'open';
  }

  /** Connections kept only to be answered "busy". */
  get shedding(): number {
    return this.#shed.size;
  }

  /** True for a connection admitted only to be answered "busy". */
  isShed(socket: Socket): boolean {
    return this.#shed.has(socket);
  }

  /** Marks the connection busy until the answer is written or the client goes away. */
  busyUntilAnswered(socket: Socket, res: ServerResponse): void {
    const connection = this.#open.get(socket);
    if (!connection) return;
    connection.busy += 1;
    res.once('close', () => {
      connection.busy -= 1;
    });
  }

  clear(): void {
    this.#shed.clear();
    this.#open.clear();
    this.#perAddress.clear();
  }

  /**
   * Closes the oldest idle connection (of `address`, or of any); false when every one is busy. Idle:
   * no request in progress, and it has sent something (a finished request, part of its headers) or
   * nothing for UNREAD_GRACE_MS. One just accepted may hold a request not read yet.
   */
  #evictIdle(address: string | undefined): boolean {
    const now = performance.now();
    for (const [socket, connection] of this.#open) {
      if (connection.busy > 0 || (address !== undefined && connection.address !== address)) continue;
      if (socket.bytesRead === 0 && now - connection.openedAt < UNREAD_GRACE_MS) continue;
      this.#forget(socket);
      socket.destroy();
      return true;
    }
    return false;
  }

  #shedOrClose(socket: Socket): Admission {
    if (this.#shed.size >= this.maxShed) {
      socket.destroy();
      return 'closed';
    }
    this.#shed.add(socket);
    socket.once('close', () => this.#shed.delete(socket));
    return 'shed';
  }

  #forget(socket: Socket): void {
    const connection = this.#open.get(socket);
    if (!connection) return;
    this.#open.delete(socket);
    const left = (this.#perAddress.get(connection.address) ?? 1) - 1;
    if (left > 0) this.#perAddress.set(connection.address, left);
    else this.#perAddress.delete(connection.address);
  }
}
