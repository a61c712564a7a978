/**
 * What kind of MySQL deployment a connection reached. It decides two things:
 * - whether multi-statement transactions (grouped seat holds, grouped Direct Line appends) may run:
 *   only on a plain server, where a batch that fails stops at its failing statement. A multi-primary
 *   cluster can abort a transaction from outside in the middle of a batch (Galera's brute-force abort of
 *   a transaction that conflicts with a write from another node); MariaDB then runs the rest of the
 *   batch outside any transaction and reports success, which half-commits a hold. So the grouped paths
 *   run only where the server is proven to be a plain one;
 * - session settings a cluster needs for read-your-writes across nodes (`wsrep_sync_wait` on Galera).
 */
export type MysqlTopology =
  /** One server (possibly with asynchronous replicas): transactional multi-statement batches. */
  | 'single'
  /** MariaDB Galera (or Percona XtraDB Cluster): `@@wsrep_on` is set. */
  | 'galera'
  /** MySQL Group Replication / InnoDB Cluster. */
  | 'group_replication'
  | 'tidb'
  /** The probe could not tell: treated like a cluster (the one-transaction-per-item paths). */
  | 'unknown';

/** Runs one statement on the connection being probed; rejects with the server's error. */
export type ProbeQuery = (sql: string) => Promise<Record<string, unknown>[]>;

const firstValue = (rows: Record<string, unknown>[]): unknown => {
  const row = rows[0];
  return row ? Object.values(row)[0] : undefined;
};

/** Asks the server what it is. Never throws: a server that cannot be classified is 'unknown'. */
export async function probeTopology(query: ProbeQuery): Promise<MysqlTopology> {
  let version: string;
  try {
    version = String(firstValue(await query('SELECT VERSION() AS v')) ?? '');
  } catch {
    return 'unknown';
  }
  if (/tidb/i.test(version)) return 'tidb';
  const wsrep = await query('SELECT @@wsrep_on AS w').then(
    (rows) => Number(firstValue(rows)),
    () => null, // 1193 unknown variable: not a wsrep server (MySQL)
  );
  if (wsrep === 1) return 'galera';
  if (/mariadb/i.test(version)) return wsrep === 0 ? 'single' : 'unknown'; // MariaDB has no Group Replication
  const members = await query(
    "SELECT COUNT(*) AS n FROM performance_schema.replication_group_members WHERE MEMBER_STATE <> 'OFFLINE'",
  ).then(
    (rows) => Number(firstValue(rows)),
    () => null,
  );
  if (members === null) return 'unknown';
  return members > 0 ? 'group_replication' : 'single';
}

/** Multi-statement batches with a COMMIT at their end are safe only on a plain server. */
export function groupedWritesAllowed(topology: MysqlTopology): boolean {
  return topology === 'single';
}
