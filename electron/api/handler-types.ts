/** The type of a contract handler; shared by the domain handler modules. */
import type { Core } from '../core/app';
import type { AuditActor } from '../core/audit/audit-schema';
import type { DialogChoice, FileChoicePurpose } from './backup-contract';
import type { ChosenFiles } from './chosen-files';
import type { ChannelName, ChannelOutput, ParsedChannelInput } from './contract';

/** Shows the system's file dialog for `purpose`; only a transport with a window has one. */
export type FileChooser = (purpose: FileChoicePurpose) => Promise<DialogChoice>;

/** Something the caller should know while its call waits, e.g. that the desktop app is asking a person. */
export interface CallNotice {
  readonly code: string;
  readonly message: string;
}

export interface CallContext {
  /** Who asked: recorded in the audit log. */
  readonly actor: AuditActor;
  /** The desktop app's window: files chosen in the system dialog, by handle (the CLI takes paths as arguments instead). */
  readonly files?: ChosenFiles | undefined;
  /** Tells the caller, before the answer, why it waits (the agent's socket passes these on to the CLI). */
  readonly notice?: ((notice: CallNotice) => void) | undefined;
  /** Aborted when the caller is gone (its connection to the agent closed): a call waiting for a person stops waiting. */
  readonly signal?: AbortSignal | undefined;
}

export type Handler<K extends ChannelName> = (core: Core, input: ParsedChannelInput<K>, context: CallContext) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

/** Handlers for a subset of the channels (one domain). */
export type HandlerMap<K extends ChannelName> = { readonly [P in K]: Handler<P> };
