/**
 * Main → renderer events: every contract event the core emits goes to the Keywarden windows on the one
 * event channel, as `{ name, payload }`. Each payload is checked against its schema first (which also
 * drops fields the schema does not name), so a payload that could carry more than the contract allows
 * never leaves the main process. New contract events are forwarded without changes here.
 */
import type { CoreEvents } from '../../core/events';
import { contractEventNames, contractEvents, type ContractEventName } from '../../api/contract';
import { EVENT_CHANNEL, type EventMessage } from '../../preload/ipc-wire';
import type { MainLogger } from '../logger';
import type { TrustedSenders } from './trusted-senders';

/** Subscribes to every contract event; returns the function that stops forwarding. */
export function forwardContractEvents(events: CoreEvents, trustedSenders: TrustedSenders, logger: MainLogger): () => void {
  const stops = contractEventNames.map((name) => events.on(name, (payload) => sendEvent(trustedSenders, logger, name, payload)));
  return () => stops.forEach((stop) => stop());
}

function sendEvent(trustedSenders: TrustedSenders, logger: MainLogger, name: ContractEventName, payload: unknown): void {
  const checked = contractEvents[name].safeParse(payload);
  if (!checked.success) {
    logger.warn(`dropped event ${name}: its payload does not match the contract`);
    return;
  }
  const message = { name, payload: checked.data } as EventMessage;
  for (const contents of trustedSenders.receivers()) contents.send(EVENT_CHANNEL, message);
}
