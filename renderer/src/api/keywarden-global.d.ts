import type { KeywardenApi } from './contract-types';

declare global {
  interface Window {
    /** Built by the preload (Electron) or the e2e bridge (Playwright): one method per contract channel, plus subscribe. */
    readonly keywarden: KeywardenApi;
  }
}
