#!/usr/bin/env node
// Starts the language-understanding CLI (scripts/nlu.ts) fast: the first run bundles it with esbuild
// into .cache/nlu.cjs; later runs load the bundle directly (no TypeScript compile at start-up) unless a
// source file is newer. `npm run -s nlu -- --today YYYY-MM-DD` goes through here.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.cache', 'nlu.cjs');
const sources = ['scripts/nlu.ts', 'dialogs/nlu', 'api/seed/data', 'api/domain'];

function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => Math.max(m, newestMtime(path.join(p, f))), st.mtimeMs);
}

function fresh() {
  if (!fs.existsSync(out)) return false;
  const built = fs.statSync(out).mtimeMs;
  return sources.every((s) => newestMtime(path.join(root, s)) <= built);
}

if (!fresh()) {
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'scripts/nlu.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
}
require(out);
