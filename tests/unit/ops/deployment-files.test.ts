import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CONFIG_KEYS, loadConfig } from '../../../api/config/config';

/**
 * Container images cannot be pulled here, so the deployment files are checked against the app itself:
 * compose.yaml's services, health checks and environment, nginx's upstreams, and the Dockerfile's
 * commands (which .ci/compiled-smoke runs for real).
 */
interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}
const compose = parse(readFileSync('compose.yaml', 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const packageScripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
  .scripts;

/** What `docker compose` does to ${VAR:-default} and ${VAR:?message} with the given variables. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    const v = vars[name];
    if (v !== undefined && v !== '') return v;
    if (op === '?') throw new Error(`compose requires ${name}: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}
const OPERATOR_VARS = {
  MARIADB_PASSWORD: 'db-pass',
  MARIADB_ROOT_PASSWORD: 'root-pass',
  JWT_SECRET: randomBytes(32).toString('hex'),
};
const envOf = (service: string) =>
  Object.fromEntries(
    Object.entries(services[service]!.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), OPERATOR_VARS)]),
  );
const seconds = (duration: string) => Number(/^(\d+)s$/.exec(duration)?.[1] ?? NaN);

describe('compose.yaml', () => {
  it('has two app instances behind a proxy, the release step, MariaDB and Redis', () => {
    expect(Object.keys(services).sort()).toEqual(['app1', 'app2', 'mariadb', 'migrate', 'proxy', 'redis']);
    for (const name of ['app1', 'app2', 'proxy', 'mariadb', 'redis'])
      expect(services[name]!.healthcheck?.test.length).toBeGreaterThan(1);
  });

  it.each(['app1', 'app2', 'migrate'])('%s: every variable is one jetway reads, and the values are valid', (name) => {
    const env = envOf(name);
    const known = new Set<string>(CONFIG_KEYS);
    expect(Object.keys(env).filter((k) => !known.has(k))).toEqual([]);
    const config = loadConfig(env);
    expect(config).toMatchObject({ NODE_ENV: 'production', databaseKind: 'mysql', SEED_DEMO: false });
    expect(config.MIGRATE_ON_START).toBe(false);
  });

  it('refuses to start without the operator secrets', () => {
    expect(() => interpolate(String(services.app1!.environment!.JWT_SECRET), {})).toThrow(/requires JWT_SECRET/);
  });

  it('instances reach MariaDB with its own database, user and password, after the release step', () => {
    const db = envOf('mariadb');
    const url = new URL(envOf('app1').DATABASE_URL!);
    expect([url.hostname, url.port, url.username, url.password, url.pathname]).toEqual([
      'mariadb',
      '3306',
      db.MARIADB_USER,
      db.MARIADB_PASSWORD,
      `/${db.MARIADB_DATABASE}`,
    ]);
    expect(services.migrate!.command!.join(' ')).toBe(packageScripts['migrate:prod']);
    for (const app of ['app1', 'app2'])
      expect(services[app]!.depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        mariadb: { condition: 'service_healthy' },
      });
  });

  it('checks each instance on /healthz at its PORT and lets shutdown finish before SIGKILL', () => {
    const config = loadConfig(envOf('app1'));
    const probe = services.app1!.healthcheck!.test.join(' ');
    expect(probe).toContain(`http://127.0.0.1:${config.PORT}/healthz`);
    expect(seconds(services.app1!.stop_grace_period!) * 1000).toBeGreaterThan(config.SHUTDOWN_TIMEOUT_MS);
    expect(config.METRICS_PORT).not.toBe(0);
  });

  it('the proxy balances both instances on their PORT without sticky sessions', () => {
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    const port = loadConfig(envOf('app1')).PORT;
    const upstream = /upstream jetway \{([^}]*)\}/.exec(nginx)![1]!;
    expect([...upstream.matchAll(/server (\S+)/g)].map((m) => m[1])).toEqual([`app1:${port}`, `app2:${port}`]);
    expect(upstream).not.toMatch(/ip_hash|sticky|\bhash\b/);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, ' ');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds with the build script and installs production dependencies only for the runtime', () => {
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/COPY --from=production-deps \/app\/node_modules/);
    expect(runtime).not.toMatch(/npm ci|npm install|COPY \. \./);
  });

  it('runs the compiled server as a non-root user, with a health check on /healthz', () => {
    expect(/^USER (\S+)$/m.exec(runtime)?.[1]).toBe('node');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)![1]!) as string[];
    expect(cmd.join(' ')).toBe(packageScripts['start:prod']);
    // Development runs with the production's V8 flags (the young generation's size), as bench:chat does.
    const flags = (script: string) => script.split(' ').filter((w) => w.startsWith('--'));
    expect(flags(packageScripts.start!)).toEqual(flags(packageScripts['start:prod']!));
    expect(flags(packageScripts['start:prod']!)).toContain('--max-semi-space-size=64');
    expect(runtime).toMatch(/^HEALTHCHECK .*\/healthz/m);
    const env = Object.fromEntries([...runtime.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    const config = loadConfig({ ...env, JWT_SECRET: randomBytes(32).toString('hex') });
    expect(/^EXPOSE (.*)$/m.exec(runtime)![1]!.split(' ').map(Number)).toEqual([config.PORT, config.METRICS_PORT]);
  });
});
