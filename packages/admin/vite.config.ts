import { defineConfig } from 'vite';
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

export default defineConfig({
  base: '/',
  plugins: [react()],
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
