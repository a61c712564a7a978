/**
 * Shared plumbing for the operational scripts: argument parsing, configuration, a quiet database
 * connection, prompts (confirmation, hidden password) and one place that turns errors into messages
 * and exit codes.
 *
 * Exit codes: 0 success · 1 failure · 2 bad usage · 3 refused (e.g. the email exists) · 78 bad configuration.
 */
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../../api/config/config';
import { loadEnvFile } from '../../api/config/env-file';
import { openDatabase } from '../../api/db/data-source';
import type { Db } from '../../api/db/db';
import { DomainError } from '../../api/errors';

export const EXIT = { ok: 0, failure: 1, usage: 2, refused: 3, config: 78 } as const;

/** A mistake in how the script was called: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The script declined to do what was asked (e.g. an existing account), exit code 3. */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv strictly (unknown flags are usage errors); `--help`/`-h` prints `help` and exits 0. */
export function parseCli<T extends Options>(help: string, options: T, argv = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    process.stdout.write(`${help.trim()}\n`);
    process.exit(EXIT.ok);
  }
  return values as { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string };
}

/** A whole number from a flag, with bounds; undefined when the flag is absent. */
export function intFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

/** The application's configuration (DATABASE_URL etc. from the environment and .env), as the server reads it. */
export function scriptConfig(overrides: Record<string, string> = {}): Config {
  loadEnvFile();
  return loadConfig({ ...process.env, ...overrides });
}

/** "SQLite data/jetway.sqlite" or "MySQL root@127.0.0.1:3306/jetway" (never the password). */
export function describeDatabase(url: string): string {
  if (url.startsWith('sqlite:')) return `SQLite ${url.slice(7)}`;
  const u = new URL(url);
  return `MySQL ${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
}

export async function connect(config: Config, opts: { migrate?: boolean } = {}): Promise<Db> {
  try {
    return await openDatabase(config.DATABASE_URL, {
      migrate: opts.migrate,
      poolSize: Math.min(config.DATABASE_POOL_SIZE, 10),
    });
  } catch (err) {
    throw new Error(
      `cannot open ${describeDatabase(config.DATABASE_URL)}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

/** Asks a yes/no question on the terminal; refuses to guess when there is no terminal. */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new UsageError(`${question} — no terminal to ask on; pass --yes to confirm`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Reads a secret from the terminal without echoing it. */
export function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY)
    return Promise.reject(new UsageError('no terminal to prompt for a password on; use --password-stdin'));
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Reads all of stdin (for --password-stdin) and drops one trailing newline. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('reading the password from stdin (end with Ctrl-D)…\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * Runs a script's main function and exits with its code: usage mistakes, refusals, configuration
 * problems, domain errors and unexpected failures each get a one-line message and their own code.
 */
export function runScript(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? EXIT.ok),
    (err: unknown) => {
      if (err instanceof UsageError) {
        console.error(`${name}: ${err.message}\nRun with --help for usage.`);
        process.exit(EXIT.usage);
      }
      if (err instanceof RefusedError) {
        console.error(`${name}: ${err.message}`);
        process.exit(EXIT.refused);
      }
      if (err instanceof ConfigError) {
        console.error(`${name}: ${err.message}`);
        process.exit(EXIT.config);
      }
      if (err instanceof DomainError) {
        console.error(`${name}: ${err.message}`);
        process.exit(EXIT.failure);
      }
      console.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (process.env.DEBUG && err instanceof Error) console.error(err.stack);
      process.exit(EXIT.failure);
    },
  );
}
