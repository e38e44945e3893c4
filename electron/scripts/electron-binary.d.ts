// Types for scripts/electron-binary.js (used by the Electron e2e suite).
export type ElectronBinary =
  | { readonly found: true; readonly path: string; readonly version: string }
  | { readonly found: false; readonly version: string; readonly message: string };
export declare function electronVersion(): string;
export declare function findElectronBinary(env?: NodeJS.ProcessEnv): ElectronBinary;
