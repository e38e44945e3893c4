// Builds the renderer into out/renderer. The Electron shell serves it from a custom app:// protocol
// (DESIGN.md, Electron hardening), so every asset URL must be relative: base './'.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    // Electron 45 ships Chromium 142; e2e runs Debian Chromium, which is newer.
    target: 'chrome130',
    // The polyfill is for browsers without <link rel="modulepreload">; Chromium has it.
    modulePreload: { polyfill: false },
    // Data URLs for small assets would need img-src/font-src exceptions; keep every asset a file.
    assetsInlineLimit: 0,
  },
});
