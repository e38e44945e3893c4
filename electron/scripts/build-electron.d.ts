// Types for scripts/build-electron.js, so TypeScript tests can build the bundles they check.
export declare const mainOutfile: string;
export declare const preloadOutfile: string;
export declare function buildMain(outfile?: string): Promise<void>;
export declare function buildPreload(outfile?: string): Promise<void>;
export declare function buildElectron(): Promise<void>;
export declare function readContractNames(): Promise<{ channelNames: string[]; contractEventNames: string[] }>;
export declare function buildRenderer(): Promise<void>;
export declare function buildApp(): Promise<void>;
