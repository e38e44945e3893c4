/**
 * The preload of every Keywarden window. It runs sandboxed (no Node, only a tiny `require` for
 * 'electron'), so electron/scripts/build-electron.js bundles it, with the contract's channel list, into one
 * CommonJS file: out/preload/preload.cjs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createKeywardenApi } from './keywarden-bridge';

contextBridge.exposeInMainWorld('keywarden', createKeywardenApi(ipcRenderer));
