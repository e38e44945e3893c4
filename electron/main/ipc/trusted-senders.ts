/**
 * Which renderers may call the contract (GitHub Desktop's trusted-ipc-sender, Electron Fiddle): a
 * call is answered only when it comes from the top frame of a window our window factory created, and
 * that frame is showing the app's own origin. Anything else (a foreign origin, file://, http://, a
 * sub-frame, a frame already gone) is refused.
 */
import { isAppUrl } from '../security/app-origin';

/** The part of Electron's `WebContents` the registry needs. */
export interface TrustedWebContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  getURL(): string;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** The part of Electron's `IpcMainInvokeEvent` the check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export class TrustedSenders {
  readonly #contents = new Map<number, TrustedWebContents>();

  /** Called by the window factory for each window it creates. */
  add(webContents: TrustedWebContents): void {
    this.#contents.set(webContents.id, webContents);
    webContents.once('destroyed', () => this.#contents.delete(webContents.id));
  }

  isTrusted(event: InvokeEventLike): boolean {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!this.#contents.has(event.sender.id)) return false;
    return isAppUrl(frame.url);
  }

  /** The live windows showing the app's origin: where events go. */
  receivers(): TrustedWebContents[] {
    return [...this.#contents.values()].filter((contents) => !contents.isDestroyed() && isAppUrl(contents.getURL()));
  }
}
