import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// The page carries its Content-Security-Policy in a meta tag, first in <head> of renderer/index.html, whatever serves
// it. Only the dev server takes it out: its inline refresh preamble would be refused (dev still gets the header).
const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/;
const cspMetaOutOfDev: Plugin = {
  name: 'csp-meta-out-of-dev',
  apply: 'serve',
  transformIndexHtml: { order: 'pre', handler: (html) => html.replace(CSP_META, '') },
};

// main, preload and renderer are built separately; the preload is one self-contained CommonJS file (sandboxed).
export default defineConfig({
  main: {
    build: {
      // Two programs for Node: the shell's main process (out/main/index.js, package.json "main") and the reference
      // central server that training mode starts as a child (out/central/index.js). The shell's entry stays first:
      // electron-vite runs the first input in dev.
      outDir: 'out',
      rollupOptions: {
        input: { 'main/index': resolve('electron/main/index.ts'), 'central/index': resolve('central/main.ts') },
        output: { entryFileNames: '[name].js', chunkFileNames: 'main/chunks/[name]-[hash].js' },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react(), cspMetaOutOfDev],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      // Minified: the first script is what the queue waits for. Each screen but sign-in and the queue is a chunk
      // of its own (renderer/src/app/Workspace.tsx).
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
