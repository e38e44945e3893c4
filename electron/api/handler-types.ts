/** The type of a contract handler; shared by the domain handler modules. */
import type { Core } from '../core/app';
import type { AuditActor } from '../core/audit/audit-schema';
import type { DialogChoice, FileChoicePurpose } from './backup-contract';
import type { ChosenFiles } from './chosen-files';
import type { ChannelName, ChannelOutput, ParsedChannelInput } from './contract';

/** Shows the system's file dialog for `purpose`; only a transport with a window has one. */
export type FileChooser = (purpose: FileChoicePurpose) => Promise<DialogChoice>;

export interface CallContext {
  /** Who asked: recorded in the audit log. */
  readonly actor: AuditActor;
  /** The desktop app's window: files chosen in the system dialog, by handle (the CLI takes paths as arguments instead). */
  readonly files?: ChosenFiles | undefined;
}

export type Handler<K extends ChannelName> = (core: Core, input: ParsedChannelInput<K>, context: CallContext) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

/** Handlers for a subset of the channels (one domain). */
export type HandlerMap<K extends ChannelName> = { readonly [P in K]: Handler<P> };
