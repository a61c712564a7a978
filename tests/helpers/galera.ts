/**
 * Tests on a multi-primary MariaDB Galera cluster (scripts/galera/cluster.sh), with app instances on
 * different nodes. They run only when TEST_GALERA_URLS lists the nodes (comma-separated MySQL server
 * URLs, e.g. mysql://root@127.0.0.1:33061,mysql://root@127.0.0.1:33062,mysql://root@127.0.0.1:33063);
 * CI starts the cluster and sets it.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { loadConfig, type Config } from '../../api/config/config';
import { ensureMysqlDatabase } from '../../api/db/data-source';
import { parseMysqlUrl } from '../../api/db/mysql-url';

export const GALERA_URLS: string[] = (process.env.TEST_GALERA_URLS ?? '')
  .split(',')
  .map((u) => u.trim())
  .filter(Boolean);

/** `describe` when the cluster is configured, else a skipped describe (so `npm test` passes without it). */
export const describeOnGalera = GALERA_URLS.length >= 2 ? describe : describe.skip;

export interface GaleraDatabase {
  /** One configuration per node: the same database (and JWT secret) reached through that node. */
  configs: Config[];
  /** The node URLs with the database, in node order. */
  urls: string[];
  drop(): Promise<void>;
}

/** A fresh database on the cluster (created through the first node; DDL replicates to all). */
export async function galeraDatabase(env: Record<string, string> = {}): Promise<GaleraDatabase> {
  const name = `jetway_galera_${process.pid}_${randomBytes(4).toString('hex')}`;
  const urls = GALERA_URLS.map((base) => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  });
  await ensureMysqlDatabase(urls[0]!);
  // One deployment: every instance shares the signing secret (tests otherwise get a random one each).
  const secret = randomBytes(24).toString('hex');
  const configs = urls.map((url) =>
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      JWT_SECRET: secret,
      ...env,
    }),
  );
  return {
    configs,
    urls,
    drop: () => onNode(urls[0]!, (q) => q(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

/** One DATABASE_URL listing the nodes in `order` (0-based), for an instance that fails over between them. */
export function failoverUrl(db: GaleraDatabase, order: number[]): string {
  const first = new URL(db.urls[order[0]!]!);
  const hosts = order.map((n) => new URL(db.urls[n]!).host).join(',');
  return `mysql://${first.username}${first.password ? `:${first.password}` : ''}@${hosts}${first.pathname}`;
}

/** Node fault tests (kill -9 a node) run only when asked: TEST_GALERA_FAULTS=1 and the cluster script at hand. */
export const describeGaleraFaults =
  GALERA_URLS.length >= 3 && process.env.TEST_GALERA_FAULTS === '1' ? describe : describe.skip;

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Runs `fn` on a plain connection to one node, reading only after the node has applied every commit. */
export async function onNode<T>(url: string, fn: (q: Query) => Promise<T>): Promise<T> {
  const p = parseMysqlUrl(url);
  const c = await createConnection({
    host: p.host,
    port: p.port,
    user: p.username,
    password: p.password,
    database: p.database,
  });
  try {
    await c.query('SET SESSION wsrep_sync_wait = 1');
    return await fn(async (sql, params = []) => (await c.query(sql, params))[0] as Record<string, unknown>[]);
  } finally {
    await c.end();
  }
}

/**
 * Integrity of seat holds as seen by one node, in SQL: each problem found is one line (empty: sound).
 * - no seat held by two bookings, and no passenger with two seats on one flight;
 * - every live booking owns exactly one seat per seated passenger and flight (none without its seats);
 * - no seat owned by a booking or passenger that does not exist (orphans of a half-written hold);
 * - every PNR answered 201 exists, as a booking with its seats.
 */
export async function holdIntegrityProblems(url: string, acknowledgedPnrs: string[]): Promise<string[]> {
  return onNode(url, async (q) => {
    const problems: string[] = [];
    const add = async (label: string, sql: string, params: unknown[] = []) => {
      const rows = await q(sql, params);
      if (rows.length > 0) problems.push(`${label}: ${JSON.stringify(rows.slice(0, 5))}`);
    };
    await add(
      'a seat claimed twice',
      `SELECT flight_id, designator, COUNT(*) AS n FROM seats GROUP BY flight_id, designator HAVING n > 1`,
    );
    await add(
      'a passenger with two seats on one flight',
      `SELECT passenger_id, flight_id, COUNT(*) AS n FROM seats WHERE state <> 'free'
        GROUP BY passenger_id, flight_id HAVING n > 1`,
    );
    await add(
      'a seat owned by a missing booking or passenger',
      `SELECT s.id, s.booking_id, s.passenger_id FROM seats s
        LEFT JOIN bookings b ON b.id = s.booking_id
        LEFT JOIN passengers p ON p.id = s.passenger_id AND p.booking_id = s.booking_id
        WHERE s.state <> 'free' AND (b.id IS NULL OR p.id IS NULL)`,
    );
    await add(
      'a live booking missing a seat',
      `SELECT b.pnr, seg.flight_id, p.id AS passenger_id FROM bookings b
        JOIN booking_segments seg ON seg.booking_id = b.id
        JOIN passengers p ON p.booking_id = b.id AND p.type <> 'INF'
        LEFT JOIN seats s ON s.flight_id = seg.flight_id AND s.passenger_id = p.id AND s.booking_id = b.id
          AND s.state <> 'free'
        WHERE b.status IN ('held', 'confirmed') AND s.id IS NULL`,
    );
    await add(
      'a booking without passengers or segments',
      `SELECT b.pnr FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM passengers p WHERE p.booking_id = b.id)
        OR NOT EXISTS (SELECT 1 FROM booking_segments s WHERE s.booking_id = b.id)`,
    );
    if (acknowledgedPnrs.length > 0) {
      const found = await q(`SELECT pnr FROM bookings WHERE pnr IN (?)`, [acknowledgedPnrs]);
      const have = new Set(found.map((r) => String(r.pnr)));
      const missing = acknowledgedPnrs.filter((p) => !have.has(p));
      if (missing.length > 0) problems.push(`201 without its booking: ${missing.slice(0, 5).join(', ')}`);
    }
    return problems;
  });
}
