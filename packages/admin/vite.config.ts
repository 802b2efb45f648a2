import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The admin is served by the API at `/`; in development Vite proxies `/api` to a local API.
 * Libraries go into a few long-lived vendor chunks and every page is a lazy route, so the
 * first load carries the shell only (the build prints every chunk's size).
 */
const vendorGroups: Array<[string, RegExp]> = [
  ['vendor-react', /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/],
  ['vendor-mui', /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group|stylis)[\\/]/],
  ['vendor-charts', /node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|internmap|decimal\.js-light|@reduxjs|redux|redux-thunk|immer|reselect|react-redux)[\\/]/],
  ['vendor-ra', /node_modules[\\/](react-admin|ra-[^\\/]+|react-hook-form|@tanstack|lodash|inflection|node-polyglot|query-string|jsonexport|react-dropzone|react-error-boundary|clsx|dompurify|date-fns)[\\/]/],
];

/** Prints what the browser downloads before the first page shows: the entry chunk and its static imports. */
function firstLoadSize(): Plugin {
  return {
    name: 'tiaojie-first-load-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const seen = new Set<string>();
      const visit = (name: string) => {
        if (seen.has(name)) return;
        seen.add(name);
        const c = byName.get(name);
        if (c && c.type === 'chunk') c.imports.forEach(visit);
      };
      chunks.filter((c) => c.type === 'chunk' && c.isEntry).forEach((c) => visit(c.fileName));
      let raw = 0;
      let gz = 0;
      for (const name of seen) {
        const c = byName.get(name);
        if (c && c.type === 'chunk') {
          raw += Buffer.byteLength(c.code);
          gz += gzipSync(c.code).length;
        }
      }
      const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      const lazy = chunks.length - seen.size;
      console.log(`\nfirst load: ${seen.size} chunks, ${kb(raw)} (gzip ${kb(gz)}); ${lazy} more chunks load on demand\n`);
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), firstLoadSize()],
  // Core's domain module is CommonJS from a linked workspace package: pre-bundle it for the dev
  // server as for any dependency (the production build converts it on its own).
  optimizeDeps: { include: ['@tiaojie/core/domain'] },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups.map(([name, test]) => ({ name, test })),
        },
      },
    },
  },
});
