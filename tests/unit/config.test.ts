import { parseMysqlUrl } from '../../api/db/mysql-url';
import { ConfigError, loadConfig } from '../../api/config/config';

/** loadConfig with a test environment (NODE_ENV=test never writes a development secret to disk). */
const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });
/** The problems of a refused environment. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/^Invalid configuration:/);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  const c = load({});

  it('has sensible defaults', () => {
    expect(c).toMatchObject({
      NODE_ENV: 'test',
      PORT: 3978,
      DATABASE_URL: 'sqlite:data/jetway.sqlite',
      databaseKind: 'sqlite',
      HOLD_MINUTES: 15,
      ACCESS_TOKEN_MINUTES: 15,
      REFRESH_TOKEN_DAYS: 30,
      SWEEP_SECONDS: 30,
      DEFAULT_CURRENCY: 'USD',
      RATE_LIMIT_LOGIN_PER_15_MIN: 10,
      RATE_LIMIT_LOOKUP_PER_15_MIN: 30,
      SEED_DEMO: true,
      TRUST_PROXY: false,
      logFormat: 'pretty',
      publicUrl: 'http://localhost:3978',
    });
  });

  it('generates a strong JWT secret for tests, a new one each time', () => {
    expect(c.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(load({}).JWT_SECRET).not.toBe(c.JWT_SECRET);
  });
});

describe('loadConfig parsing', () => {
  it('reads numbers, booleans and URLs', () => {
    const c = load({
      PORT: '8080',
      HOLD_MINUTES: '20',
      SEED_DEMO: 'no',
      TRUST_PROXY: '1',
      PUBLIC_URL: 'https://jetway.example/',
      DATABASE_URL: 'mysql://app:pw@db:3306/jetway',
    });
    expect(c).toMatchObject({
      PORT: 8080,
      HOLD_MINUTES: 20,
      SEED_DEMO: false,
      TRUST_PROXY: true,
      publicUrl: 'https://jetway.example',
      databaseKind: 'mysql',
    });
  });

  it('uses JSON logs in production and keeps a given secret', () => {
    const secret = 'q7Vh2kLx9PzR4mWn8TcY3bJf6GdS1aEu';
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).toMatchObject({
      logFormat: 'json',
      JWT_SECRET: secret,
    });
  });

  it("reads a MySQL URL that connects through the server's Unix socket", () => {
    const url = 'mysql://app:p%40ss@localhost/jetway?socket=/run/mysqld/mysqld.sock';
    expect(load({ DATABASE_URL: url }).databaseKind).toBe('mysql');
    expect(parseMysqlUrl(url)).toEqual({
      host: 'localhost',
      port: 3306,
      username: 'app',
      password: 'p@ss',
      database: 'jetway',
      socketPath: '/run/mysqld/mysqld.sock',
    });
    expect(parseMysqlUrl('mysql://root@127.0.0.1:3307/db')).toEqual({
      host: '127.0.0.1',
      port: 3307,
      username: 'root',
      password: '',
      database: 'db',
    });
  });

  it('accepts an in-memory SQLite database', () => {
    expect(load({ DATABASE_URL: 'sqlite::memory:' }).databaseKind).toBe('sqlite');
  });
});

describe('loadConfig refuses bad values, naming the variable', () => {
  it.each([
    ['PORT', 'abc', /^PORT must be a number/],
    ['PORT', '70000', /^PORT must be at most 65535/],
    ['PORT', '80.5', /^PORT must be a whole number/],
    ['HOLD_MINUTES', '0', /^HOLD_MINUTES must be at least 1/],
    ['HOLD_MINUTES', 'soon', /^HOLD_MINUTES must be a number/],
    ['HOLD_MINUTES', '99999', /^HOLD_MINUTES must be at most 1440/],
    ['DATABASE_URL', 'postgres://db/jetway', /^DATABASE_URL must be sqlite:<file>/],
    ['DATABASE_URL', 'jetway.sqlite', /^DATABASE_URL must be sqlite:<file>/],
    [
      'DATABASE_URL',
      'mysql://root@db/jetway?sock=/tmp/x',
      /^DATABASE_URL has an unknown option "sock" \(a MySQL URL takes only \?socket=/,
    ],
    ['SEED_DEMO', 'maybe', /^SEED_DEMO must be true or false/],
    ['DEFAULT_CURRENCY', 'usd', /^DEFAULT_CURRENCY must be an ISO 4217 code/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL /],
    ['PUBLIC_URL', 'jetway.example', /^PUBLIC_URL must be an http\(s\) URL/],
  ])('%s=%s', (key, value, message) => {
    const found = problems({ NODE_ENV: 'test', [key]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
    expect(found[0]).toContain(`(got "${value}")`);
  });

  it('reports every bad variable at once', () => {
    const found = problems({ NODE_ENV: 'test', PORT: 'x', HOLD_MINUTES: '-5', DATABASE_URL: 'oracle:x' });
    expect(found.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'HOLD_MINUTES', 'PORT']);
  });

  it('requires JWT_SECRET in production', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET is required in production (32+ random characters)',
    ]);
  });

  it('refuses a short JWT_SECRET without echoing it', () => {
    const found = problems({ NODE_ENV: 'production', JWT_SECRET: 'hunter2-hunter2' });
    expect(found[0]).toMatch(/^JWT_SECRET must be at least 32 characters/);
    expect(found.join('\n')).not.toContain('hunter2');
  });

  it('does not echo a password inside a refused DATABASE_URL', () => {
    const found = problems({ NODE_ENV: 'test', DATABASE_URL: 'postgres://jetway:S3cretPassw0rd@db:5432/jetway' });
    expect(found[0]).toMatch(/^DATABASE_URL must be/);
    expect(found.join('\n')).not.toContain('S3cretPassw0rd');
  });

  it.each([
    [{ STRIPE_SECRET_KEY: 'sk_test_123' }, 'STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set'],
    [{ TWILIO_ACCOUNT_SID: 'AC123' }, 'TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set'],
  ])('requires companions of %j', (env, message) => {
    expect(problems({ NODE_ENV: 'test', ...env })).toEqual([message]);
  });
});
