/**
 * Main → renderer events: every contract event the core emits goes to the Keywarden windows on the one
 * event channel, as `{ name, payload }`, checked against its schema first (api/contract-events.ts).
 */
import type { CoreEvents } from '../../api/core-host';
import { forwardCheckedEvents } from '../../api/contract-events';
import { EVENT_CHANNEL, type EventMessage } from '../../preload/ipc-wire';
import type { MainLogger } from '../logger';
import type { TrustedSenders } from './trusted-senders';

/** Subscribes to every contract event; returns the function that stops forwarding. */
export function forwardContractEvents(events: CoreEvents, trustedSenders: TrustedSenders, logger: MainLogger): () => void {
  return forwardCheckedEvents(events, {
    deliver(name, payload) {
      const message = { name, payload } as EventMessage;
      for (const contents of trustedSenders.receivers()) contents.send(EVENT_CHANNEL, message);
    },
    dropped: (name) => logger.warn(`dropped event ${name}: its payload does not match the contract`),
  });
}
