import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../../api/config/config';
import { describeConfig } from '../../../api/config/config-report';
import { loadEnvFile } from '../../../api/config/env-file';

// A random-looking 40-character secret: production refuses repetitive or low-entropy ones.
const SECRET = 'c0d3f1a9e47b2d8c65f0a3e9b1d7c4f28e6a0b95';
const production = (env: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, ...env });

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults that depend on NODE_ENV', () => {
  it('seeds the demo and migrates at start outside production; serves /metrics on PORT', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({
      SEED_DEMO: true,
      MIGRATE_ON_START: true,
      METRICS_PORT: 0,
    });
  });

  it('in production: no demo inventory, migrations as a release step, metrics on their own port', () => {
    expect(production()).toMatchObject({ SEED_DEMO: false, MIGRATE_ON_START: false, METRICS_PORT: 9464 });
  });

  it('an explicit value wins in either mode', () => {
    expect(production({ SEED_DEMO: 'true', MIGRATE_ON_START: 'yes' })).toMatchObject({
      SEED_DEMO: true,
      MIGRATE_ON_START: true,
    });
    expect(loadConfig({ NODE_ENV: 'test', MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
  });

  it('treats an empty value (a copied .env.example line) as the default', () => {
    const c = loadConfig({ NODE_ENV: 'test', LOG_FORMAT: '', SEED_DEMO: ' ', PORT: '' });
    expect(c).toMatchObject({ logFormat: 'pretty', SEED_DEMO: true, PORT: 3978 });
  });
});

describe('operational settings', () => {
  it('refuses /metrics on the public port in production without a token, and a clash with PORT', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: SECRET, METRICS_PORT: '0' })).toEqual([
      expect.stringMatching(/^METRICS_TOKEN is required in production/),
    ]);
    expect(production({ METRICS_PORT: '0', METRICS_TOKEN: 't'.repeat(20) }).METRICS_PORT).toBe(0);
    expect(problemsOf({ NODE_ENV: 'test', PORT: '8080', METRICS_PORT: '8080' })).toEqual([
      expect.stringMatching(/^METRICS_PORT must differ from PORT/),
    ]);
  });

  it('names bad retention and shutdown values', () => {
    const problems = problemsOf({ RETENTION_SMS_DAYS: '-1', SHUTDOWN_TIMEOUT_MS: 'soon' });
    expect(problems).toEqual([
      expect.stringMatching(/^SHUTDOWN_TIMEOUT_MS must be a number/),
      expect.stringMatching(/^RETENTION_SMS_DAYS must be at least 0/),
    ]);
  });
});

describe('describeConfig (npm run config:check)', () => {
  it('masks secrets and URL passwords, and says which values are defaults', () => {
    const env = {
      NODE_ENV: 'test',
      JWT_SECRET: SECRET,
      DATABASE_URL: 'mysql://app:hunter2@db:3306/jetway',
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 'twilio-auth-secret',
    };
    const lines = describeConfig(loadConfig(env), env);
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/hunter2|twilio-auth-secret|xxxxxxxx/);
    const byKey = Object.fromEntries(lines.map((l) => [l.key, l]));
    expect(byKey.DATABASE_URL).toEqual({ key: 'DATABASE_URL', value: 'mysql://app:…@db:3306/jetway', source: 'set' });
    expect(byKey.JWT_SECRET!.value).toBe('set (40 characters, hidden)');
    expect(byKey.ACCESS_TOKEN_MINUTES).toEqual({ key: 'ACCESS_TOKEN_MINUTES', value: '15', source: 'default' });
    expect(byKey.STRIPE_SECRET_KEY!.value).toBe('(not set)');
  });
});

describe('.env', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('fills unset variables from the file; the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jetway-env-'));
    const file = join(dir, 'production.env');
    writeFileSync(file, 'JETWAY_TEST_FROM_FILE=file\nJETWAY_TEST_BOTH=file\n');
    process.env.JETWAY_TEST_BOTH = 'environment';
    process.env.ENV_FILE = file;
    expect(loadEnvFile()).toBe(file);
    expect(process.env.JETWAY_TEST_FROM_FILE).toBe('file');
    expect(process.env.JETWAY_TEST_BOTH).toBe('environment');
  });

  it('a missing .env is fine, a missing ENV_FILE is an error', () => {
    delete process.env.ENV_FILE;
    expect(loadEnvFile({ ENV_FILE: '' })).toBeNull();
    expect(() => loadEnvFile({ ENV_FILE: '/nonexistent/jetway.env' })).toThrow(/ENV_FILE names/);
  });

  it('npm run config:check exits 78 naming the bad variable, without echoing a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jetway-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'NODE_ENV=production\nJWT_SECRET=short-secret\nHOLD_MINUTES=soon\n');
    const tsx = resolve('node_modules/.bin/tsx');
    const run = spawnSync(tsx, ['scripts/config-check.ts'], {
      env: { PATH: process.env.PATH, ENV_FILE: file },
      encoding: 'utf8',
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/HOLD_MINUTES must be a number/);
    expect(run.stderr).toMatch(/JWT_SECRET must be at least 32 characters/);
    expect(run.stderr + run.stdout).not.toMatch(/short-secret/);
  });
});
