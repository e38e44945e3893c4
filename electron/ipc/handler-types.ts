/** The type of a contract handler; shared by the domain handler modules. */
import type { Core } from '../core/app';
import type { AuditActor } from '../core/audit/audit-schema';
import type { ChannelName, ChannelOutput, ParsedChannelInput } from './contract';

export interface CallContext {
  /** Who asked: recorded in the audit log. */
  readonly actor: AuditActor;
}

export type Handler<K extends ChannelName> = (core: Core, input: ParsedChannelInput<K>, context: CallContext) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

/** Handlers for a subset of the channels (one domain). */
export type HandlerMap<K extends ChannelName> = { readonly [P in K]: Handler<P> };
