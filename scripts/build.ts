/**
 * `npm run build`: compiles the server (main.ts, api, bot, dialogs, cards, migrations and the
 * operational scripts) to CommonJS in dist/ with swc, one file at a time (types are checked separately
 * by `npm run typecheck`), then copies the chat page and the Web Chat bundle to dist/web, so a
 * production install needs neither tsx nor botframework-webchat's dependency tree.
 *
 * Run it with `node dist/main.js`; migrations with `node dist/scripts/migrate.js`.
 */
import { transformFile, type Options } from '@swc/core';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { webChatBundlePath } from '../bot/web.routes';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'dist');
const SOURCES = ['main.ts', 'api', 'bot', 'dialogs', 'cards', 'migrations', 'scripts'];
/** Development-only code that needs development dependencies (benchmarks). */
const SKIPPED = [join('scripts', 'bench')];

function typeScriptFiles(path: string): string[] {
  const rel = relative(ROOT, path);
  if (SKIPPED.some((s) => rel === s || rel.startsWith(`${s}/`))) return [];
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((name) => typeScriptFiles(join(path, name)));
  return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
}

async function main(): Promise<void> {
  const started = Date.now();
  const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8')) as Options;
  const options: Options = { ...swcrc, swcrc: false, sourceMaps: true };
  rmSync(OUT, { recursive: true, force: true });
  const files = SOURCES.flatMap((s) => typeScriptFiles(join(ROOT, s)));
  await Promise.all(
    files.map(async (file) => {
      const target = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
      const output = await transformFile(file, {
        ...options,
        filename: file,
        sourceFileName: relative(dirname(target), file),
      });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `${output.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      if (output.map) writeFileSync(`${target}.map`, output.map);
    }),
  );
  cpSync(join(ROOT, 'web'), join(OUT, 'web'), { recursive: true });
  const bundle = webChatBundlePath();
  if (!existsSync(bundle)) throw new Error(`the Web Chat bundle is missing at ${bundle}: run npm install`);
  mkdirSync(join(OUT, 'web', 'vendor'), { recursive: true });
  cpSync(bundle, join(OUT, 'web', 'vendor', 'webchat.js'));
  console.log(`built ${files.length} files and the chat page into dist/ in ${Date.now() - started} ms`);
}

main().catch((err: unknown) => {
  console.error('build failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
