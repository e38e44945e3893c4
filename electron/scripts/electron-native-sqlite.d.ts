// Types for scripts/electron-native-sqlite.js (used by the Electron e2e suite).
export declare function nativeBuildFolder(electronVersion: string, platform?: string, arch?: string): string;
export declare function ensureElectronSqlite(options: { electronVersion: string; platform?: string; arch?: string; log?: (line: string) => void }): string;
