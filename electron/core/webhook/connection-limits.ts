/**
 * Caps on the listener's open connections, in total and per peer address. Issue 14: 1,100 idle
 * sockets made a valid alert fail with a reset. Over a cap, the oldest connection that has no
 * request in progress (idle keep-alive, or still sending its headers, as a slow-header attack
 * does) is closed at once to make room; only when every one is busy answering is the new one
 * closed instead. So idle sockets can never keep a real alert out, and one address cannot hold more
 * than its share. Loopback and a trusted proxy get no exemption from the per-address cap: they
 * carry everyone's requests, and eviction of idle connections is what keeps them usable.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { normaliseAddress } from './client-address';

export const MAX_OPEN_CONNECTIONS = 256;
export const MAX_CONNECTIONS_PER_ADDRESS = 32;

interface Connection {
  readonly address: string;
  /** Requests in progress on it (more than one only with pipelining). */
  busy: number;
}

export class ConnectionLimits {
  readonly maxOpen: number;
  readonly maxPerAddress: number;
  /** In the order they were opened: the first idle one found is the oldest. */
  readonly #open = new Map<Socket, Connection>();
  readonly #perAddress = new Map<string, number>();

  constructor(limits: { readonly maxOpen?: number; readonly maxPerAddress?: number } = {}) {
    this.maxOpen = limits.maxOpen ?? MAX_OPEN_CONNECTIONS;
    this.maxPerAddress = limits.maxPerAddress ?? MAX_CONNECTIONS_PER_ADDRESS;
  }

  get open(): number {
    return this.#open.size;
  }

  /** Takes a new connection in (making room if a cap is reached) or closes it; false when it was closed. */
  admit(socket: Socket): boolean {
    const address = normaliseAddress(socket.remoteAddress ?? '') || 'unknown';
    if ((this.#perAddress.get(address) ?? 0) >= this.maxPerAddress && !this.#evictIdle(address)) return this.#refuse(socket);
    if (this.#open.size >= this.maxOpen && !this.#evictIdle(undefined)) return this.#refuse(socket);
    this.#open.set(socket, { address, busy: 0 });
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    socket.once('close', () => this.#forget(socket));
    return true;
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
    this.#open.clear();
    this.#perAddress.clear();
  }

  /** Closes the oldest idle connection (of `address`, or of any); false when every one is busy. */
  #evictIdle(address: string | undefined): boolean {
    for (const [socket, connection] of this.#open) {
      if (connection.busy > 0 || (address !== undefined && connection.address !== address)) continue;
      this.#forget(socket);
      socket.destroy();
      return true;
    }
    return false;
  }

  #refuse(socket: Socket): false {
    socket.destroy();
    return false;
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
