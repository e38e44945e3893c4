/**
 * Electron IPC as one transport of the contract: every contract channel is registered on
 * `ipcMain.handle` through the one generic handler below. It checks the sender, then hands the raw
 * input to `invokeChannel` (the single entry every transport uses: validation with the channel's zod
 * schema, the handler, output check, error mapping). The renderer always gets a serialisable
 * ContractResult, never an exception or a stack.
 */
import type { Core } from '../../api/core-host';
import { channelNames, type ChannelName, type ContractResult } from '../../api/contract';
import { createChosenFiles, type ChosenFiles } from '../../api/chosen-files';
import type { FileChooser } from '../../api/handler-types';
import { invokeChannel } from '../../api/handlers';
import { ipcChannelFor } from '../../preload/ipc-wire';
import type { MainLogger } from '../logger';
import type { InvokeEventLike, TrustedSenders } from './trusted-senders';

/** The part of Electron's `ipcMain` this needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface ContractIpcOptions {
  readonly ipcMain: IpcMainLike;
  readonly core: Core;
  readonly trustedSenders: TrustedSenders;
  readonly logger: MainLogger;
  /** The system file dialog over the window (backup.chooseFile). */
  readonly chooseFile?: FileChooser;
}

/** The answer to a caller that is not our window: its own code, and no detail for a foreign page. */
export const refusedSender: ContractResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'IPC_SENDER_REFUSED' as const, message: 'Refused: this request did not come from the Keywarden window.' }),
});

/** Registers every contract channel; returns the function that unregisters them. */
export function registerContractChannels(options: ContractIpcOptions): () => void {
  // The files chosen in this window's dialogs, by handle: the window never names a file by path.
  const files = options.chooseFile ? createChosenFiles(options.chooseFile, () => options.core.clock.now()) : undefined;
  const registered = channelNames.map((name) => {
    const channel = ipcChannelFor(name);
    options.ipcMain.handle(channel, (event, input) => answerContractCall(options, files, name, event, input));
    return channel;
  });
  return () => registered.forEach((channel) => options.ipcMain.removeHandler(channel));
}

async function answerContractCall(options: ContractIpcOptions, files: ChosenFiles | undefined, name: ChannelName, event: InvokeEventLike, input: unknown): Promise<ContractResult<unknown>> {
  if (!options.trustedSenders.isTrusted(event)) {
    // Logged without the input or the frame's URL: either may carry something secret.
    options.logger.warn(`refused ${name} from a frame that is not the Keywarden window`);
    return refusedSender;
  }
  // Whether this call keeps the vault unlocked is the channel spec's rule, applied by invokeChannel.
  return invokeChannel(options.core, name, input, { actor: 'ui', files });
}
