/**
 * Core events as every transport forwards them (the Electron window, the e2e bridge, later the
 * agent's socket): each payload is checked against its contract schema first, which also drops
 * fields the schema does not name, so a payload that could carry more than the contract allows is
 * never delivered. New contract events are forwarded without changes here.
 */
import type { CoreEvents } from '../core/events';
import { contractEventNames, contractEvents, type ContractEventName, type ContractEventPayload } from './contract';

export interface ContractEventSink {
  deliver<E extends ContractEventName>(name: E, payload: ContractEventPayload<E>): void;
  /** A payload that did not match its schema (a bug): told by name only, never the payload. */
  dropped(name: ContractEventName): void;
}

/** Subscribes to every contract event; returns the function that stops forwarding. */
export function forwardCheckedEvents(events: CoreEvents, sink: ContractEventSink): () => void {
  const stops = contractEventNames.map((name) =>
    events.on(name, (payload) => {
      const checked = contractEvents[name].safeParse(payload);
      if (checked.success) sink.deliver(name, checked.data as ContractEventPayload<typeof name>);
      else sink.dropped(name);
    }),
  );
  return () => stops.forEach((stop) => stop());
}
