#!/usr/bin/env node
/**
 * Builds the admin with Vite only when its inputs changed since the last build, so that a second
 * `npm start` does not spend a minute bundling what it bundled before.
 *
 * Inputs: the admin's sources, index.html, public/, vite config and package.json, the dependency-free
 * core code the admin bundles (packages/core/src/domain), the lockfile (dependency versions) and
 * VITE_* variables. Their content hash is written to dist/.build-stamp after a successful build;
 * the stamp lives inside dist so that deleting dist forces a build.
 *
 * Usage: node scripts/build-admin-if-changed.mjs [--force]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const admin = join(root, 'packages/admin');
const dist = join(admin, 'dist');
const stampFile = join(dist, '.build-stamp');

const INPUTS = [
  'packages/admin/src',
  'packages/admin/public',
  'packages/admin/index.html',
  'packages/admin/vite.config.ts',
  'packages/admin/package.json',
  'packages/core/src/domain',
  'package-lock.json',
];

/** Every file under a path (itself when it is a file), sorted so the hash does not depend on readdir order. */
function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  const viteEnv = Object.keys(process.env).filter((k) => k.startsWith('VITE_')).sort();
  for (const k of viteEnv) hash.update(`${k}=${process.env[k]}\0`);
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
const hash = inputsHash();
const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
if (!force && previous === hash && existsSync(join(dist, 'index.html'))) {
  console.log('admin: unchanged since the last build, Vite build skipped');
  process.exit(0);
}

const vite = join(root, 'node_modules/vite/bin/vite.js');
const result = spawnSync(process.execPath, [vite, 'build'], { cwd: admin, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, `${hash}\n`);
