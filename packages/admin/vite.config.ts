import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The admin is served by the API at `/`; in development Vite proxies `/api` to a local API.
 * React and react-router go into one long-lived vendor chunk; everything else (MUI,
 * react-admin, charts) is split by the bundler along the lazy routes, so the first load carries
 * only what the shell and the login form use. Grouping all of react-admin or MUI into one chunk
 * put every page's components on the first load (360 kB gzip against 276 kB split; the build
 * prints the figure). What else keeps it small is in src/layout/Shell.tsx and Login.tsx: no
 * react-admin <Admin> (its default layout and pages) and no react-hook-form before sign-in.
 */
const vendorGroups: Array<[string, RegExp]> = [
  ['vendor-react', /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/],
];

/**
 * Writes a `.br` and a `.gz` beside every text asset, so the API serves compressed files without
 * compressing on each request (koa-static's `brotli`/`gzip` options pick them by Accept-Encoding).
 */
function precompress(): Plugin {
  return {
    name: 'tiaojie-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|txt|webmanifest)$/.test(name)) continue;
        const data = readFileSync(join(dir, name));
        if (data.length < 1024) continue;
        writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
        writeFileSync(
          join(dir, `${name}.br`),
          brotliCompressSync(data, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        );
      }
    },
  };
}

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
      // For test/first-load.test.ts, which holds the figure under its budget.
      this.emitFile({ type: 'asset', fileName: 'first-load.json', source: JSON.stringify({ chunks: [...seen].sort(), raw, gzip: gz, lazyChunks: lazy }, null, 2) });
      if (process.env.ANALYZE) {
        // ANALYZE=1 npx vite build: what the first load carries, by package and by module (sizes
        // before minifying; for comparing, not for the budget).
        const byPackage = new Map<string, number>();
        const modules: Array<[string, number, string]> = [];
        for (const name of seen) {
          const c = byName.get(name);
          if (!c || c.type !== 'chunk') continue;
          for (const [id, m] of Object.entries(c.modules)) {
            const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id)?.[1] ?? (id.includes('/src/') ? 'src' : id);
            byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + m.renderedLength);
            modules.push([id.replace(/^.*node_modules[\\/]/, '').replace(/^.*\/packages\/admin\//, ''), m.renderedLength, name]);
          }
        }
        const top = Number(process.env.ANALYZE) > 1 ? Number(process.env.ANALYZE) : 60;
        console.log([...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${kb(v).padStart(10)}  ${k}`).join('\n'));
        console.log(modules.sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v, c]) => `${kb(v).padStart(10)}  ${k}  [${c}]`).join('\n'));
      }
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), firstLoadSize(), precompress()],
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
